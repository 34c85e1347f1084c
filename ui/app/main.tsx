import { render } from 'preact'

function App() {
  return <main class="page"><h1>Rollup Wallet</h1></main>
}

render(<App />, document.getElementById('root')!)
