// The `uid` the web app gives each log it adds (docs/api.md, "uid"): sending
// the same log again with the same uid, after an answer lost on the way, adds
// it once.

/** What newLogUid needs of Web Crypto (getRandomValues exists in insecure contexts too, like http://192.168.…). */
export interface UidCrypto {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>
}

/**
 * A time-ordered (version 7, RFC 9562) UUID: the Unix time in milliseconds,
 * then random bits. Logs made later get ids that sort later, so the server adds
 * each to the end of its uid index rather than to a random page of it.
 */
export function newLogUid(source: UidCrypto = globalThis.crypto, nowMillis: number = Date.now()): string {
  const bytes = source.getRandomValues(new Uint8Array(16))
  let time = Math.max(0, Math.floor(nowMillis))
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256 // 48 bits, big-endian
    time = Math.floor(time / 256)
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70 // version 7
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
