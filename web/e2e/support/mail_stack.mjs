// Everything an email needs on its way out, for the report email suite: a real
// Redis (the job queue), the real maildev (tools/node_modules), `qself serve`
// and a `qself worker`, all on 127.0.0.1 on free ports, with a fresh SQLite
// file and the pinned clock (support/clock.mjs). Redis and maildev are checked
// (through /proc) to be the processes that hold their ports, as the C++ suites
// do, so that a run beside another never talks to the other's.
import { spawn } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { clock } from './clock.mjs'
import { distDir, serverBinary, webRoot } from './server.mjs'

const MAILDEV = path.resolve(webRoot, '../tools/node_modules/.bin/maildev')
const START_TIMEOUT_MS = 30_000

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function freePort() {
  const server = createServer()
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** True when `pid` holds the socket listening on 127.0.0.1:`port` (Linux /proc). */
function ownsListeningPort(pid, port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inodes = new Set()
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      // local address, state 0A (LISTEN), inode
      if (fields.length > 9 && fields[1].endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9])
    }
  }
  let fds
  try {
    fds = readdirSync(`/proc/${pid}/fd`)
  } catch {
    return false
  }
  return fds.some((fd) => {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
      return match !== null && inodes.has(match[1])
    } catch {
      return false
    }
  })
}

function acceptsConnections(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** A child in its own process group, whose output is kept for error messages. */
function launch(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const keep = (chunk) => {
    log += chunk
    if (log.length > 200_000) log = log.slice(-100_000)
  }
  child.stdout.setEncoding('utf8').on('data', keep)
  child.stderr.setEncoding('utf8').on('data', keep)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  return {
    child,
    output: () => log,
    running: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      process.kill(-child.pid, 'SIGTERM')
      const killer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }, 5000)
      await exited
      clearTimeout(killer)
    },
  }
}

/** Starts a service (on free ports `start` picks) and waits until it is `ready`; three attempts. */
async function startService(name, start) {
  let last = ''
  for (let attempt = 0; attempt < 3; attempt++) {
    const service = await start()
    const deadline = Date.now() + START_TIMEOUT_MS
    while (Date.now() < deadline && service.process.running()) {
      if (await service.ready()) return service
      await sleep(100)
    }
    last = service.process.output()
    await service.process.stop()
  }
  throw new Error(`${name} did not start; it printed:\n${last}`)
}

function startRedis() {
  return startService('redis-server', async () => {
    const port = await freePort()
    const redis = launch('redis-server', [
      '--port',
      `${port}`,
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ])
    return {
      port,
      process: redis,
      ready: async () => ownsListeningPort(redis.child.pid, port) && (await acceptsConnections(port)),
    }
  })
}

function startMaildev(dir) {
  return startService('maildev', async () => {
    const smtp = await freePort()
    let web = await freePort()
    while (web === smtp) web = await freePort()
    // maildev also reads MAILDEV_* variables; the command line alone decides here.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MAILDEV_')))
    const maildev = launch(
      MAILDEV,
      ['--smtp', `${smtp}`, '--web', `${web}`, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--mail-directory', dir],
      { env, cwd: dir },
    )
    return {
      smtp,
      web,
      process: maildev,
      ready: async () =>
        ownsListeningPort(maildev.child.pid, smtp) &&
        ownsListeningPort(maildev.child.pid, web) &&
        (await fetch(`http://127.0.0.1:${web}/api/healthz`).then(
          (r) => r.ok,
          () => false,
        )),
    }
  })
}

/**
 * Starts Redis, maildev, `qself serve` and `qself worker`. Email verification
 * of new accounts is off unless `emailVerification` is 'required' (then a
 * sign-up must open the emailed link). `env` adds settings of both processes
 * (the push suite's `QSELF_PUSH_ALLOW_PRIVATE`).
 * @param {{emailVerification?: 'required' | 'off', env?: Record<string, string>}} [options]
 * @returns {Promise<{url: string, emails: () => Promise<object[]>, output: () => string, stop: () => Promise<void>}>}
 */
export async function startMailStack({ emailVerification = 'off', env: extraEnv = {} } = {}) {
  const bin = serverBinary()
  const dir = mkdtempSync(path.join(tmpdir(), 'qself-e2e-mail-'))
  const stopped = []
  const stopAll = async () => {
    for (const service of stopped.reverse()) await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const redis = await startRedis()
    stopped.push(redis.process)
    const maildev = await startMaildev(dir)
    stopped.push(maildev.process)
    const env = {
      ...process.env,
      QSELF_PORT: '0',
      QSELF_BIND: '127.0.0.1',
      QSELF_DATA_DIR: dir,
      QSELF_DATABASE: `sqlite:${path.join(dir, 'qself.db')}`,
      QSELF_WEB_DIR: distDir,
      QSELF_TEST_NOW: clock.env,
      QSELF_REDIS_URL: `redis://127.0.0.1:${redis.port}/0`,
      QSELF_SMTP_URL: `smtp://127.0.0.1:${maildev.smtp}`,
      QSELF_PUBLIC_URL: 'http://qself.test',
      QSELF_MAIL_FROM: 'qself <qself@qself.test>',
      QSELF_EMAIL_VERIFICATION: emailVerification,
      ...extraEnv,
    }
    const serve = launch(bin, ['serve'], { env })
    stopped.push(serve)
    const url = await new Promise((resolve, reject) => {
      const deadline = Date.now() + START_TIMEOUT_MS
      const look = () => {
        const found = /qself listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(serve.output())
        if (found) return resolve(found[1])
        if (!serve.running() || Date.now() > deadline)
          return reject(new Error(`qself serve did not start:\n${serve.output()}`))
        setTimeout(look, 50)
      }
      look()
    })
    const worker = launch(bin, ['worker'], { env })
    stopped.push(worker)
    return {
      url,
      async emails() {
        const reply = await fetch(`http://127.0.0.1:${maildev.web}/api/email`)
        if (!reply.ok) throw new Error(`maildev GET /api/email answered ${reply.status}`)
        return reply.json()
      },
      output: () => `--- serve ---\n${serve.output().slice(-2000)}\n--- worker ---\n${worker.output().slice(-2000)}`,
      stop: stopAll,
    }
  } catch (e) {
    await stopAll()
    throw e
  }
}
