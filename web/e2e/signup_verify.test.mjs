// Signing up on a server that verifies addresses (QSELF_EMAIL_VERIFICATION=required),
// in Chromium with the real worker and maildev: "check your email", the link from
// the email, and the dashboard. Also: logging in before opening the link says what
// to do, and a used link offers to send a new one.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { startMailStack } from './support/mail_stack.mjs'
import { accessibilityProblems, launchChromium, newContext } from './support/browser.mjs'
import { webRoot } from './support/server.mjs'

const OUT = path.join(webRoot, 'e2e', 'output')
const PASSWORD = 'correct horse battery'

describe('signing up with email verification', () => {
  let stack
  let browser
  let context
  let page

  before(async () => {
    stack = await startMailStack({ emailVerification: 'required' })
    browser = await launchChromium()
    context = await newContext(browser, { bypassCSP: true, viewport: { width: 1024, height: 800 } })
    page = await context.newPage()
    mkdirSync(OUT, { recursive: true })
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await stack?.stop()
  })

  /** The newest email to `address` once maildev has `count` of them. */
  async function emailTo(address, count = 1) {
    const deadline = Date.now() + 30_000
    for (;;) {
      const emails = (await stack.emails()).filter((e) => e.to.some((to) => to.address === address))
      if (emails.length >= count) return emails[emails.length - 1]
      if (Date.now() > deadline) throw new Error(`no email to ${address} arrived\n${stack.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  /** The link of a verification email, on this test's server rather than the public URL. */
  function linkIn(email) {
    const found = /http:\/\/qself\.test(\/verify\?token=[A-Za-z0-9_-]+)/.exec(email.text)
    assert.ok(found, `no verification link in:\n${email.text}`)
    return `${stack.url}${found[1]}`
  }

  it('signs up, is asked to check the email, and the link lands on the dashboard', async () => {
    await page.goto(`${stack.url}/register`)
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await page.getByLabel('Name').fill('Ada')
    await page.getByLabel('Email').fill('ada@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()
    assert.ok((await page.textContent('body')).includes('ada@example.test'))
    assert.deepEqual(await accessibilityProblems(page), [])
    await page.screenshot({ path: path.join(OUT, 'signup-check-email.png') })

    // Logging in before opening the link: a wrong password's answer, and what to do.
    await page.getByRole('link', { name: 'Back to log in' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    await page.getByLabel('Email').fill('ada@example.test')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByText('Just signed up? Open the link we emailed you first').waitFor()
    await page.screenshot({ path: path.join(OUT, 'login-before-verifying.png') })

    const email = await emailTo('ada@example.test')
    assert.equal(email.subject, 'Confirm your email address for qself')
    const link = linkIn(email)
    await page.goto(link)
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
    await page.getByRole('heading', { name: /Ada/ }).waitFor()

    // The link works once: opened again (signed out), it offers a new one.
    await context.clearCookies()
    await page.evaluate(() => localStorage.clear())
    await page.goto(link)
    await page.getByText('This link does not work.').waitFor()
    assert.deepEqual(await accessibilityProblems(page), [])
    await page.screenshot({ path: path.join(OUT, 'verify-link-used.png') })
  })

  it('sends the link again from the login page', async () => {
    await page.goto(`${stack.url}/register`)
    await page.getByLabel('Email').fill('bob@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()
    await emailTo('bob@example.test', 1)

    await page.goto(`${stack.url}/login`)
    await page.getByLabel('Email').fill('bob@example.test')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('link', { name: 'send it again' }).click()
    await page.getByRole('heading', { name: 'Confirm your email' }).waitFor()
    assert.equal(await page.getByLabel('Email').inputValue(), 'bob@example.test')
    await page.screenshot({ path: path.join(OUT, 'verify-send-again.png') })
    await page.getByRole('button', { name: 'Send me a new link' }).click()
    await page.getByRole('heading', { name: 'Check your email' }).waitFor()

    await page.goto(linkIn(await emailTo('bob@example.test', 2)))
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
  })
})
