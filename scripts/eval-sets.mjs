// The evaluation sets of handwriting as a canvas holds it, drawn by build/native/synth from MNIST's *test*
// images and fonts training never sees, and read through the public recognize().
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SYNTH = fileURLToPath(new URL('../build/native/synth', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = 7;

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

const readingText = ({ numbers }) => numbers.map((n) => n.text).join(' ');

/** Single digits: accuracy, digits wrongly rejected, calibration (ECE). */
async function digitSet(recognizer, set, count) {
  let right = 0, rejected = 0;
  const predictions = [];
  for await (const canvas of synthCanvases(set, count)) {
    const reading = recognizer.recognize(canvas);
    const text = readingText(reading);
    const digits = reading.numbers.flatMap((n) => n.digits);
    right += text === canvas.label;
    rejected += text === '?';
    if (digits.length === 1 && digits[0].digit !== null) {
      predictions.push({ confidence: digits[0].confidence, right: text === canvas.label });
    }
  }
  return { set, count, accuracy: right / count, wronglyRejected: rejected / count, ece: calibrationError(predictions), predictions };
}

/** Whole canvases of numbers: a canvas counts only if its entire reading is right. */
async function numberSet(recognizer, count) {
  let right = 0, digits = 0, digitsRight = 0;
  const misreads = [];
  for await (const canvas of synthCanvases('numbers', count)) {
    const text = readingText(recognizer.recognize(canvas));
    right += text === canvas.label;
    if (text !== canvas.label && misreads.length < 20) misreads.push({ expected: canvas.label, read: text });
    digits += canvas.label.replace(/ /g, '').length;
    // Digits right where the reading has the expected length: a lower bound that ignores shifted readings.
    if (text.length === canvas.label.length) for (let i = 0; i < text.length; i++) digitsRight += text[i] === canvas.label[i] && text[i] !== ' ';
  }
  return { set: 'numbers', count, accuracy: right / count, digitAccuracy: digitsRight / digits, misreads };
}

/** Marks that are not digits: the share read as '?' or ignored, rather than forced into a digit. */
async function markSet(recognizer, count) {
  let rejected = 0;
  for await (const canvas of synthCanvases('marks', count)) {
    const text = readingText(recognizer.recognize(canvas));
    rejected += !/[0-9]/.test(text);
  }
  return { set: 'marks', count, rejected: rejected / count };
}

export async function evaluateSets(recognizer, { digits = 10000, numbers = 1000, marks = 2000 } = {}) {
  return {
    penDigits: await digitSet(recognizer, 'pen-digits', digits),
    numbers: await numberSet(recognizer, numbers),
    marks: await markSet(recognizer, marks),
  };
}
