// An error (or warning) a screen reader announces as soon as it appears.
import type { ComponentChildren } from 'preact'

export function Alert({ children, tone = 'error', testId }: { children: ComponentChildren; tone?: 'error' | 'warn'; testId?: string }) {
  return (
    <div class={`alert alert-${tone}`} role="alert" data-testid={testId}>
      {children}
    </div>
  )
}

/** A warning that is part of the page, not an event: not announced on its own. */
export function Callout({ children, tone = 'warn', title }: { children: ComponentChildren; tone?: 'warn' | 'info'; title?: string }) {
  return (
    <div class={`callout callout-${tone}`}>
      {title && <strong class="callout-title">{title}</strong>}
      {children}
    </div>
  )
}
