// Renders the app's icons (public/*.png) from the logo of public/favicon.svg with
// Debian's Chromium: the sizes an install asks for, a maskable one whose mark
// stays inside the safe zone (the inner 80% circle), and Apple's touch icon,
// which iOS rounds itself and which must not be transparent; and the badge of a
// notification (Android draws only its alpha: the white mark, no tile).
// Run after changing the logo: `npm run icons`, then commit the PNGs.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public')

const indigo = '#4f46e5' // --primary of src/styles/main.css, as in favicon.svg
const mark =
  '<path d="M7 21l6-7 5 4 7-9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>'

/** The logo on a rounded tile (transparent corners) or on a full square, its mark scaled about the centre. */
function logo({ rounded, markScale = 1 }) {
  const tile = rounded
    ? `<rect width="32" height="32" rx="8" fill="${indigo}"/>`
    : `<rect width="32" height="32" fill="${indigo}"/>`
  const scaled = `<g transform="translate(16 15) scale(${markScale}) translate(-16 -15)">${mark}</g>`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${tile}${scaled}</svg>`
}

/** The mark alone, white on nothing, scaled to fill the badge. */
const badge = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><g transform="translate(16 15) scale(1.35) translate(-16 -15)">${mark}</g></svg>`

const icons = [
  { file: 'icon-192.png', size: 192, svg: logo({ rounded: true }) },
  { file: 'icon-512.png', size: 512, svg: logo({ rounded: true }) },
  // The mark spans 21 of 32 units (with its stroke); 0.75 keeps it well inside the 80% circle.
  { file: 'icon-maskable-512.png', size: 512, svg: logo({ rounded: false, markScale: 0.75 }) },
  { file: 'apple-touch-icon.png', size: 180, svg: logo({ rounded: false, markScale: 0.85 }) },
  { file: 'badge-96.png', size: 96, svg: badge },
]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
try {
  const page = await browser.newPage()
  for (const { file, size, svg } of icons) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    )
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    writeFileSync(path.join(publicDir, file), png)
    console.log(`public/${file} (${size}×${size}, ${png.length} bytes)`)
  }
} finally {
  await browser.close()
}
