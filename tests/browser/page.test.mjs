// The demo page in a real browser: digits written stroke by stroke with pointer input are read into
// #reading, Undo and Clear work, and the page talks to nobody but its own server.
//
//   node --test tests/browser/
//
// Needs Chromium at /usr/bin/chromium (Debian package `chromium`) and npm's playwright-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { draw, reading, readingAfter, startSession } from './page-driver.mjs';
import { digitStrokes, digitWidth, numberStrokes } from './strokes.mjs';
import { LINE_WIDTH } from '../../web/board.js';
// Digits 120 CSS px tall, as a person writes them on the full-size board.
const SIZE = 120;

let browser;
const openPage = (options) => browser.openPage(options);
const closePage = (opened) => browser.closePage(opened);

before(async () => {
  browser = await startSession();
});

after(() => browser?.stop());

/** The smallest distance between two polylines, sampled every pixel or so. */
function distanceBetween(a, b) {
  const sample = (stroke) =>
    stroke.flatMap(([x0, y0], i) => {
      if (i === stroke.length - 1) return [[x0, y0]];
      const [x1, y1] = stroke[i + 1];
      const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
      return Array.from({ length: n }, (_, k) => [x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
    });
  const pointsB = sample(b);
  let best = Infinity;
  for (const [x, y] of sample(a)) {
    for (const [u, v] of pointsB) best = Math.min(best, Math.hypot(x - u, y - v));
  }
  return best;
}

test('reads a number written digit by digit, stroke by stroke', async () => {
  const session = await openPage();
  const { page } = session;
  assert.equal(await reading(page), '', 'an empty board reads as nothing');
  assert.match(await page.locator('#status').textContent(), /ready/i);

  // The 4 is open and written in two strokes; the reading must grow by one digit per finished digit.
  let left = 60;
  const seen = [];
  for (const digit of ['1', '7', '4', '0']) {
    seen.push(await draw(page, digitStrokes(digit, { x: left, y: 120, size: SIZE })));
    left += digitWidth(digit, SIZE) + 0.25 * SIZE;
  }
  assert.deepEqual(seen, ['1', '17', '174', '1740']);

  const result = await page.evaluate(() => window.lastReading);
  assert.equal(result.numbers.length, 1);
  const digits = result.numbers[0].digits;
  assert.deepEqual(digits.map((d) => d.digit), [1, 7, 4, 0]);
  for (const d of digits) {
    assert.ok(d.confidence > 0.5, `digit ${d.digit} read with confidence ${d.confidence}`);
    assert.equal(d.alternatives[0].digit, d.digit);
  }

  // The details panel lists each digit with its confidence and alternatives.
  const details = await page.locator('#digit-list li li').allTextContents();
  assert.equal(details.length, 4);
  assert.match(details[2], /^4 \d+\.\d% · alternatives \d\s<?\d+\.\d%, \d\s<?\d+\.\d%$/);

  // Boxes and labels go on the overlay, never into the pixels the recognizer reads.
  const colours = await page.evaluate(() => {
    const count = (canvas, test) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (test(data[i], data[i + 1], data[i + 2], data[i + 3])) n++;
      return n;
    };
    const blue = (r, g, b, a) => a > 0 && b > r + 60;
    return { ink: count(document.getElementById('ink'), blue), overlay: count(document.getElementById('overlay'), blue) };
  });
  assert.equal(colours.ink, 0, 'box colour found on the ink canvas');
  assert.ok(colours.overlay > 100, 'no boxes drawn on the overlay');
  await closePage(session);
});

test('reads every digit, on two lines in reading order', async () => {
  const session = await openPage();
  assert.equal(await draw(session.page, numberStrokes('56789', { x: 60, y: 250, size: SIZE })), '56789');
  const text = await draw(session.page, numberStrokes('01234', { x: 60, y: 50, size: SIZE }));
  assert.equal(text, '01234 56789');
  await closePage(session);
});

test('a wide gap starts a new number', async () => {
  const session = await openPage();
  assert.equal(await draw(session.page, numberStrokes('12 35', { x: 60, y: 120, size: SIZE })), '12 35');
  const { numbers } = await session.page.evaluate(() => window.lastReading);
  assert.deepEqual(numbers.map((n) => n.digits.length), [2, 2]);
  await closePage(session);
});

test('a digit written in several strokes stays one digit', async () => {
  // The 5's flag is lifted clear of its body: the page must join two separate pieces of ink.
  const [body, flag] = digitStrokes('5', { x: 0, y: 0, size: SIZE });
  assert.ok(distanceBetween(body, flag) > LINE_WIDTH + 2, 'the flag of the 5 should not touch its body');

  const session = await openPage();
  const strokes = numberStrokes('45[7x]', { x: 60, y: 120, size: SIZE });
  assert.equal(strokes.length, 6, 'each of these digits is written in two strokes');
  assert.equal(await draw(session.page, strokes), '457');
  const { numbers } = await session.page.evaluate(() => window.lastReading);
  assert.equal(numbers[0].digits.length, 3);
  await closePage(session);
});

test('Undo and Clear, by button and keyboard, update the reading', async () => {
  const session = await openPage();
  const { page } = session;
  assert.equal(await draw(page, numberStrokes('123', { x: 60, y: 120, size: SIZE })), '123');
  assert.equal(await readingAfter(page, () => page.click('#undo')), '12');
  assert.equal(await readingAfter(page, () => page.keyboard.press('Control+z')), '1');
  assert.equal(await readingAfter(page, () => page.keyboard.press('Meta+z')), '');
  // Undo on an empty board changes nothing and does not throw.
  await page.click('#undo');
  assert.equal(await reading(page), '');

  assert.equal(await draw(page, numberStrokes('38', { x: 60, y: 120, size: SIZE })), '38');
  assert.equal(await readingAfter(page, () => page.click('#clear')), '');
  assert.equal(await page.locator('#digit-list li').count(), 0, 'details still list digits after Clear');
  const inkLeft = await page.evaluate(() => {
    const canvas = document.getElementById('ink');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return data.some((value) => value !== 255);
  });
  assert.equal(inkLeft, false, 'the canvas is not blank after Clear');

  assert.equal(await draw(page, numberStrokes('6', { x: 60, y: 120, size: SIZE })), '6');
  assert.equal(await readingAfter(page, () => page.keyboard.press('Escape')), '');
  assert.equal(await draw(page, numberStrokes('9', { x: 60, y: 120, size: SIZE })), '9');
  assert.equal(await readingAfter(page, () => page.keyboard.press('Delete')), '');
  await closePage(session);
});

test('is sharp and reads correctly on a HiDPI screen', async () => {
  const session = await openPage({ deviceScaleFactor: 2 });
  const { page } = session;
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('ink');
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
  });
  assert.deepEqual([size.width, size.height], [size.cssWidth * 2, size.cssHeight * 2]);

  const drawn = { x: 60, y: 120 };
  assert.equal(await draw(page, numberStrokes('2968', { ...drawn, size: SIZE })), '2968');
  // Boxes are in backing-store pixels: twice the CSS coordinates the strokes were drawn at.
  const [first] = (await page.evaluate(() => window.lastReading)).numbers[0].digits;
  assert.ok(Math.abs(first.box.x - 2 * (drawn.x - LINE_WIDTH / 2)) < 8, `box x ${first.box.x}`);
  assert.ok(Math.abs(first.box.y - 2 * (drawn.y - LINE_WIDTH / 2)) < 8, `box y ${first.box.y}`);
  assert.ok(Math.abs(first.box.height - 2 * (SIZE + LINE_WIDTH)) < 12, `box height ${first.box.height}`);
  await closePage(session);
});

test('loads only from the local server', async () => {
  const session = await openPage();
  await draw(session.page, numberStrokes('7', { x: 60, y: 120, size: SIZE }));
  const paths = session.requests.map((url) => new URL(url).pathname);
  for (const expected of ['/web/', '/web/app.js', '/wasm/digits.js', '/dist/digits.wasm']) {
    assert.ok(paths.includes(expected), `${expected} was not requested (requests: ${paths.join(', ')})`);
  }
  await closePage(session); // asserts that every request went to the local server
});

test('shows a readable error when the recognizer cannot load', async () => {
  const page = await browser.newPage();
  await page.route('**/dist/digits.wasm', (route) => route.fulfill({ status: 404, body: 'missing' }));
  await page.goto(browser.url);
  const outcome = await page.evaluate(() => window.digitsReady.then(() => 'ready', (error) => error.message));
  assert.match(outcome, /HTTP 404/);
  const status = page.locator('#status');
  assert.equal(await status.getAttribute('class'), 'status error');
  assert.match(await status.textContent(), /could not load.*HTTP 404.*Reload/);
  await page.close();
});
