// The evaluation sets of handwriting as a canvas holds it, drawn by build/native/synth from MNIST's *test*
// images and fonts training never sees, and read through the public recognize(). One set writes synth's
// numbers on the page's board with the page's pen, as tests/browser/replay.test.mjs replays them.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { BOARD_WIDTH, LINE_WIDTH } from '../web/board.js';

const SYNTH = fileURLToPath(new URL('../build/native/synth', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
// The benchmark's canvases: synth's seed, and how many of each set.
export const SEED = 7;
export const SET_SIZES = { digits: 10000, fatPenDigits: 3000, squeezedDigits: 3000, fastDigits: 3000, numbers: 1000, markedNumbers: 1000, fontDigits: 3000, fontNumbers: 1000, marks: 2000 };
// Fat pens on digits: the pen's width as a share of the digit's height, in turn. synth draws up to a fifth; a
// finger in a small field writes fatter, and loops begin to fill in.
export const FAT_PENS = [0.2, 0.25, 0.3];
// Squeezed and stretched digits: each digit's width scaled by these, in turn, beyond the 0.75 to 1.25 synth draws
// (a narrow form field; a wide hand).
export const WIDTHS = [0.55, 0.7, 1.6];
// Fast hands on digits: each stroke kept only through points this far apart, as shares of the digit's height, in
// turn, and joined by straight lines: the few pointer events a quick stroke leaves where a page draws only those
// (ours draws the coalesced events too). Training draws no such hands (model card, session 30).
export const SPACINGS = [0.1, 0.15, 0.2];

/** Canvases of one synth set: yields {label, width, height, data (RGBA)} as synth writes them. */
export async function* synthCanvases(set, count, seed = SEED) {
  const child = spawn(SYNTH, [set, 'test', String(count), String(seed)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = Buffer.alloc(0);
  for await (const chunk of child.stdout) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (pending.length < 12) break;
      const width = pending.readUInt32LE(0), height = pending.readUInt32LE(4), labelLength = pending.readUInt32LE(8);
      const size = 12 + labelLength + width * height;
      if (pending.length < size) break;
      const label = pending.toString('utf8', 12, 12 + labelLength);
      const grey = pending.subarray(12 + labelLength, size);
      const data = new Uint8ClampedArray(width * height * 4);
      for (let i = 0; i < grey.length; i++) data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = grey[i], data[4 * i + 3] = 255;
      yield { label, width, height, data };
      pending = pending.subarray(size);
    }
  }
  const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));
  if (code !== 0) throw new Error(`synth ${set} exited with ${code}`);
}

/** Samples of a synth set as pen strokes: [{label, width, height, pen, strokes}], strokes as [x, y] polylines. */
export function synthStrokes(set, count, seed) {
  const lines = execFileSync(SYNTH, [set, 'test', String(count), String(seed), '--strokes'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  return lines.trim().split('\n').map((line) => JSON.parse(line));
}

// The page's full-size board, and where a person would write on it: inside a margin, at most `tallest` high.
export const BOARD = { width: BOARD_WIDTH, height: BOARD_WIDTH / 2, margin: 30, tallest: 200 };

/** The sample's strokes scaled to use the board as a person would: as large as fits, up to BOARD.tallest. */
export function onBoard({ strokes }) {
  const points = strokes.flat();
  const left = Math.min(...points.map(([x]) => x)), right = Math.max(...points.map(([x]) => x));
  const top = Math.min(...points.map(([, y]) => y)), bottom = Math.max(...points.map(([, y]) => y));
  const scale = Math.min((BOARD.width - 2 * BOARD.margin) / (right - left),
    (BOARD.height - 2 * BOARD.margin) / (bottom - top), BOARD.tallest / (bottom - top));
  return strokes.map((line) => line.map(([x, y]) => [BOARD.margin + (x - left) * scale, BOARD.margin + (y - top) * scale]));
}

/** Strokes drawn on a blank board as the page draws them: LINE_WIDTH wide, round caps, antialiased. */
export const drawOnBoard = (strokes) => drawStrokes(strokes, BOARD.width, BOARD.height, LINE_WIDTH);

/** Strokes drawn on a blank canvas as a canvas draws them: round caps, antialiased. */
export function drawStrokes(strokes, width, height, lineWidth) {
  const radius = lineWidth / 2;
  const ink = new Float32Array(width * height);
  const segment = ([ax, ay], [bx, by]) => {
    const dx = bx - ax, dy = by - ay, length2 = Math.max(dx * dx + dy * dy, 1e-9);
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - radius - 1)), x1 = Math.min(width - 1, Math.ceil(Math.max(ax, bx) + radius + 1));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by) - radius - 1)), y1 = Math.min(height - 1, Math.ceil(Math.max(ay, by) + radius + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        // Coverage from the pixel centre's distance to the segment: 1 inside, fading over one pixel.
        const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / length2));
        const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(x + 0.5 - ax - t * dx, y + 0.5 - ay - t * dy)));
        ink[y * width + x] = Math.max(ink[y * width + x], coverage);
      }
    }
  };
  for (const line of strokes) line.forEach((point, i) => segment(line[Math.max(0, i - 1)], point));
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  // Full coverage is the page's ink, #111 (17 of 255).
  ink.forEach((coverage, i) => { data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = Math.round(255 - (255 - 17) * coverage); });
  return { width, height, data };
}

