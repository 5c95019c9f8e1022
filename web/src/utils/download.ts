// Saves a Blob as a file: an object URL on a temporary link with `download`,
// clicked, then released. (A plain link to the API cannot send the token.)

export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  a.style.display = 'none'
  doc.body.appendChild(a)
  try {
    a.click()
  } finally {
    a.remove()
    // Some browsers read the URL after click() returns; give them a moment.
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}
