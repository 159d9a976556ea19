// Writes docs/screenshot.png: the demo page with two numbers written and read.
//
//   node tests/browser/screenshot.mjs
//
// Uses the same Chromium and stroke paths as the browser tests (tests/browser/page.test.mjs).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { numberStrokes } from './strokes.mjs';

const OUTPUT = fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url));
const TEXT = '2024 1[7x]5';

async function drawStroke(page, origin, stroke) {
  await page.mouse.move(origin.x + stroke[0][0], origin.y + stroke[0][1]);
  await page.mouse.down();
  for (let i = 1; i < stroke.length; i++) {
    const length = Math.hypot(stroke[i][0] - stroke[i - 1][0], stroke[i][1] - stroke[i - 1][1]);
    await page.mouse.move(origin.x + stroke[i][0], origin.y + stroke[i][1], { steps: Math.max(1, Math.ceil(length / 6)) });
  }
  await page.mouse.up();
}

const { server, url } = await startServer(0);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.evaluate(() => window.digitsReady);
  const origin = await page.locator('#ink').boundingBox();
  for (const stroke of numberStrokes(TEXT, { x: 60, y: 150, size: 110 })) await drawStroke(page, origin, stroke);
  const reading = await page.locator('#reading').textContent();
  await page.mouse.move(0, 0); // no hover effects in the picture
  mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
  await page.screenshot({ path: OUTPUT, fullPage: true });
  console.log(`Read "${reading}"; wrote ${OUTPUT}`);
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}
