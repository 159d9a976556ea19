// Drives the demo page (web/index.html) in Chromium with real pointer input, for the browser tests.
import assert from 'node:assert/strict';

import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';

// Wide enough for the full-size 840 x 420 board.
export const VIEWPORT = { width: 1000, height: 900 };

/**
 * Serves the repository's pages and starts Chromium. Returns {url, newPage, openPage, closePage, stop}.
 * openPage(options) opens the demo page, waits for its recognizer, and records every request it makes.
 */
export async function startSession() {
  const { server, url } = await startServer(0);
  const browser = await launchChromium();
  return {
    url,
    newPage: () => browser.newPage({ viewport: VIEWPORT }),  // without waiting for anything
    openPage: (options) => openPage(browser, url, options),
    closePage: (opened) => closePage(url, opened),
    async stop() {
      await browser.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function openPage(browser, pageUrl, options = {}) {
  const page = await browser.newPage({ viewport: VIEWPORT, ...options });
  const requests = [];
  const problems = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(pageUrl);
  await page.evaluate(() => window.digitsReady);
  return { page, requests, problems };
}

/** Everything the page asked for must come from the local server. */
function assertOnlyLocal(pageUrl, requests) {
  const origin = new URL(pageUrl).origin;
  const foreign = requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], 'the page made requests to other hosts');
}

async function closePage(pageUrl, { page, requests, problems }) {
  await page.close();
  assertOnlyLocal(pageUrl, requests);
  assert.deepEqual(problems, [], 'uncaught errors on the page');
}

/**
 * Draws strokes (in canvas CSS pixels) with the mouse, many small moves per stroke as a hand would, and
 * waits after each stroke for the page to read the canvas again. Returns #reading after the last one.
 */
export async function draw(page, strokes) {
  const origin = await page.locator('#ink').boundingBox();
  const at = ([x, y]) => [origin.x + x, origin.y + y];
  for (const stroke of strokes) {
    const previous = await page.evaluateHandle(() => window.lastReading);
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (let i = 1; i < stroke.length; i++) {
      const length = Math.hypot(stroke[i][0] - stroke[i - 1][0], stroke[i][1] - stroke[i - 1][1]);
      await page.mouse.move(...at(stroke[i]), { steps: Math.max(1, Math.ceil(length / 6)) });
    }
    await page.mouse.up();
    // Every stroke end must produce a fresh reading; this times out (and fails) if one does not.
    await page.waitForFunction((last) => window.lastReading !== last, previous, { timeout: 5000 });
    await previous.dispose();
  }
  return reading(page);
}

export function reading(page) {
  return page.locator('#reading').evaluate((output) => output.textContent);
}

/** Runs `action` and returns #reading once the page has read the canvas again. */
export async function readingAfter(page, action) {
  const previous = await page.evaluateHandle(() => window.lastReading);
  await action();
  await page.waitForFunction((last) => window.lastReading !== last, previous, { timeout: 5000 });
  await previous.dispose();
  return reading(page);
}

