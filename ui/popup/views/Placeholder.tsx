export function Placeholder({ title }: { title: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p class="muted">Not available in this version yet.</p>
    </section>
  )
}
