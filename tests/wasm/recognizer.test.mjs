// The built wasm module through its public API: same readings as the native core, and every bad input
// class answered with a clear error that leaves the recognizer usable.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';

import { createRecognizer } from '../../wasm/digits.js';
import { blankCanvas, drawMnistDigit, readMnistTest } from './mnist-canvas.mjs';

const CLI = new URL('../../build/native/digits', import.meta.url).pathname;
const WASM = new URL('../../dist/digits.wasm', import.meta.url);

function toPgm(canvas) {
  const header = Buffer.from(`P5\n${canvas.width} ${canvas.height}\n255\n`);
  const gray = Buffer.alloc(canvas.width * canvas.height);
  for (let i = 0; i < gray.length; i++) gray[i] = canvas.data[4 * i];
  return Buffer.concat([header, gray]);
}

// Canvases of 1 to 6 MNIST digits in a row, at several sizes.
function fixedSet() {
  const { images } = readMnistTest();
  const canvases = [];
  for (let k = 0; k < 24; k++) {
    const count = 1 + (k % 6);
    const scale = 2 + (k % 4);
    const canvas = blankCanvas(Math.ceil(count * 30 * scale) + 40, Math.ceil(30 * scale) + 40);
    for (let d = 0; d < count; d++) drawMnistDigit(canvas, images[k * 7 + d], scale, 20 + Math.round(d * 26 * scale), 20);
    canvases.push(canvas);
  }
  return canvases;
}

describe('wasm recognizer', () => {
  let recognizer;
  before(async () => { recognizer = await createRecognizer(); });
  after(() => recognizer.dispose());

  test('reads a fixed set exactly as the native core does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digits-'));
    try {
      const canvases = fixedSet();
      const files = canvases.map((canvas, i) => {
        const path = join(dir, `${i}.pgm`);
        writeFileSync(path, toPgm(canvas));
        return path;
      });
      const native = execFileSync(CLI, files, { encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(native.length, canvases.length);
      canvases.forEach((canvas, i) => {
        const wasm = recognizer.recognize(canvas);
        const { file, ...expected } = native[i];
        assert.equal(file, files[i]);
        assert.deepEqual(wasm.numbers.map((n) => n.text), expected.numbers.map((n) => n.text), `canvas ${i}`);
        wasm.numbers.forEach((number, n) => number.digits.forEach((digit, d) => {
          const other = expected.numbers[n].digits[d];
          assert.deepEqual(digit.box, other.box);
          assert.ok(Math.abs(digit.confidence - other.confidence) <= 1e-3, `confidence of canvas ${i}`);
          assert.deepEqual(digit.alternatives.map((a) => a.digit), other.alternatives.map((a) => a.digit));
        }));
      });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('an empty or transparent canvas reads as nothing', () => {
    assert.deepEqual(recognizer.recognize(blankCanvas(280, 280)), { numbers: [] });
    assert.deepEqual(recognizer.recognize({ data: new Uint8ClampedArray(64 * 64 * 4), width: 64, height: 64 }),
      { numbers: [] });
  });

  // Pages paint their canvases as they please: a dark theme writes white on black, or on a canvas left
  // transparent over a dark page, where composited over white the writing would vanish.
  test('reads the same whatever the colours of ink and paper', () => {
    const colourings = {
      'light ink on dark paper': (tone) => [255 - tone, 255 - tone, 255 - tone, 255],
      'dark ink on transparent paper': (tone) => [0, 0, 0, 255 - tone],
      'white ink on transparent paper': (tone) => [255, 255, 255, 255 - tone],
      'blue ink on transparent paper': (tone) => [30, 144, 255, 255 - tone],
    };
    for (const canvas of fixedSet().slice(0, 12)) {
      const expected = recognizer.recognize(canvas).numbers.map((n) => n.text);
      for (const [name, colour] of Object.entries(colourings)) {
        const data = new Uint8ClampedArray(canvas.data.length);
        for (let i = 0; i < data.length; i += 4) data.set(colour(canvas.data[i]), i);
        const text = recognizer.recognize({ data, width: canvas.width, height: canvas.height }).numbers.map((n) => n.text);
        assert.deepEqual(text, expected, name);
      }
    }
  });

  test('every bad input throws a clear error and leaves the recognizer usable', () => {
    const pixels = new Uint8ClampedArray(16 * 16 * 4).fill(255);
    const cases = [
      [undefined, TypeError, /ImageData/],
      [null, TypeError, /ImageData/],
      [{ width: 16, height: 16 }, TypeError, /image\.data/],
      [{ data: [1, 2, 3], width: 1, height: 1 }, TypeError, /image\.data/],
      [{ data: pixels, width: 0, height: 16 }, RangeError, /width/],
      [{ data: pixels, width: 16, height: -1 }, RangeError, /height/],
      [{ data: pixels, width: 1.5, height: 16 }, RangeError, /width/],
      [{ data: pixels, width: NaN, height: 16 }, RangeError, /width/],
      [{ data: pixels, width: 2 ** 40, height: 16 }, RangeError, /width/],
      [{ data: pixels, width: 100000, height: 100000 }, Error, /outside/],
      [{ data: pixels, width: 16, height: 17 }, Error, /1024 bytes.*needs 1088/],
    ];
    for (const [image, type, message] of cases) {
      assert.throws(() => recognizer.recognize(image), (e) => e instanceof type && message.test(e.message),
        `for ${JSON.stringify(image)?.slice(0, 60)}`);
    }
    assert.deepEqual(recognizer.recognize({ data: pixels, width: 16, height: 16 }), { numbers: [] });
  });

  test('a disposed recognizer says so', async () => {
    const short = await createRecognizer();
    short.dispose();
    short.dispose();
    assert.throws(() => short.recognize(blankCanvas(8, 8)), /disposed/);
  });
});

describe('loading', () => {
  const canvas = drawMnistDigit(blankCanvas(120, 120), readMnistTest().images[0], 3, 10, 10);

  test('from bytes, a compiled module or a URL, as well as by default', async () => {
    const bytes = readFileSync(WASM);
    for (const wasm of [bytes, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
      new WebAssembly.Module(bytes), WASM, WASM.href]) {
      const r = await createRecognizer({ wasm });
      assert.equal(r.recognize(canvas).numbers[0].text, '7');
      r.dispose();
    }
  });

  test('bad wasm bytes reject', async () => {
    await assert.rejects(createRecognizer({ wasm: new Uint8Array([0, 1, 2, 3]) }));
  });

  test('in a worker thread', async () => {
    const worker = new Worker(`
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.module).then(async ({ createRecognizer }) => {
        const r = await createRecognizer();
        parentPort.postMessage(r.recognize(workerData.canvas).numbers[0].text);
      });`, { eval: true, workerData: { module: new URL('../../wasm/digits.js', import.meta.url).href, canvas } });
    const [text] = await Promise.all([new Promise((resolve) => worker.once('message', resolve))]);
    await worker.terminate();
    assert.equal(text, '7');
  });
});
