import { render } from 'preact'
import { ApprovalApp } from './ApprovalApp.tsx'

render(<ApprovalApp />, document.getElementById('root')!)
