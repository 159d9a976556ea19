// A blind reading test: how many of the recognizer's misreads a person reads right. What a person cannot read
// either, no reader can be expected to, so this bounds what a better network could still gain on a set (model
// card, "What a person reads").
//
//   node scripts/blind-reading.mjs pages SET SEED OUT [CONTROLS EVERY]
//     Reads the evaluation set SET of seed SEED with dist/digits.wasm (a digit or number set, named as `npm run
//     bench` names them: 'pen digits', 'numbers', ...). Writes OUT/page-1.png, OUT/page-2.png, ...: every canvas
//     it misreads and CONTROLS (default 40) that it reads right (the first among every EVERY-th canvas, default
//     97), shuffled, drawn half size, without labels; and OUT/key.json, which the person must not open before
//     scoring.
//   node scripts/blind-reading.mjs score OUT READINGS
//     READINGS holds the person's reading of each tile, a line each in the pages' order (page by page, row by
//     row, left to right), numbers apart by a space as the recognizer's text puts them; lines from # are notes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createRecognizer } from '../wasm/digits.js';
import { evaluationSamples, readingText } from './eval-sets.mjs';
import { encodePng } from './png.mjs';

const SHRINK = 2;            // tiles are drawn this many times smaller than the canvas
const PAGE = { width: 1200, height: 1000 };  // a page fits a screen
const GAP = 2;
const SHUFFLE_SEED = 12345;

// The canvas SHRINK times smaller, each pixel the darkest it covers, so that thin strokes stay visible.
function shrunk(canvas) {
  const width = Math.floor(canvas.width / SHRINK), height = Math.floor(canvas.height / SHRINK);
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let y = 0; y < height * SHRINK; y++) {
    for (let x = 0; x < width * SHRINK; x++) {
      const to = 4 * (Math.floor(y / SHRINK) * width + Math.floor(x / SHRINK)), from = 4 * (y * canvas.width + x);
      for (let c = 0; c < 3; c++) data[to + c] = Math.min(data[to + c], canvas.data[from + c]);
    }
  }
  return { width, height, data };
}

// The same order on every run: a linear congruential generator drives Fisher-Yates.
function shuffled(items) {
  let state = SHUFFLE_SEED;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function writePages(tiles, out) {
  const tileWidth = Math.max(...tiles.map((t) => t.width)), tileHeight = Math.max(...tiles.map((t) => t.height));
  const columns = Math.max(1, Math.floor(PAGE.width / (tileWidth + GAP)));
  const perPage = columns * Math.max(1, Math.floor(PAGE.height / (tileHeight + GAP)));
  for (let first = 0, page = 1; first < tiles.length; first += perPage, page++) {
    const onPage = tiles.slice(first, first + perPage);
    const width = columns * (tileWidth + GAP), height = Math.ceil(onPage.length / columns) * (tileHeight + GAP);
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : 128));  // grey between tiles
    onPage.forEach((tile, i) => {
      const left = (i % columns) * (tileWidth + GAP), top = Math.floor(i / columns) * (tileHeight + GAP);
      for (let y = 0; y < tile.height; y++) {
        rgba.set(tile.data.subarray(4 * y * tile.width, 4 * (y + 1) * tile.width), 4 * ((top + y) * width + left));
      }
    });
    writeFileSync(join(out, `page-${page}.png`), encodePng(width, height, rgba));
  }
  return Math.ceil(tiles.length / perPage);
}

async function pages(set, seed, out, controls = 40, every = 97) {
  const wasm = readFileSync(new URL('../dist/digits.wasm', import.meta.url));
  const recognizer = await createRecognizer({ wasm });
  const misread = [], readRight = [];
  let index = 0;
  for await (const { canvas, label, right } of evaluationSamples(seed)[set]()) {
    const reading = readingText(recognizer.recognize(canvas));
    if (!right(reading)) misread.push({ index, label, reading, misread: true, tile: shrunk(canvas) });
    else if (index % every === 0 && readRight.length < controls) readRight.push({ index, label, reading, misread: false, tile: shrunk(canvas) });
    index++;
  }
  const tiles = shuffled([...misread, ...readRight]);
  mkdirSync(out, { recursive: true });
  const key = { set, seed, total: index, tiles: tiles.map(({ tile, ...rest }) => rest) };
  writeFileSync(join(out, 'key.json'), JSON.stringify(key, null, 1));
  const count = writePages(tiles.map((t) => t.tile), out);
  console.log(`${set}, seed ${seed}: ${misread.length} of ${index} misread; ${tiles.length} tiles on ${count} pages in ${out}`);
}

function score(out, readingsFile) {
  const { set, seed, total, tiles } = JSON.parse(readFileSync(join(out, 'key.json'), 'utf8'));
  const readings = readFileSync(readingsFile, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  if (readings.length !== tiles.length) throw new Error(`${readings.length} readings for ${tiles.length} tiles`);
  const count = (misread, test) => tiles.filter((t, i) => t.misread === misread && test(t, readings[i])).length;
  const misread = count(true, () => true), controls = count(false, () => true);
  const personRight = count(true, (t, r) => r === t.label), sameWrong = count(true, (t, r) => r === t.reading);
  const percent = (right) => `${(100 * right / total).toFixed(2)}%`;
  console.log(`${set}, seed ${seed}: the recognizer misreads ${misread} of ${total} (${percent(total - misread)} right)`);
  console.log(`  of those the person read ${personRight} right, and ${sameWrong} as the recognizer did`);
  console.log(`  of ${controls} it reads right the person read ${count(false, (t, r) => r === t.label)} right`);
  console.log(`  the recognizer right wherever either is: ${percent(total - misread + personRight)}`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'pages' && args.length >= 3) await pages(args[0], Number(args[1]), args[2], ...args.slice(3).map(Number));
else if (command === 'score' && args.length === 2) score(...args);
else {
  console.error('usage: blind-reading.mjs pages SET SEED OUT [CONTROLS EVERY] | score OUT READINGS');
  process.exit(2);
}
