// Prints the gzipped size of each built asset and of the first load (what
// index.html pulls in before any route chunk), from dist/.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist')
const gz = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} kB`

const assets = readdirSync(path.join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f))
const rows = assets.map((f) => ({ file: `assets/${f}`, gzip: gz(`assets/${f}`) })).sort((a, b) => b.gzip - a.gzip)
for (const r of rows) console.log(`${kb(r.gzip).padStart(9)}  ${r.file}`)

const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
const firstJs = first.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0)
const firstCss = first.filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0)
const dashboard = rows
  .filter((r) => /DashboardView|color|EmptyState|ErrorState/.test(r.file))
  .reduce((n, r) => n + r.gzip, 0)
console.log(`\nfirst load (index.html): ${kb(firstJs)} JS + ${kb(firstCss)} CSS gzipped`)
console.log(`first load of the dashboard route: ${kb(firstJs + firstCss + dashboard)} gzipped in all`)
