// Copy to the clipboard from a click. Resolves false when the browser refuses (no focus, policy),
// so the caller can say so instead of pretending.
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}
