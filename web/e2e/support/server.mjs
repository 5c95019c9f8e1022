// Starts the real qself server (`qself serve` alone: no worker, no scheduler)
// on a free port with a fresh SQLite database and the built web app, its clock
// pinned like the test's, and stops it again.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { clock } from './clock.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
export const webRoot = path.resolve(here, '../..')
export const distDir = path.join(webRoot, 'dist')

export function serverBinary() {
  const bin = process.env.QSELF_BIN || path.resolve(webRoot, '../build/qself')
  if (!existsSync(bin)) throw new Error(`qself server binary not found at ${bin}; build it or set QSELF_BIN`)
  if (!existsSync(path.join(distDir, 'index.html')))
    throw new Error(`${distDir} has no build; run "npm run build" first`)
  return bin
}

/**
 * A loopback port this process holds, where every connection is closed at once:
 * nothing else can take it, so no Redis ever answers there.
 */
async function refusingPort() {
  const holder = createServer((socket) => socket.destroy())
  await new Promise((resolve, reject) => holder.once('error', reject).listen(0, '127.0.0.1', resolve))
  return { port: holder.address().port, close: () => new Promise((resolve) => holder.close(resolve)) }
}

/** @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string, database: string}>} */
export async function startServer({ timeoutMs = 30_000 } = {}) {
  const bin = serverBinary()
  const noRedis = await refusingPort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qself-e2e-'))
  const child = spawn(bin, ['serve'], {
    env: {
      ...process.env,
      QSELF_PORT: '0',
      QSELF_BIND: '127.0.0.1',
      QSELF_DATA_DIR: dataDir,
      QSELF_DATABASE: `sqlite:${path.join(dataDir, 'qself.db')}`,
      QSELF_WEB_DIR: distDir,
      // The test's clock, to the second (see support/clock.mjs).
      QSELF_TEST_NOW: clock.env,
      // No worker runs here, so jobs stay queued; a port held by this process
      // keeps the server from ever publishing them to a real Redis by accident
      // (a failed publish is only logged: the request still answers 202).
      QSELF_REDIS_URL: `redis://127.0.0.1:${noRedis.port}/0`,
      // With no worker no email leaves: sign-up is immediate here (signup_verify.test.mjs follows the link).
      QSELF_EMAIL_VERIFICATION: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  const keep = (chunk) => {
    log += chunk
    if (log.length > 200_000) log = log.slice(-100_000)
  }
  child.stderr.setEncoding('utf8').on('data', keep)

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))

  const url = await new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(
      () => reject(new Error(`qself did not say where it listens within ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    )
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      keep(chunk)
      buffer += chunk
      const m = /qself listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffer)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`qself exited (code ${code}, signal ${signal}) before listening:\n${log}`))
    })
  })

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(killer)
    }
    rmSync(dataDir, { recursive: true, force: true })
    await noRedis.close()
  }

  return { url, stop, output: () => log, database: path.join(dataDir, 'qself.db') }
}