/** A sample's strokes scaled across by `factor` about their middle, drawn with its pen on a canvas wide enough. */
export function drawnScaledAcross({ strokes, width, height, pen }, factor) {
  const xs = strokes.flat().map(([x]) => x);
  const left = Math.min(...xs), right = Math.max(...xs), middle = (left + right) / 2;
  const wide = Math.max(width, Math.ceil((right - left) * factor + 2 * pen + 8));
  const scaled = strokes.map((line) => line.map(([x, y]) => [wide / 2 + (x - middle) * factor, y]));
  return drawStrokes(scaled, wide, height, pen);
}

/** How tall a sample's writing is, from its highest point to its lowest. */
function strokesHeight(strokes) {
  const ys = strokes.flat().map(([, y]) => y);
  return Math.max(...ys) - Math.min(...ys);
}

/**
 * The line through its points at least `least` apart, from its first to its last, keeping every point in
 * `joints`: where another line begins or ends, so that a stroke branching off this one still meets it.
 */
function sparse(line, least, joints) {
  const kept = [line[0]];
  for (const [i, [x, y]] of line.entries()) {
    const [keptX, keptY] = kept[kept.length - 1];
    if (i > 0 && (i === line.length - 1 || joints.has(`${x},${y}`) || Math.hypot(x - keptX, y - keptY) >= least)) kept.push([x, y]);
  }
  return kept;
}

/** A sample's strokes drawn with its pen through points at least `spacing` of the digit's height apart. */
export function drawnSparsely({ strokes, width, height, pen }, spacing) {
  const least = spacing * strokesHeight(strokes);
  const joints = new Set(strokes.flatMap((line) => [line[0], line[line.length - 1]]).map(([x, y]) => `${x},${y}`));
  return drawStrokes(strokes.map((line) => sparse(line, least, joints)), width, height, pen);
}

/** Expected calibration error: the gap between confidence and accuracy, over 15 equal-width bins. */
export function calibrationError(predictions) {
  const bins = Array.from({ length: 15 }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const { confidence, right } of predictions) {
    const bin = bins[Math.min(14, Math.floor(confidence * 15))];
    bin.n++, bin.confidence += confidence, bin.right += right;
  }
  return bins.reduce((sum, b) => sum + (b.n ? Math.abs(b.confidence - b.right) : 0), 0) / predictions.length;
}

/** Error among the kept readings as the least confident are turned away: [{rejected, error}]. */
export function errorRejectionCurve(predictions) {
  const sorted = [...predictions].sort((a, b) => a.confidence - b.confidence);
  let wrong = sorted.filter((p) => !p.right).length;
  const curve = [];
  for (let i = 0; i <= sorted.length; i++) {
    if (i % Math.max(1, Math.floor(sorted.length / 200)) === 0) {
      curve.push({ rejected: i / sorted.length, error: wrong / Math.max(1, sorted.length - i) });
    }
    if (i < sorted.length && !sorted[i].right) wrong--;
  }
  return curve;
}

export const readingText = ({ numbers }) => numbers.map((n) => n.text).join(' ');

/** Whether a reading turns a mark away: no digit in it (read as `?`, or ignored as a speck). */
export const isRejected = (text) => !/[0-9]/.test(text);

/**
 * The benchmark's evaluation sets, one generator of samples per set: each sample is {canvas, label, right(text)},
 * `right` saying whether a reading's text is right for it. The benchmark and `npm run compare` both read these.
 */
export function evaluationSamples(seed = SEED, sizes = SET_SIZES) {
  const isText = (label) => (text) => text === label;
  const labelled = async function* (canvases) {
    for await (const canvas of canvases) yield { canvas, label: canvas.label, right: isText(canvas.label) };
  };
  return {
    'pen digits': () => labelled(synthCanvases('pen-digits', sizes.digits, seed)),
    'two-stroke digits': () => labelled(synthCanvases('lifted-digits', sizes.digits, seed)),
    numbers: () => labelled(synthCanvases('numbers', sizes.numbers, seed)),
    'board numbers': async function* () {
      for (const sample of synthStrokes('numbers', sizes.numbers, seed)) {
        yield { canvas: drawOnBoard(onBoard(sample)), label: sample.label, right: isText(sample.label) };
      }
    },
    'fat-pen digits': async function* () {
      const samples = synthStrokes('pen-digits', sizes.fatPenDigits, seed);
      for (const [i, { strokes, width, height, label }] of samples.entries()) {
        const lineWidth = FAT_PENS[i % FAT_PENS.length] * strokesHeight(strokes);
        yield { canvas: drawStrokes(strokes, width, height, lineWidth), label, right: isText(label) };
      }
    },
    'squeezed and stretched digits': async function* () {
      const samples = synthStrokes('pen-digits', sizes.squeezedDigits, seed);
      for (const [i, sample] of samples.entries()) {
        yield { canvas: drawnScaledAcross(sample, WIDTHS[i % WIDTHS.length]), label: sample.label, right: isText(sample.label) };
      }
    },
    'fast-hand digits': async function* () {
      const samples = synthStrokes('pen-digits', sizes.fastDigits, seed);
      for (const [i, sample] of samples.entries()) {
        yield { canvas: drawnSparsely(sample, SPACINGS[i % SPACINGS.length]), label: sample.label, right: isText(sample.label) };
      }
    },
    'numbers with a mark': () => labelled(synthCanvases('marked-numbers', sizes.markedNumbers, seed)),
    'font digits': () => labelled(synthCanvases('font-digits', sizes.fontDigits, seed)),
    'font numbers': () => labelled(synthCanvases('font-numbers', sizes.fontNumbers, seed)),
    'marks (right: rejected)': async function* () {
      for await (const canvas of synthCanvases('marks', sizes.marks, seed)) yield { canvas, label: null, right: isRejected };
    },
  };
}

