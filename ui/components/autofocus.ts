// Focus an element when it first appears. The `autofocus` attribute only works once per document
// load, and these views appear long after it.
import { useLayoutEffect } from 'preact/hooks'

export function useAutoFocus(ref: { current: HTMLElement | null }, enabled = true): void {
  useLayoutEffect(() => {
    if (enabled) ref.current?.focus()
  }, [])
}
