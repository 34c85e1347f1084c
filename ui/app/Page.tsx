// A full-page view: sets the tab title and moves focus to the heading when it appears, so a
// screen reader announces where the user arrived and Tab starts from the top of the view.
import { useLayoutEffect, useRef } from 'preact/hooks'
import type { ComponentChildren } from 'preact'

// The first view of a page load keeps the browser's own starting point; later ones take the focus.
let firstView = true

export function Page({ title, children, wide }: { title: string; children: ComponentChildren; wide?: boolean }) {
  const h1 = useRef<HTMLHeadingElement>(null)
  useLayoutEffect(() => {
    document.title = `${title} · Rollup Wallet`
    // A field with autofocus keeps the focus; otherwise the heading takes it.
    if (!firstView && (!document.activeElement || document.activeElement === document.body)) h1.current?.focus()
    firstView = false
  }, [title])
  return (
    <section class={wide ? 'page-body wide' : 'page-body'}>
      <h1 ref={h1} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  )
}