/** Single digits: accuracy, digits wrongly rejected, calibration (ECE). */
async function digitSet(recognizer, samples) {
  let count = 0, right = 0, rejected = 0;
  const predictions = [];
  for await (const { canvas, right: isRight } of samples) {
    const reading = recognizer.recognize(canvas);
    const text = readingText(reading);
    const digits = reading.numbers.flatMap((n) => n.digits);
    count++, right += isRight(text), rejected += text === '?';
    if (digits.length === 1 && digits[0].digit !== null) {
      predictions.push({ confidence: digits[0].confidence, right: isRight(text) });
    }
  }
  return { count, accuracy: right / count, wronglyRejected: rejected / count, ece: calibrationError(predictions), predictions };
}

/** Whole canvases of numbers: a canvas counts only if its entire reading is right. */
async function numberSet(recognizer, samples) {
  let count = 0, right = 0, digits = 0, digitsRight = 0;
  const misreads = [];
  for await (const { canvas, label } of samples) {
    const text = readingText(recognizer.recognize(canvas));
    count++, right += text === label;
    if (text !== label && misreads.length < 20) misreads.push({ expected: label, read: text });
    digits += label.replace(/ /g, '').length;
    // Digits right where the reading has the expected length: a lower bound that ignores shifted readings.
    if (text.length === label.length) for (let i = 0; i < text.length; i++) digitsRight += text[i] === label[i] && text[i] !== ' ';
  }
  return { count, accuracy: right / count, digitAccuracy: digitsRight / digits, misreads };
}

/** Numbers with a mark among their digits: whole canvases read right, and the share whose mark reads `?` in its place. */
async function markedNumberSet(recognizer, samples) {
  let count = 0, right = 0, markInPlace = 0;
  for await (const { canvas, label } of samples) {
    const text = readingText(recognizer.recognize(canvas));
    count++, right += text === label;
    markInPlace += text.length === label.length && text[label.indexOf('?')] === '?';
  }
  return { count, accuracy: right / count, markInPlace: markInPlace / count };
}

/**
 * The share of a set's canvases read right: for numbers on the board, and for marks, where right is rejected.
 * Also each canvas's reading time in ms: on the board, a stroke end as the page has it, touching digits and all.
 */
async function shareRight(recognizer, samples) {
  let count = 0, right = 0;
  const milliseconds = [];
  for await (const { canvas, right: isRight } of samples) {
    const start = performance.now();
    const text = readingText(recognizer.recognize(canvas));
    milliseconds.push(performance.now() - start);
    count++, right += isRight(text);
  }
  return { count, accuracy: right / count, milliseconds };
}

export async function evaluateSets(recognizer, sizes = SET_SIZES) {
  const sets = evaluationSamples(SEED, sizes);
  const penDigits = await digitSet(recognizer, sets['pen digits']());
  const twoStrokeDigits = await digitSet(recognizer, sets['two-stroke digits']());
  const fatPenDigits = await digitSet(recognizer, sets['fat-pen digits']());
  const squeezedDigits = await digitSet(recognizer, sets['squeezed and stretched digits']());
  const fastDigits = await digitSet(recognizer, sets['fast-hand digits']());
  const numbers = await numberSet(recognizer, sets.numbers());
  const pageNumbers = await shareRight(recognizer, sets['board numbers']());
  const markedNumbers = await markedNumberSet(recognizer, sets['numbers with a mark']());
  const fontDigits = await digitSet(recognizer, sets['font digits']());
  const fontNumbers = await numberSet(recognizer, sets['font numbers']());
  const { count, accuracy } = await shareRight(recognizer, sets['marks (right: rejected)']());
  return { penDigits, twoStrokeDigits, fatPenDigits, squeezedDigits, fastDigits, numbers, pageNumbers, markedNumbers, fontDigits, fontNumbers,
    marks: { count, rejected: accuracy } };
}
