// weights/model.onnx (training/export_onnx.py) in ONNX Runtime Web gives the golden logits: the C++ tests
// pin the core to the same logits (weights/golden.bin), so this checks that the ONNX model computes what
// the core computes, with the architecture and the flatten order read from the weights file.
//
//   /usr/bin/python3 training/export_onnx.py && node --test tests/wasm/onnx.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import * as ort from 'onnxruntime-web';

const MODEL = new URL('../../weights/model.onnx', import.meta.url);
const GOLDEN = new URL('../../weights/golden.bin', import.meta.url);
const TOLERANCE = 1e-3;

/** weights/golden.bin (weights/FORMAT.md): {count, side, classes, images: Float32Array, logits: Float32Array}. */
function readGolden(url = GOLDEN) {
  const bytes = readFileSync(url);
  assert.equal(bytes.toString('latin1', 0, 4), 'HWDG', 'golden.bin: bad magic');
  const [count, side, classes] = [4, 8, 12].map((offset) => bytes.readUInt32LE(offset));
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 16, bytes.byteOffset + bytes.length));
  assert.equal(floats.length, count * (side * side + classes), 'golden.bin: size does not match its header');
  return {
    count, side, classes,
    images: floats.subarray(0, count * side * side),
    logits: floats.subarray(count * side * side),
  };
}

/** Where `actual` and `expected` differ by more than the tolerance (first few), for the message. */
function mismatches(actual, expected, classes) {
  const bad = [];
  for (let i = 0; i < expected.length; i++) {
    const difference = Math.abs(actual[i] - expected[i]);
    if (!(difference <= TOLERANCE)) bad.push({ image: Math.floor(i / classes), class: i % classes, actual: actual[i], expected: expected[i] });
  }
  return bad;
}

function assertLogitsEqual(actual, expected, classes) {
  assert.equal(actual.length, expected.length, 'logit count');
  const bad = mismatches(actual, expected, classes);
  assert.deepEqual(bad.slice(0, 5), [], `${bad.length} logits differ from golden.bin by more than ${TOLERANCE} ` +
    '(after retraining, re-export: /usr/bin/python3 training/export_onnx.py)');
}

describe('ONNX model vs golden logits', () => {
  let session;
  let golden;

  before(async () => {
    ort.env.wasm.numThreads = 1;
    golden = readGolden();
    assert.ok(golden.count > 0, 'golden.bin holds no images');
    let model;
    try {
      model = readFileSync(MODEL);
    } catch {
      assert.fail(`no ${MODEL.pathname}: run /usr/bin/python3 training/export_onnx.py`);
    }
    session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  });

  after(async () => { await session?.release(); });

  test('declares image [N,1,side,side] in and logits [N,classes] out', () => {
    assert.deepEqual(session.inputNames, ['image']);
    assert.deepEqual(session.outputNames, ['logits']);
  });

  test('the whole golden set as one batch', async () => {
    const { count, side, classes, images, logits } = golden;
    const { logits: out } = await session.run({ image: new ort.Tensor('float32', images, [count, 1, side, side]) });
    assert.deepEqual(out.dims, [count, classes]);
    assertLogitsEqual(out.data, logits, classes);
  });

  test('one image at a time', async () => {
    const { count, side, classes, images, logits } = golden;
    for (let i = 0; i < count; i++) {
      const image = images.slice(i * side * side, (i + 1) * side * side);
      const { logits: out } = await session.run({ image: new ort.Tensor('float32', image, [1, 1, side, side]) });
      assert.deepEqual(out.dims, [1, classes]);
      assertLogitsEqual(out.data, logits.subarray(i * classes, (i + 1) * classes), classes);
    }
  });

  test('the comparison catches a logit off by twice the tolerance, and NaN', () => {
    const { classes, logits } = golden;
    const shifted = logits.slice();
    shifted[3 * classes + 1] += 2 * TOLERANCE;
    assert.throws(() => assertLogitsEqual(shifted, logits, classes), /1 logits differ/);
    const nan = logits.slice();
    nan[0] = NaN;
    assert.throws(() => assertLogitsEqual(nan, logits, classes), /1 logits differ/);
    assert.throws(() => assertLogitsEqual(logits.subarray(1), logits, classes), /logit count/);
  });
});
