// npm run bench: what a user gets from the package, measured through its public API in Node.
//  - MNIST test accuracy through the whole wasm pipeline (each digit drawn on a canvas, found, normalized,
//    classified), with the confusion matrix and misreads saved to build/mnist-eval.json for the model card;
//  - handwriting as a canvas holds it (scripts/eval-sets.mjs): pen-drawn digits (also in two strokes), whole numbers, and marks
//    that are not digits, with calibration; curves saved to build/eval-sets.json for the model card;
//  - the package's JS + wasm size, raw and gzip;
//  - speed against ONNX Runtime Web and TensorFlow.js, in Node and Chromium (scripts/bench-speed.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

import { createRecognizer } from '../wasm/digits.js';
import { FAT_PENS, SPACINGS, WIDTHS, calibrationError, errorRejectionCurve, evaluateSets } from './eval-sets.mjs';
import { MNIST_DRAWINGS, mnistTestCanvas, readMnistTest } from '../tests/wasm/mnist-canvas.mjs';
import { benchSpeed } from './bench-speed.mjs';
import { percentile } from '../bench/runtimes.mjs';
import { packageSize } from './size.mjs';

function mnistAccuracy(recognizer, { images, labels }, draw = mnistTestCanvas) {
  const confusion = Array.from({ length: 10 }, () => new Array(11).fill(0));  // column 10: not one digit
  const misreads = [], predictions = [];
  let right = 0;
  images.forEach((image, i) => {
    const { numbers } = recognizer.recognize(draw(image, i));
    const text = numbers.map((n) => n.text).join(' ');
    const only = numbers.length === 1 && numbers[0].digits.length === 1 ? numbers[0].digits[0] : null;
    confusion[labels[i]][only?.digit ?? 10]++;
    if (only?.digit != null) predictions.push({ confidence: only.confidence, right: only.digit === labels[i] });
    if (text === String(labels[i])) right++;
    else misreads.push({ index: i, label: labels[i], read: text });
  });
  return { accuracy: right / images.length, right, total: images.length, confusion, misreads, predictions };
}

const mnist = readMnistTest();
const recognizer = await createRecognizer();

console.log(`Node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores`);
const evaluation = mnistAccuracy(recognizer, mnist);
// The share's 95% interval from sampling alone, in percentage points: two builds whose figures differ by less
// may not differ at all (npm run compare tells smaller differences apart, canvas by canvas).
const margin = (share, count) => `±${(196 * Math.sqrt(share * (1 - share) / count)).toFixed(2)}`;
console.log(`MNIST test through the wasm pipeline: ${(100 * evaluation.accuracy).toFixed(2)}% ` +
  `${margin(evaluation.accuracy, evaluation.total)} (${evaluation.right} / ${evaluation.total})`);
console.log(`  calibration error (ECE): ${(100 * calibrationError(evaluation.predictions)).toFixed(2)}%`);
// How much the figure owes to the way the digits are drawn: a page might draw them otherwise.
const drawnOtherwise = Object.entries(MNIST_DRAWINGS).map(([way, draw]) =>
  `${way} ${(100 * mnistAccuracy(recognizer, mnist, draw).accuracy).toFixed(2)}%`);
console.log(`  drawn otherwise: ${drawnOtherwise.join(', ')}`);
mkdirSync(new URL('../build/', import.meta.url), { recursive: true });
const { predictions: mnistPredictions, ...mnistSummary } = evaluation;
writeFileSync(new URL('../build/mnist-eval.json', import.meta.url), JSON.stringify(mnistSummary));

const quick = process.argv.includes('--quick');
const sets = await evaluateSets(recognizer, quick ? { digits: 1000, fatPenDigits: 300, squeezedDigits: 300, fastDigits: 300, numbers: 200, markedNumbers: 200, fontDigits: 300, fontNumbers: 200, marks: 300 } : undefined);
const percent = (x) => `${(100 * x).toFixed(2)}%`;
const printDigitSet = (name, { count, accuracy, wronglyRejected, ece }) => console.log(`${name} (${count}): ` +
  `${percent(accuracy)} ${margin(accuracy, count)} read right, ${percent(wronglyRejected)} wrongly rejected, ECE ${percent(ece)}`);
