// Web Push for the browser suite: a stand-in push service on 127.0.0.1 that
// keeps what the qself worker sends it, the keys of a subscription the test
// makes, the decryption of what it received (RFC 8291 with RFC 8188
// aes128gcm), and the delivery of a payload to the app's service worker
// through the DevTools protocol (real push services are not reachable here).
// The same server stands in for webhooks under /hook/<name>.
import { createECDH, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'

const b64url = (bytes) => Buffer.from(bytes).toString('base64url')

/** A browser's side of a subscription: a P-256 key pair and a 16-byte auth secret. */
export function subscriptionKeys() {
  const ecdh = createECDH('prime256v1')
  ecdh.generateKeys()
  const auth = randomBytes(16)
  return { ecdh, auth, json: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) } }
}

/** The plaintext of an aes128gcm body encrypted for `keys` (one record, as Web Push sends). */
export function decryptPush(body, keys) {
  const salt = body.subarray(0, 16)
  const idLength = body.readUInt8(20)
  const senderKey = body.subarray(21, 21 + idLength)
  const ciphertext = body.subarray(21 + idLength)
  const shared = keys.ecdh.computeSecret(senderKey)
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), senderKey])
  const ikm = Buffer.from(hkdfSync('sha256', shared, keys.auth, info, 32))
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16))
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12))
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce)
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16))
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()])
  // The last record ends with a 0x02 delimiter, then zero padding.
  let end = padded.length - 1
  while (end >= 0 && padded[end] === 0) end--
  if (padded[end] !== 2) throw new Error('not the last record of an aes128gcm body')
  return padded.subarray(0, end).toString('utf8')
}

/**
 * A push service on 127.0.0.1 over plain HTTP: answers 201 and keeps every
 * request. Under /hook/<name> it is a webhook instead: answers 200 and keeps
 * the JSON body too (`json`).
 */
export async function startPushService() {
  const received = []
  const waiters = []
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const request = { method: req.method, url: req.url, headers: req.headers, body }
      received.push(request)
      if (req.url.startsWith('/hook/')) {
        try {
          request.json = JSON.parse(body.toString('utf8'))
        } catch {
          request.json = undefined
        }
        res.writeHead(200).end()
      } else {
        res.writeHead(201, { Location: `${req.url}/message/${received.length}` }).end()
      }
      for (const w of waiters.splice(0)) w()
    })
  })
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return {
    base,
    received,
    /** Resolves with the `count`th request to `path` (1-based), waiting up to `timeoutMs`. */
    async nth(path, count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const hits = received.filter((r) => r.url === path)
        if (hits.length >= count) return hits[count - 1]
        if (Date.now() > deadline)
          throw new Error(`the push service got ${hits.length} of ${count} requests to ${path}`)
        await new Promise((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 200)
        })
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/**
 * Runs in each page: PushManager's subscription is the stand-in's (kept in
 * localStorage, as the browser keeps a real one across reloads).
 */
export function standInPushManager({ endpoint, p256dh, auth }) {
  const bytes = (b64url) =>
    Uint8Array.from(atob(b64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)).buffer
  const subscription = (key) => ({
    endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: bytes(key) },
    getKey: (name) => bytes(name === 'p256dh' ? p256dh : auth),
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => {
      localStorage.removeItem('test.push.key')
      return true
    },
  })
  PushManager.prototype.subscribe = async function (options) {
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    localStorage.setItem('test.push.key', key)
    return subscription(key)
  }
  PushManager.prototype.getSubscription = async function () {
    const key = localStorage.getItem('test.push.key')
    return key ? subscription(key) : null
  }
}

/** Delivers `payload` (JSON text) to the service worker of `origin`, as a push service would. */
export async function deliverPush(context, page, origin, payload) {
  const cdp = await context.newCDPSession(page)
  try {
    const registrations = []
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations))
    await cdp.send('ServiceWorker.enable')
    const deadline = Date.now() + 5000
    let found
    while (!(found = registrations.find((r) => !r.isDeleted && r.scopeURL === `${origin}/`))) {
      if (Date.now() > deadline) throw new Error(`no service worker registration for ${origin}/`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: found.registrationId, data: payload })
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}
