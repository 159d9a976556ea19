// The native CLI: one JSON line per readable file in recognize()'s shape, clear errors and exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { encodePng } from '../../scripts/png.mjs';
import { blankCanvas, drawMnistDigit, readMnistTest } from '../wasm/mnist-canvas.mjs';

const CLI = new URL('../../build/native/digits', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'digits-cli-'));
after(() => rmSync(dir, { recursive: true }));

function run(...args) {
  return spawnSync(CLI, args, { encoding: 'utf8' });
}

function jsonLines(stdout) {
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

// An RGBA PNG of the canvas, with transparent paper: the CLI must read it as paper.
function toPng(canvas) {
  const rgba = new Uint8Array(canvas.width * canvas.height * 4);
  for (let i = 0; i < canvas.width * canvas.height; i++) rgba[4 * i + 3] = 255 - canvas.data[4 * i];  // black ink whose opacity is the ink
  return encodePng(canvas.width, canvas.height, rgba);
}

function toPgm(canvas) {
  const gray = Buffer.from(canvas.data.filter((_, i) => i % 4 === 0));
  return Buffer.concat([Buffer.from(`P5\n# drawn by the test\n${canvas.width} ${canvas.height}\n255\n`), gray]);
}

const { images, labels } = readMnistTest();
const twoNumbers = blankCanvas(400, 120);
drawMnistDigit(twoNumbers, images[0], 3, 10, 10);
drawMnistDigit(twoNumbers, images[1], 3, 80, 10);
drawMnistDigit(twoNumbers, images[2], 3, 300, 10);
const expected = [`${labels[0]}${labels[1]}`, `${labels[2]}`];

test('--help explains the usage and exits 0; no arguments exits 2', () => {
  const help = run('--help');
  assert.equal(help.status, 0);
  assert.match(help.stdout, /usage: digits FILE/);
  assert.equal(run().status, 2);
});

test('PNG and PGM files each give one JSON line in the shape of recognize()', () => {
  const png = join(dir, 'two numbers.png');
  const pgm = join(dir, 'two-numbers.pgm');
  writeFileSync(png, toPng(twoNumbers));
  writeFileSync(pgm, toPgm(twoNumbers));
  const { status, stdout } = run(png, pgm);
  const lines = jsonLines(stdout);
  assert.equal(status, 0);
  assert.deepEqual(lines.map((l) => l.file), [png, pgm]);
  for (const line of lines) {
    assert.deepEqual(line.numbers.map((n) => n.text), expected);
    const digit = line.numbers[0].digits[0];
    assert.deepEqual(Object.keys(digit), ['digit', 'confidence', 'box', 'alternatives']);
    assert.deepEqual(Object.keys(digit.box), ['x', 'y', 'width', 'height']);
    assert.equal(digit.alternatives.length, 3);
  }
  assert.deepEqual(lines[0].numbers, lines[1].numbers);
});

test('unreadable files are reported on stderr with exit code 1, the readable ones still read', () => {
  const good = join(dir, 'good.pgm');
  const garbage = join(dir, 'garbage.png');
  const truncated = join(dir, 'truncated.pgm');
  writeFileSync(good, toPgm(twoNumbers));
  writeFileSync(garbage, 'not an image at all');
  writeFileSync(truncated, toPgm(twoNumbers).subarray(0, 500));
  const missing = join(dir, 'missing.png');
  const { status, stdout, stderr } = run(missing, garbage, good, truncated);
  const lines = jsonLines(stdout);
  assert.equal(status, 1);
  assert.deepEqual(lines.map((l) => l.file), [good]);
  assert.match(stderr, new RegExp(`${missing}: cannot open file`));
  assert.match(stderr, new RegExp(`${garbage}: not a PNG or PGM file`));
  assert.match(stderr, new RegExp(`${truncated}: PGM file ends before its last pixel`));
});
