// A bare API client for seeding and checks from Node (the app's own client lives in src/api).
export function apiClient(baseUrl) {
  let token = null
  async function call(method, path, body) {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    const data = text ? JSON.parse(text) : undefined
    if (!res.ok) {
      const err = new Error(`${method} ${path} → ${res.status} ${text}`)
      err.status = res.status
      err.body = data
      throw err
    }
    return data
  }
  return {
    call,
    get token() {
      return token
    },
    async login(email, password) {
      const r = await call('POST', '/auth/login', { email, password })
      token = r.token
      return r
    },
    async register(email, password, name, timezone) {
      await call('POST', '/auth/register', { email, password, name, timezone })
      return this.login(email, password)
    },
  }
}
