import { render } from 'preact'

function Approval() {
  return <main class="page"><h1>Approve</h1></main>
}

render(<Approval />, document.getElementById('root')!)
