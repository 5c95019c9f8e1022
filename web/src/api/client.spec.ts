// @vitest-environment node
// The API client against a small real HTTP server: what goes on the wire and
// how each kind of answer comes back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  ApiError,
  MAX_IMPORT_BYTES,
  createApiClient,
  filenameFromDisposition,
  isAborted,
  memoryTokenStore,
} from './client'
import type { ImportResult } from './types'

interface Seen {
  method: string
  url: string
  auth: string | undefined
  contentType: string | undefined
  body: string
  raw: Buffer
}

let server: Server
let base: string
let seen: Seen[] = []
let reply: (req: IncomingMessage, res: ServerResponse) => void = (_q, res) => res.end()

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1', ...headers })
  res.end(JSON.stringify(body))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: raw.toString('utf8'),
        raw,
      })
      reply(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

beforeEach(() => {
  seen = []
})

function client(token: string | null = 'tok-123', onUnauthorized?: (error: ApiError) => void) {
  const tokens = memoryTokenStore(token)
  return { api: createApiClient({ baseUrl: base, tokens, onUnauthorized, upload: null }), tokens }
}

const PREVIEW: ImportResult = {
  format: 'daylio',
  committed: false,
  trackers: [{ name: 'Mood', type: 'choice', action: 'create', logs: 2, duplicates: 0 }],
  logs: 2,
  duplicates: 0,
  problems: [{ line: 4, reason: 'full_date "yesterday" is not a date' }],
}

describe('API client', () => {
  it('sends the bearer token and reads JSON', async () => {
    reply = (_q, res) => json(res, 200, { items: [{ id: 1, name: 'Water' }] })
    const { api } = client()
    const result = await api.listTrackers('all')
    expect(result.items[0].name).toBe('Water')
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/v1/trackers?archived=all', auth: 'Bearer tok-123' })
  })

  it('sends JSON bodies with their content type, and the force flag when asked', async () => {
    reply = (_q, res) => json(res, 200, { id: 3 })
    const { api } = client()
    await api.updateTracker(3, { type: 'numeric' }, true)
    expect(seen[0].method).toBe('PATCH')
    expect(seen[0].url).toBe('/api/v1/trackers/3')
    expect(seen[0].contentType).toBe('application/json')
    expect(JSON.parse(seen[0].body)).toEqual({ type: 'numeric', force: true })
  })

  it('leaves out empty query parameters and encodes the rest', async () => {
    reply = (_q, res) => json(res, 200, { items: [], next: null })
    const { api } = client()
    await api.listLogs(5, { limit: 20, before: null, from: '2026-11-01T00:00:00+01:00' })
    expect(seen[0].url).toBe('/api/v1/trackers/5/logs?limit=20&from=2026-11-01T00%3A00%3A00%2B01%3A00')
  })

  it('turns an error body into an ApiError with code, message and fields', async () => {
    reply = (_q, res) =>
      json(res, 422, {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid.',
          fields: { name: 'must not be empty' },
        },
        request_id: 'abc',
      })
    const { api } = client()
    const err = await api.createTracker({ name: '' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Some fields are not valid.',
      fields: { name: 'must not be empty' },
      requestId: 'abc',
    })
  })

  it('on a 401 with a session: forgets the token and calls the login hook', async () => {
    reply = (_q, res) => json(res, 401, { error: { code: 'unauthorized', message: 'Please log in.' } })
    let calls = 0
    const { api, tokens } = client('old', () => calls++)
    await expect(api.me()).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
    expect(calls).toBe(1)
    expect(tokens.get()).toBeNull()
  })

  it('on a 401 for a token a password change signed out: hands the login hook the reason', async () => {
    reply = (_q, res) =>
      json(res, 401, { error: { code: 'unauthorized', message: 'Signed out.', reason: 'password_changed' } })
    const reasons: Array<string | null> = []
    const { api } = client('old', (e) => reasons.push(e.reason))
    await expect(api.me()).rejects.toMatchObject({ status: 401, reason: 'password_changed' })
    expect(reasons).toEqual(['password_changed'])
    reply = (_q, res) => json(res, 401, { error: { code: 'unauthorized', message: 'Please log in.' } })
    const { api: other } = client('old', (e) => reasons.push(e.reason))
    await expect(other.me()).rejects.toMatchObject({ reason: null })
    expect(reasons).toEqual(['password_changed', null])
  })

  it('on a 401 at login: reports wrong credentials without the login hook', async () => {
    reply = (_q, res) => json(res, 401, { error: { code: 'unauthorized', message: 'Wrong email or password.' } })
    let calls = 0
    const { api } = client(null, () => calls++)
    await expect(api.login('a@b.c', 'nope')).rejects.toMatchObject({ message: 'Wrong email or password.' })
    expect(calls).toBe(0)
    expect(seen[0].auth).toBeUndefined()
  })

  it('keeps the token from a login for later requests', async () => {
    reply = (req, res) =>
      req.url?.endsWith('/auth/login')
        ? json(res, 200, { token: 'fresh', expires_at: '', user: { id: 1 } })
        : json(res, 200, { user: { id: 1 } })
    const { api, tokens } = client(null)
    await api.login('a@b.c', 'password1')
    expect(tokens.get()).toBe('fresh')
    await api.me()
    expect(seen[1].auth).toBe('Bearer fresh')
  })

  it('answers undefined for 204 No Content', async () => {
    reply = (_q, res) => {
      res.writeHead(204)
      res.end()
    }
    const { api } = client()
    await expect(api.deleteLog(1, 2)).resolves.toBeUndefined()
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/v1/trackers/1/logs/2' })
  })

  it('logout forgets the token even when the server already did', async () => {
    reply = (_q, res) => json(res, 401, { error: { code: 'unauthorized', message: 'expired' } })
    let calls = 0
    const { api, tokens } = client('dead', () => calls++)
    await expect(api.logout()).rejects.toBeInstanceOf(ApiError)
    expect(tokens.get()).toBeNull()
    expect(calls).toBe(0)
  })

  it('gives a readable error for a non-JSON error page, with Retry-After', async () => {
    reply = (_q, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '7' })
      res.end('<h1>Bad gateway</h1>')
    }
    const { api } = client()
    const err = (await api.me().catch((e) => e)) as ApiError
    expect(err.code).toBe('http_error')
    expect(err.status).toBe(503)
    expect(err.retryAfter).toBe(7)
    expect(err.message).toMatch(/try again/i)
  })

  it('sends reminder settings nested under "reminders" in PATCH /me', async () => {
    reply = (_q, res) =>
      json(res, 200, { user: { id: 1, reminders: { enabled: false, time: '07:30', monthly_report: true } } })
    const { api } = client()
    const { user } = await api.updateMe({ reminders: { enabled: false, time: '07:30', monthly_report: true } })
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/api/v1/me' })
    expect(JSON.parse(seen[0].body)).toEqual({ reminders: { enabled: false, time: '07:30', monthly_report: true } })
    expect(user.reminders).toEqual({ enabled: false, time: '07:30', monthly_report: true })
  })

  it('keeps dotted field names of a reminders error as they come', async () => {
    reply = (_q, res) =>
      json(res, 422, {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid.',
          fields: { 'reminders.time': 'must be a time of day like 20:00' },
        },
      })
    const { api } = client()
    const err = (await api.updateMe({ reminders: { time: '25:00' } }).catch((e) => e)) as ApiError
    expect(err.fields['reminders.time']).toBe('must be a time of day like 20:00')
  })

  it('requests a report (202) and reads a job', async () => {
    const job = {
      id: 12,
      kind: 'report',
      status: 'queued',
      progress: 0,
      attempts: 0,
      error: null,
      created_at: '',
      updated_at: '',
    }
    reply = (req, res) =>
      req.method === 'POST'
        ? json(res, 202, { job })
        : json(res, 200, { job: { ...job, status: 'running', progress: 40 } })
    const { api } = client()
    const body = { tracker_ids: [3, 4], from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' }
    expect((await api.requestReport(body)).job).toEqual(job)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/reports', contentType: 'application/json' })
    expect(JSON.parse(seen[0].body)).toEqual(body)
    expect((await api.getJob(12)).job).toMatchObject({ status: 'running', progress: 40 })
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/api/v1/jobs/12', auth: 'Bearer tok-123' })
  })

  it('asks for all insights and for one tracker’s', async () => {
    const body = {
      from: 'a',
      to: 'b',
      comparisons: 3,
      false_discovery_rate: 0.05,
      findings: [],
      not_reliable: [],
      rhythms: [],
    }
    reply = (_q, res) => json(res, 200, body)
    const { api } = client()
    expect(await api.insights()).toEqual(body)
    await api.trackerInsights(7)
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /api/v1/insights', 'GET /api/v1/trackers/7/insights'])
  })

  it('reports an unreachable server as a network error (status 0)', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, tokens: memoryTokenStore('t') })
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network_error' })
  })

  describe('passwords, personal tokens and sessions', () => {
    it('changes the password with the current one, and maps a wrong one to its field', async () => {
      reply = (_q, res) => {
        res.writeHead(204)
        res.end()
      }
      const { api } = client()
      await expect(api.changePassword('old secret', 'new secret!')).resolves.toBeUndefined()
      expect(seen[0]).toMatchObject({
        method: 'POST',
        url: '/api/v1/me/password',
        auth: 'Bearer tok-123',
        contentType: 'application/json',
      })
      expect(JSON.parse(seen[0].body)).toEqual({ current_password: 'old secret', new_password: 'new secret!' })

      reply = (_q, res) =>
        json(res, 422, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            fields: { current_password: 'is not your password' },
          },
        })
      const err = (await api.changePassword('wrong', 'new secret!').catch((e) => e)) as ApiError
      expect(err.fields).toEqual({ current_password: 'is not your password' })
    })

    it('asks for a reset link and sets the new password without a session', async () => {
      reply = (req, res) =>
        req.url?.endsWith('/confirm')
          ? (res.writeHead(204), res.end())
          : json(res, 202, { message: 'If an account uses this address, an email is on its way.' })
      const { api } = client('tok-123')
      expect((await api.requestPasswordReset('ada@example.test')).message).toMatch(/If an account/)
      await api.confirmPasswordReset('reset-token', 'brand new pass')
      expect(seen.map((r) => [r.method, r.url, r.auth])).toEqual([
        ['POST', '/api/v1/auth/password-reset', undefined],
        ['POST', '/api/v1/auth/password-reset/confirm', undefined],
      ])
      expect(JSON.parse(seen[0].body)).toEqual({ email: 'ada@example.test' })
      expect(JSON.parse(seen[1].body)).toEqual({ token: 'reset-token', new_password: 'brand new pass' })
    })

    it('lists, creates and revokes personal tokens, and lists and ends sessions', async () => {
      const item = {
        id: 9,
        name: 'Shortcuts',
        created_at: '2026-11-28T10:00:00Z',
        last_used_at: null,
        expires_at: '2027-11-28T10:00:00Z',
      }
      reply = (req, res) => {
        if (req.method === 'DELETE' || req.url?.endsWith('sign-out-others')) {
          res.writeHead(204)
          return res.end()
        }
        if (req.url === '/api/v1/me/tokens' && req.method === 'POST')
          return json(res, 201, { token: 'qs_secret', item })
        if (req.url === '/api/v1/me/tokens') return json(res, 200, { items: [item] })
        return json(res, 200, { items: [{ id: 3, created_at: '', last_used_at: '', current: true }] })
      }
      const { api } = client()
      expect((await api.listTokens()).items).toEqual([item])
      expect(await api.createToken('Shortcuts')).toEqual({ token: 'qs_secret', item })
      await api.revokeToken(9)
      expect((await api.listSessions()).items[0].current).toBe(true)
      await api.endSession(4)
      await api.signOutOtherSessions()
      expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /api/v1/me/tokens',
        'POST /api/v1/me/tokens',
        'DELETE /api/v1/me/tokens/9',
        'GET /api/v1/me/sessions',
        'DELETE /api/v1/me/sessions/4',
        'POST /api/v1/me/sessions/sign-out-others',
      ])
      expect(JSON.parse(seen[1].body)).toEqual({ name: 'Shortcuts', scope: 'write' }) // read and log, unless asked for read only
      expect(seen.every((r) => r.auth === 'Bearer tok-123')).toBe(true)
    })
  })

  describe('export and import', () => {
    it('uploads a file as the raw body, byte for byte, with the token', async () => {
      reply = (_q, res) => json(res, 200, PREVIEW)
      const { api } = client()
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x0d, 0x0a, 0xc3, 0xa9])
      const result = await api.previewImport(new File([bytes], 'loop.zip', { type: 'application/zip' }))
      expect(result).toEqual(PREVIEW)
      expect(seen[0]).toMatchObject({
        method: 'POST',
        url: '/api/v1/imports/preview',
        auth: 'Bearer tok-123',
        contentType: 'application/octet-stream',
      })
      expect([...seen[0].raw]).toEqual([...bytes])

      await api.importFile(new Blob(['full_date,date\n']))
      expect(seen[1]).toMatchObject({
        method: 'POST',
        url: '/api/v1/imports',
        contentType: 'application/octet-stream',
        body: 'full_date,date\n',
      })
    })

    it("commits the file a preview kept by the preview job's id, sending no file", async () => {
      reply = (_q, res) => json(res, 202, { job: { id: 8, kind: 'import', mode: 'commit', status: 'queued' } })
      const { api } = client()
      const { job } = await api.commitImport(7)
      expect(job.id).toBe(8)
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/imports/7/commit', body: '' })
    })

    it("keeps the server's reason for a file it cannot read", async () => {
      reply = (_q, res) =>
        json(res, 422, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            fields: { file: 'is not a format qself can import' },
          },
        })
      const { api } = client()
      const err = (await api.previewImport(new Blob(['hello'])).catch((e) => e)) as ApiError
      expect(err).toMatchObject({ status: 422, fields: { file: 'is not a format qself can import' } })
    })

    it('refuses a file over 64 MiB without sending it', async () => {
      const { api } = client()
      const big = { size: MAX_IMPORT_BYTES + 1 } as Blob
      await expect(api.importFile(big)).rejects.toMatchObject({ status: 413, code: 'payload_too_large' })
      expect(seen).toHaveLength(0)
    })

    it('reports upload progress through the upload transport, and cancels', async () => {
      reply = (_q, res) => json(res, 200, PREVIEW)
      const steps: number[] = []
      const api = createApiClient({
        baseUrl: base,
        tokens: memoryTokenStore('t'),
        upload: async (url, init, onProgress) => {
          onProgress(5, 10)
          onProgress(10, 10)
          return fetch(url, init)
        },
      })
      await api.previewImport(new Blob(['0123456789']), { onProgress: (p) => steps.push(p.loaded / p.total) })
      expect(steps).toEqual([0.5, 1])
      expect(seen[0].body).toBe('0123456789')

      const controller = new AbortController()
      controller.abort()
      const err = await api
        .previewImport(new Blob(['x']), { signal: controller.signal, onProgress: () => undefined })
        .catch((e) => e)
      expect(isAborted(err)).toBe(true)
    })

    it('starts an export and downloads its file with the token, named by Content-Disposition', async () => {
      reply = (req, res) => {
        if (req.method === 'POST')
          return json(res, 202, {
            job: {
              id: 7,
              kind: 'export',
              status: 'queued',
              progress: 0,
              attempts: 0,
              error: null,
              created_at: '',
              updated_at: '',
            },
          })
        res.writeHead(200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="qself-export-2026-11-29.csv"',
        })
        res.end('tracker,type,unit,logged_at,value,note\r\n')
      }
      const { api } = client()
      expect((await api.requestExport('csv')).job.id).toBe(7)
      expect(JSON.parse(seen[0].body)).toEqual({ format: 'csv' })
      const file = await api.downloadExport('/api/v1/exports/7/download')
      expect(file.filename).toBe('qself-export-2026-11-29.csv')
      expect(await file.blob.text()).toBe('tracker,type,unit,logged_at,value,note\r\n')
      expect(seen[1]).toMatchObject({ method: 'GET', url: '/api/v1/exports/7/download', auth: 'Bearer tok-123' })
    })

    it('never sends the token to a download link off this server', async () => {
      const { api } = client()
      await expect(api.downloadExport('https://elsewhere.test/x')).rejects.toMatchObject({ code: 'bad_link' })
      await expect(api.downloadExport('//elsewhere.test/x')).rejects.toMatchObject({ code: 'bad_link' })
      expect(seen).toHaveLength(0)
    })

    it('reads a failed download as an ApiError (an expired export)', async () => {
      reply = (_q, res) => json(res, 404, { error: { code: 'not_found', message: 'This export has expired.' } })
      const { api } = client()
      await expect(api.downloadExport('/api/v1/exports/7/download')).rejects.toMatchObject({
        status: 404,
        message: 'This export has expired.',
      })
    })
  })
  describe('notifications (Web Push)', () => {
    const device = {
      id: 4,
      kind: 'webpush' as const,
      endpoint: 'https://push.example/abc',
      origin: 'https://push.example',
      label: 'Chromium on Linux',
      created_at: '2026-12-01T10:00:00Z',
      last_sent_at: null,
    }

    it('reads the key, lists, adds and removes devices, and sends a test, all with the session', async () => {
      reply = (req, res) => {
        if (req.method === 'DELETE') {
          res.writeHead(204)
          return res.end()
        }
        if (req.url === '/api/v1/push/key') return json(res, 200, { public_key: 'BKey' })
        if (req.url === '/api/v1/push/test') return json(res, 202, { devices: 2 })
        if (req.method === 'POST') return json(res, 201, device)
        return json(res, 200, { subscriptions: [device] })
      }
      const { api } = client()
      expect(await api.pushKey()).toBe('BKey')
      expect(await api.listPushDevices()).toEqual([device])
      const input = { endpoint: device.endpoint, keys: { p256dh: 'BP', auth: 'au' }, label: device.label }
      expect(await api.addPushDevice(input)).toEqual(device)
      await api.removePushDevice(4)
      expect(await api.sendTestPush()).toBe(2)
      expect(await api.sendTestPush(12)).toBe(2)
      expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
        'GET /api/v1/push/key',
        'GET /api/v1/push/subscriptions',
        'POST /api/v1/push/subscriptions',
        'DELETE /api/v1/push/subscriptions/4',
        'POST /api/v1/push/test',
        'POST /api/v1/push/test',
      ])
      expect(JSON.parse(seen[2].body)).toEqual(input)
      expect(JSON.parse(seen[4].body)).toEqual({})
      expect(JSON.parse(seen[5].body)).toEqual({ tracker_id: 12 })
      expect(seen.every((r) => r.auth === 'Bearer tok-123')).toBe(true)
    })

    it("sends a button's value without the session, and a 401 there ends no session", async () => {
      const body = { token: 'pa_1', tracker_id: 12, value: true, uid: '0192f5a1-7b3d-7c8e-9a61-2d5f0e8b7c43' }
      reply = (_q, res) => json(res, 401, { error: { code: 'unauthorized', message: 'This notification expired.' } })
      let calls = 0
      const { api, tokens } = client('tok-123', () => calls++)
      await expect(api.pushAction(body)).rejects.toMatchObject({ status: 401, code: 'unauthorized' })
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/push/actions', auth: undefined })
      expect(JSON.parse(seen[0].body)).toEqual(body)
      expect(calls).toBe(0)
      expect(tokens.get()).toBe('tok-123')
    })

    it('adds a webhook with the session; a refused URL is a 422 with the field', async () => {
      const hook = { ...device, id: 5, kind: 'webhook' as const, endpoint: 'https://ntfy.example.net/qself-ada' }
      reply = (_q, res) => {
        if (seen.length === 1) return json(res, 201, hook)
        json(res, 422, {
          error: {
            code: 'validation_failed',
            message: 'Some fields are not valid.',
            fields: { url: 'must be an https URL' },
          },
          request_id: 'r',
        })
      }
      const { api } = client()
      const input = { url: hook.endpoint, label: 'ntfy' }
      expect(await api.addPushWebhook(input)).toEqual(hook)
      expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/push/webhooks', auth: 'Bearer tok-123' })
      expect(JSON.parse(seen[0].body)).toEqual(input)
      await expect(api.addPushWebhook({ url: 'ftp://x' })).rejects.toMatchObject({
        status: 422,
        code: 'validation_failed',
        fields: { url: 'must be an https URL' },
      })
      expect(JSON.parse(seen[1].body)).toEqual({ url: 'ftp://x' })
    })

    it('reads too many devices as a 409 with its code', async () => {
      reply = (_q, res) =>
        json(res, 409, { error: { code: 'too_many_devices', message: 'At most 10 devices.' }, request_id: 'r' })
      const { api } = client()
      const input = { endpoint: device.endpoint, keys: { p256dh: 'BP', auth: 'au' } }
      await expect(api.addPushDevice(input)).rejects.toMatchObject({ status: 409, code: 'too_many_devices' })
    })
  })
})

describe('filenameFromDisposition', () => {
  it('reads quoted, bare and RFC 5987 names', () => {
    expect(filenameFromDisposition('attachment; filename="qself-export.json"')).toBe('qself-export.json')
    expect(filenameFromDisposition('attachment; filename=data.csv')).toBe('data.csv')
    expect(filenameFromDisposition(`attachment; filename="fallback.json"; filename*=UTF-8''caf%C3%A9.json`)).toBe(
      'café.json',
    )
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".json"')).toBe('a "b".json')
  })
  it('keeps only the last path segment and refuses empty names', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd')
    expect(filenameFromDisposition('attachment; filename=".."')).toBeNull()
    expect(filenameFromDisposition('attachment')).toBeNull()
    expect(filenameFromDisposition(null)).toBeNull()
  })
})
