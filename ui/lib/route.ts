// Hash routing: "#/send" -> "send". Works in the popup and in full pages, and the back button works.
import { useEffect, useState } from 'preact/hooks'
import { routeOf } from './hash-route.ts'

export function currentRoute(fallback: string): string {
  return routeOf(location.hash, fallback)
}

export function useRoute(fallback: string): string {
  const [route, setRoute] = useState(() => currentRoute(fallback))
  useEffect(() => {
    const on = () => setRoute(currentRoute(fallback))
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [fallback])
  return route
}
