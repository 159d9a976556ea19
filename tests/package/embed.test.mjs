// web/embed.html, the embedding example, in Chromium: digits written on its small pad with the mouse fill
// the Amount field (read by the package's Worker helper), Clear empties it, and the page loads nothing
// but its own files.
//
//   node --test tests/package/embed.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { numberStrokes } from '../browser/strokes.mjs';

// Digits 64 CSS px tall on the 100 px pad, whose 8 px line is then 12.5% of the height.
const SIZE = 64;

let server;
let pageUrl;
let browser;

before(async () => {
  ({ server, url: pageUrl } = await startServer(0));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

/** Writes `text` on the pad, stroke by stroke, and returns the Amount once it reads `text` (or after 5 s). */
async function write(page, text) {
  const pad = await page.locator('#pad').boundingBox();
  for (const stroke of numberStrokes(text, { x: 16, y: 18, size: SIZE })) {
    await page.mouse.move(pad.x + stroke[0][0], pad.y + stroke[0][1]);
    await page.mouse.down();
    for (const [x, y] of stroke.slice(1)) await page.mouse.move(pad.x + x, pad.y + y);
    await page.mouse.up();
  }
  // Readings only ever move to the latest strokes, so waiting for the right one cannot pass by accident.
  await page.waitForFunction((expected) => document.getElementById('amount').value === expected, text,
    { timeout: 5000 }).catch(() => {});
  return page.inputValue('#amount');
}

test('writing on the pad fills the Amount field; Clear empties it', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(new URL('embed.html', pageUrl).href);
  await page.evaluate(() => {
    window.inputEvents = 0;
    document.getElementById('amount').addEventListener('input', () => window.inputEvents++);
    return window.embedReady;
  });
  assert.match(await page.locator('#pad-status').textContent(), /write the amount/i);

  assert.equal(await write(page, '125'), '125');
  await page.click('#clear');
  await page.waitForFunction(() => document.getElementById('amount').value === '', null, { timeout: 5000 });
  assert.equal(await write(page, '4096'), '4096');
  assert.ok(await page.evaluate(() => window.inputEvents) >= 3, 'the field fired no input events');

  // A typed amount stays when the (empty) pad is cleared.
  await page.click('#clear');
  await page.fill('#amount', '12.50');
  await page.click('#clear');
  await page.waitForTimeout(200);
  assert.equal(await page.inputValue('#amount'), '12.50');
  await page.close();

  const origin = new URL(pageUrl).origin;
  assert.deepEqual(requests.filter((url) => new URL(url).origin !== origin), [], 'requests to other hosts');
  const paths = requests.map((url) => new URL(url).pathname);
  for (const path of ['/web/embed.js', '/wasm/digits-worker.js', '/wasm/worker.js', '/dist/digits.wasm']) {
    assert.ok(paths.includes(path), `${path} was not requested (requests: ${paths.join(', ')})`);
  }
  assert.deepEqual(problems, [], 'uncaught errors on the page');
});
