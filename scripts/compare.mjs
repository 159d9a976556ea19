// npm run compare -- CHANGED.wasm [BASE.wasm] [--seed N]: is a change to the recognizer better, or noise?
// Reads the benchmark's evaluation sets with both builds (BASE: dist/digits.wasm), canvas by canvas, and counts
// the canvases only one of them reads right. Two runs of the whole sets differ by about ±7 MNIST misreads and
// ±11 misread numbers by chance alone; the same canvases read by both builds tell much smaller changes apart.
// The exact sign test says how likely the split of those canvases is if the change made no difference.
// --seed draws other canvases than the benchmark's (SEED in eval-sets.mjs): tune on one seed, confirm on another.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createRecognizer } from '../wasm/digits.js';
import { SEED, evaluationSamples, readingText } from './eval-sets.mjs';
import { mnistTestCanvas, readMnistTest } from '../tests/wasm/mnist-canvas.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string', default: String(SEED) } } });
if (positionals.length < 1 || positionals.length > 2) {
  console.error('usage: npm run compare -- CHANGED.wasm [BASE.wasm] [--seed N]');
  process.exit(2);
}
const [changedPath, basePath = fileURLToPath(new URL('../dist/digits.wasm', import.meta.url))] = positionals;
const seed = Number(values.seed);

// MNIST's test digits, then the benchmark's other sets, each as samples {canvas, right(text)}.
const sets = {
  async *mnist() {
    const { images, labels } = readMnistTest();
    for (let i = 0; i < images.length; i++) yield { canvas: mnistTestCanvas(images[i], i), right: (text) => text === String(labels[i]) };
  },
  ...evaluationSamples(seed),
};

/** Two-sided exact sign test: the chance of a split at least this uneven between `a` and `b` by luck alone. */
function signTest(a, b) {
  const n = a + b;
  let tail = 0, term = 0.5 ** n;  // C(n, 0) / 2^n
  for (let k = 0; k <= Math.min(a, b); k++) tail += term, term *= (n - k) / (k + 1);
  return Math.min(1, 2 * tail);
}

const [base, changed] = await Promise.all([basePath, changedPath].map((p) => createRecognizer({ wasm: readFileSync(p) })));
console.log(`base ${basePath}\nchanged ${changedPath}\nseed ${seed}${seed === SEED ? " (the benchmark's canvases)" : ''}`);
for (const [name, samples] of Object.entries(sets)) {
  let count = 0, baseWrong = 0, changedWrong = 0, gained = 0, lost = 0;
  for await (const { canvas, right } of samples()) {
    const b = right(readingText(base.recognize(canvas))), c = right(readingText(changed.recognize(canvas)));
    count++, baseWrong += !b, changedWrong += !c, gained += c && !b, lost += b && !c;
  }
  console.log(`${name} (${count}): wrong ${baseWrong} -> ${changedWrong}; the change reads ${gained} right that the ` +
    `base misreads and misreads ${lost} that it reads right (sign test p = ${signTest(gained, lost).toPrecision(2)})`);
}
base.dispose();
changed.dispose();
