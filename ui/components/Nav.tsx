// The popup's bottom navigation: links (so Tab/Enter work and the route is in the URL), plus
// arrow keys to move between them, as in a tab bar.
export interface NavItem {
  route: string
  label: string
  icon: string
}

export function Nav({ items, current }: { items: NavItem[]; current: string }) {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
    const links = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLAnchorElement>('a')]
    const i = links.indexOf(document.activeElement as HTMLAnchorElement)
    if (i < 0) return
    const next = links[(i + (e.key === 'ArrowRight' ? 1 : links.length - 1)) % links.length]
    next.focus()
    e.preventDefault()
  }
  return (
    <nav class="nav" aria-label="Main" onKeyDown={onKey}>
      {items.map((it) => (
        <a href={`#/${it.route}`} aria-current={it.route === current ? 'page' : undefined} data-route={it.route} key={it.route}>
          <span class="nav-icon" aria-hidden="true">
            {it.icon}
          </span>
          <span>{it.label}</span>
        </a>
      ))}
    </nav>
  )
}
