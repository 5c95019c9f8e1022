// Copies text: the Clipboard API where the page may use it (HTTPS or
// localhost), else the older select-and-copy on a given input.

export async function copyText(text: string, fallbackInput?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (globalThis.isSecureContext && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied: try the old way.
  }
  if (!fallbackInput) return false
  fallbackInput.focus()
  fallbackInput.select()
  try {
    return document.execCommand('copy')
  } catch {
    return false
  }
}
