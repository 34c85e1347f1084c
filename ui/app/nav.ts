// Moving between the full-page views: hash routes, so the back button and reloads work.
export function go(route: string): void {
  location.hash = `#/${route}`
}

export const href = (route: string) => `#/${route}`
