// Steps that leave evidence: a step that fails keeps a screenshot of the page
// in e2e/output/ and adds the tail of the server's output to its error, so a
// red run in CI says what the browser showed and what the server logged.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { it } from 'node:test'
import { webRoot } from './server.mjs'

export const OUTPUT_DIR = path.join(webRoot, 'e2e', 'output')

/**
 * `step(name, fn)` and `shot(name)` for one suite. `state()` answers the page
 * to photograph and the server to quote, as they are when a step fails (either
 * may be unset); `prefix` starts every screenshot's name.
 * @param {() => {page?: import('playwright-core').Page, server?: {output: () => string}}} state
 */
export function evidence(state, { prefix = '', fullPage = true } = {}) {
  async function shot(name) {
    mkdirSync(OUTPUT_DIR, { recursive: true })
    await state()
      .page?.screenshot({ path: path.join(OUTPUT_DIR, `${prefix}${name}.png`), fullPage })
      .catch(() => undefined)
  }
  function step(name, fn) {
    it(name, async () => {
      try {
        await fn()
      } catch (e) {
        await shot(name.replace(/\W+/g, '-'))
        e.message += `\n--- server output (tail) ---\n${state().server?.output().slice(-2000)}`
        throw e
      }
    })
  }
  return { step, shot }
}
