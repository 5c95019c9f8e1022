// The `uid` the web app gives each log it adds (docs/api.md, "uid"): sending
// the same log again with the same uid, after an answer lost on the way, adds
// it once.

/** What newLogUid needs of Web Crypto; `randomUUID` exists in secure contexts only (not on http://192.168.…). */
export interface UidCrypto {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
  randomUUID?: () => string
}

/** A random (version 4) UUID: crypto.randomUUID where there is one, else one made from crypto.getRandomValues. */
export function newLogUid(source: UidCrypto = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID()
  const bytes = source.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 0x0f) | 0x40 // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80 // variant 10xx (RFC 9562)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The uid for each log a form sends: a new one for a new log, and the same one
 * again while the same log (same tracker, same fields) is sent again after a
 * failure, until one attempt succeeds.
 */
export function createLogUids(make: () => string = newLogUid) {
  let pending: { key: string; uid: string } | null = null
  return {
    /** The uid to send `input` to tracker `trackerId` with. */
    uidFor(trackerId: number, input: object): string {
      const key = JSON.stringify([trackerId, input])
      if (pending?.key !== key) pending = { key, uid: make() }
      return pending.uid
    },
    /** The log with this uid was added: the next one is a new log. */
    added(uid: string): void {
      if (pending?.uid === uid) pending = null
    },
  }
}