printDigitSet('pen-drawn digits', sets.penDigits);
printDigitSet('two-stroke digits, strokes stopping short where they join', sets.twoStrokeDigits);
printDigitSet(`pen-drawn digits with fat pens, ${FAT_PENS.join(', ')} of their height wide`, sets.fatPenDigits);
printDigitSet(`pen-drawn digits squeezed or stretched to ${WIDTHS.join(', ')} of their width`, sets.squeezedDigits);
printDigitSet(`pen-drawn digits in a fast hand, points ${SPACINGS.join(', ')} of their height apart`, sets.fastDigits);
console.log(`numbers of 2 to 10 digits (${sets.numbers.count} canvases): ${percent(sets.numbers.accuracy)} ` +
  `${margin(sets.numbers.accuracy, sets.numbers.count)} read entirely right`);
for (const m of sets.numbers.misreads.slice(0, 5)) console.log(`  e.g. "${m.expected}" read as "${m.read}"`);
console.log(`the same numbers written on the page's board with its pen (${sets.pageNumbers.count} canvases): ` +
  `${percent(sets.pageNumbers.accuracy)} ${margin(sets.pageNumbers.accuracy, sets.pageNumbers.count)} read entirely right`);
// Touching digits cost the segmenter runs of the network that the speed table's clean canvases (below) never need.
const boardTimes = [...sets.pageNumbers.milliseconds].sort((a, b) => a - b);
const boardTime = (p) => percentile(boardTimes, p).toFixed(2);
console.log(`  a stroke end on these boards, touching digits and all, in Node: median ${boardTime(0.5)} ms, p95 ${boardTime(0.95)} ms`);
console.log(`numbers with a mark that is no digit among their digits (${sets.markedNumbers.count} canvases): ` +
  `${percent(sets.markedNumbers.accuracy)} ${margin(sets.markedNumbers.accuracy, sets.markedNumbers.count)} read entirely right, ` +
  `the mark read as ? in its place in ${percent(sets.markedNumbers.markInPlace)}`);
printDigitSet('digits in handwriting fonts, each font one writer', sets.fontDigits);
console.log(`numbers in handwriting fonts, one font a canvas (${sets.fontNumbers.count} canvases): ` +
  `${percent(sets.fontNumbers.accuracy)} ${margin(sets.fontNumbers.accuracy, sets.fontNumbers.count)} read entirely right`);
console.log(`marks that are not digits (${sets.marks.count}): ${percent(sets.marks.rejected)} ` +
  `${margin(sets.marks.rejected, sets.marks.count)} rejected`);
writeFileSync(new URL('../build/eval-sets.json', import.meta.url), JSON.stringify({
  curves: { mnist: errorRejectionCurve(mnistPredictions), penDigits: errorRejectionCurve(sets.penDigits.predictions) },
  summary: { mnist: evaluation.accuracy, penDigits: sets.penDigits.accuracy, twoStrokeDigits: sets.twoStrokeDigits.accuracy, fatPenDigits: sets.fatPenDigits.accuracy, squeezedDigits: sets.squeezedDigits.accuracy, fastDigits: sets.fastDigits.accuracy, numbers: sets.numbers.accuracy, pageNumbers: sets.pageNumbers.accuracy, markedNumbers: sets.markedNumbers.accuracy, fontDigits: sets.fontDigits.accuracy, fontNumbers: sets.fontNumbers.accuracy, marks: sets.marks.rejected },
}));

for (const { path, raw, gzip } of packageSize()) {
  console.log(`size ${path}: ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`);
}
recognizer.dispose();
await benchSpeed();
