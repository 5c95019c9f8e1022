// @vitest-environment node
// The API client against a small real HTTP server: what goes on the wire and
// how each kind of answer comes back.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ApiError, createApiClient, memoryTokenStore } from './client'

interface Seen {
  method: string
  url: string
  auth: string | undefined
  contentType: string | undefined
  body: string
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
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
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

function client(token: string | null = 'tok-123', onUnauthorized?: () => void) {
  const tokens = memoryTokenStore(token)
  return { api: createApiClient({ baseUrl: base, tokens, onUnauthorized }), tokens }
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
        error: { code: 'validation_failed', message: 'Some fields are not valid.', fields: { name: 'must not be empty' } },
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
    const job = { id: 12, kind: 'report', status: 'queued', progress: 0, attempts: 0, error: null, created_at: '', updated_at: '' }
    reply = (req, res) => (req.method === 'POST' ? json(res, 202, { job }) : json(res, 200, { job: { ...job, status: 'running', progress: 40 } }))
    const { api } = client()
    const body = { tracker_ids: [3, 4], from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' }
    expect((await api.requestReport(body)).job).toEqual(job)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/reports', contentType: 'application/json' })
    expect(JSON.parse(seen[0].body)).toEqual(body)
    expect((await api.getJob(12)).job).toMatchObject({ status: 'running', progress: 40 })
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/api/v1/jobs/12', auth: 'Bearer tok-123' })
  })

  it('reports an unreachable server as a network error (status 0)', async () => {
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((r) => closed.close(() => r()))
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, tokens: memoryTokenStore('t') })
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network_error' })
  })
})
