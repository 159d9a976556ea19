// The speed comparison's measurements, shared verbatim by Node (scripts/bench-speed.mjs) and Chromium
// (bench/page.mjs): our recognizer vs ONNX Runtime Web vs TensorFlow.js (wasm backend), on the same inputs.
// Nothing here touches node: or DOM APIs; each environment passes a `load` object that knows how to import
// the three runtimes and read the model files there.

export const SIZES = [1, 6, 10];  // digits on a canvas (ours) = images in a batch (ORT, tfjs)

// ---------------------------------------------------------------------------------------------------------
// WebAssembly memory: every instance the runtimes create is recorded under the runtime being loaded, with
// the memories it exports or imports (Emscripten's threaded builds create theirs in JS and import it).

const memories = new Map();
let loading = null;

function record(result, importObject) {
  if (loading === null) return;
  const instance = result instanceof WebAssembly.Instance ? result : result?.instance;
  const found = memories.get(loading) ?? new Set();
  for (const value of Object.values(instance?.exports ?? {})) if (value instanceof WebAssembly.Memory) found.add(value);
  for (const module of Object.values(importObject ?? {})) {
    for (const value of Object.values(module ?? {})) if (value instanceof WebAssembly.Memory) found.add(value);
  }
  memories.set(loading, found);
}

for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  if (typeof original !== 'function' || original.benchWrapped) continue;
  const wrapped = async function (source, importObject, ...rest) {
    const result = await original.call(WebAssembly, source, importObject, ...rest);
    record(result, importObject);
    return result;
  };
  wrapped.benchWrapped = true;
  WebAssembly[name] = wrapped;
}

/** Bytes of WebAssembly memory the runtime's instances hold now. */
function memoryBytes(name) {
  let total = 0;
  for (const memory of memories.get(name) ?? []) total += memory.buffer.byteLength;
  return total;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs: the RGBA canvases and the ready 28x28 images, packed once by the Node side so that both
// environments run on the very same bytes. Layout: u32 JSON length, JSON, then the arrays (4-byte aligned).

export function encodeInputs({ canvases, images, side, expected }) {
  const parts = [];
  let offset = 0;
  const place = (array) => {
    const at = offset;
    parts.push(array);
    offset += array.byteLength + (-array.byteLength % 4 + 4) % 4;
    return at;
  };
  const header = {
    side, expected,
    canvases: Object.fromEntries(Object.entries(canvases).map(([key, c]) =>
      [key, { width: c.width, height: c.height, at: place(c.data), length: c.data.length }])),
    images: { at: place(images), length: images.length },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = 4 + json.length + (-(4 + json.length) % 4 + 4) % 4;
  const out = new Uint8Array(start + offset);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  for (let i = 0, at = start; i < parts.length; i++) {
    out.set(new Uint8Array(parts[i].buffer, parts[i].byteOffset, parts[i].byteLength), at);
    at += parts[i].byteLength + (-parts[i].byteLength % 4 + 4) % 4;
  }
  return out;
}

export function decodeInputs(bytes) {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const length = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  const start = 4 + length + (-(4 + length) % 4 + 4) % 4;
  const canvases = {};
  for (const [key, c] of Object.entries(header.canvases)) {
    canvases[key] = { width: c.width, height: c.height, data: new Uint8ClampedArray(buffer, start + c.at, c.length) };
  }
  const images = new Float32Array(buffer, start + header.images.at, header.images.length);
  const batches = Object.fromEntries(SIZES.map((n) => [n, images.slice(0, n * header.side * header.side)]));
  return { side: header.side, expected: header.expected, canvases, images, batches };
}

/** weights/golden.bin (weights/FORMAT.md). */
export function decodeGolden(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [count, side, classes] = [4, 8, 12].map((offset) => view.getUint32(offset, true));
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset + 16, bytes.byteOffset + bytes.byteLength));
  return { count, side, classes, images: floats.subarray(0, count * side * side), logits: floats.subarray(count * side * side) };
}

// ---------------------------------------------------------------------------------------------------------
// weights/model.hwdw (weights/FORMAT.md) as TensorFlow.js ops. NHWC, so the dense layer's inputs flatten as
// (height, width, channel): exactly the file's order, no reordering needed.

export function parseHwdw(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = String.fromCharCode(...bytes.subarray(0, 4));
  if (text !== 'HWDW' || view.getUint32(4, true) !== 1) throw new Error('model.hwdw: not a version 1 weights file');
  let at = 16;
  const u32 = () => { const v = view.getUint32(at, true); at += 4; return v; };
  const f32s = (n) => { const v = new Float32Array(n); for (let i = 0; i < n; i++) v[i] = view.getFloat32(at + 4 * i, true); at += 4 * n; return v; };
  const i8s = (n) => { const v = new Int8Array(bytes.buffer, bytes.byteOffset + at, n).slice(); at += n + (-n % 4 + 4) % 4; return v; };
  const side = u32(), classes = u32();
  at += 8;  // temperature, rejection threshold
  const layers = [];
  for (let count = u32(), l = 0; l < count; l++) {
    const kind = u32();
    if (kind === 1) {
      const inputs = u32(), outputs = u32(), kernel = u32(), relu = u32() === 1;
      const scale = f32s(outputs), bias = f32s(outputs), q = i8s(outputs * kernel * kernel * inputs);
      // [out][ky][kx][in] -> tf's filter [ky][kx][in][out], dequantized.
      const filter = new Float32Array(q.length);
      const patch = kernel * kernel * inputs;
      for (let o = 0; o < outputs; o++) for (let p = 0; p < patch; p++) filter[p * outputs + o] = scale[o] * q[o * patch + p];
      layers.push({ kind: 'conv', inputs, outputs, kernel, relu, filter, bias });
    } else if (kind === 2) {
      if (u32() !== 2) throw new Error('model.hwdw: only 2x2 max pooling is supported');
      layers.push({ kind: 'pool' });
    } else if (kind === 3) {
      const inputs = u32(), outputs = u32(), relu = u32() === 1;
      const scale = f32s(outputs), bias = f32s(outputs), q = i8s(outputs * inputs);
      const matrix = new Float32Array(q.length);  // [in][out] for x @ W
      for (let o = 0; o < outputs; o++) for (let i = 0; i < inputs; i++) matrix[i * outputs + o] = scale[o] * q[o * inputs + i];
      layers.push({ kind: 'dense', inputs, outputs, relu, matrix, bias });
    } else {
      throw new Error(`model.hwdw: unknown layer kind ${kind}`);
    }
  }
  return { side, classes, layers };
}

/** A function from a [n, side, side, 1] tensor to the [n, classes] logits. */
export function tfjsNet(tf, { layers }) {
  const weights = layers.map((layer) => {
    if (layer.kind === 'conv') {
      return { filter: tf.tensor4d(layer.filter, [layer.kernel, layer.kernel, layer.inputs, layer.outputs]), bias: tf.tensor1d(layer.bias) };
    }
    if (layer.kind === 'dense') return { matrix: tf.tensor2d(layer.matrix, [layer.inputs, layer.outputs]), bias: tf.tensor1d(layer.bias) };
    return null;
  });
  return (input) => tf.tidy(() => {
    let x = input;
    layers.forEach((layer, i) => {
      if (layer.kind === 'conv') x = tf.add(tf.conv2d(x, weights[i].filter, 1, 'same'), weights[i].bias);
      else if (layer.kind === 'pool') x = tf.maxPool(x, 2, 2, 'valid');
      else x = tf.add(tf.matMul(tf.reshape(x, [x.shape[0], -1]), weights[i].matrix), weights[i].bias);
      if (layer.relu) x = tf.relu(x);
    });
    return x;
  });
}

// ---------------------------------------------------------------------------------------------------------
// The three runtimes. start() is the cold start: everything from the import to the first result, which is
// the 1-digit canvas (ours) or one 28x28 image (ORT, tfjs). run[n] then does the same for n digits/images.
// Each start calls mark('import') once its code is loaded and mark('ready') once it can infer (ours: wasm
// fetched, compiled, instantiated and model loaded; ORT, tfjs: model read and session or weights built).

const STARTERS = {
  async ours(load, inputs, mark) {
    const { createRecognizer } = await load.ours();
    mark('import');
    const recognizer = await createRecognizer();
    mark('ready');
    const canvas = (n) => inputs.canvases[n];
    const run = Object.fromEntries(SIZES.map((n) => [n, () => recognizer.recognize(canvas(n))]));
    return { first: run[1](), run, recognizer };
  },

  async ort(load, inputs, mark) {
    const ort = await load.ort();
    mark('import');
    const session = await ort.InferenceSession.create(await load.onnx(), {
      executionProviders: ['wasm'], graphOptimizationLevel: 'all',
    });
    mark('ready');
    const side = inputs.side;
    const run = Object.fromEntries(SIZES.map((n) => [n, async () => {
      const image = new ort.Tensor('float32', inputs.batches[n], [n, 1, side, side]);
      const { logits } = await session.run({ image });
      return logits.data;
    }]));
    return { first: await run[1](), run, ort };
  },

  async tfjs(load, inputs, mark) {
    const tf = await load.tfjs();
    mark('import');
    const net = tfjsNet(tf, parseHwdw(await load.hwdw()));
    mark('ready');
    const side = inputs.side;
    const run = Object.fromEntries(SIZES.map((n) => [n, () => {
      const x = tf.tensor4d(inputs.batches[n], [n, side, side, 1]);  // one channel: NCHW data = NHWC data
      const y = net(x);
      const logits = y.dataSync();
      tf.dispose([x, y]);
      return logits;
    }]));
    return { first: run[1](), run, tf };
  },
};

/** The value at share `p` of values sorted ascending: the speed table's median and p95. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

// Steady state, the same for every runtime: each timing follows at least `warmup` calls AND `warmupMs` of
// calls. All three runtimes are wasm in V8, which starts a function in its baseline compiler, optimizes it in
// the background once it has run a while and uses the optimized code from its next call. How many calls
// that takes depends on how much work a call does and on how busy the CPU is, not on the runtime's merit,
// so a fixed call count favoured whichever runtime got through its compiles sooner (20 calls left ours
// mostly unoptimized). On this busy 2-core machine the background compiles sometimes took more than a second
// (ours measured 0.37 instead of 0.23 ms after 1 s), hence 2 s. The time spent before the steady state is
// what the cold start measures, separately.
export const WARMUP_MS = 2000;

/** Median and p95 in ms of `runs` calls after the warm-up; awaits only functions that return promises. */
async function time(fn, { runs, warmup, warmupMs = WARMUP_MS }) {
  const probe = fn();
  const isAsync = typeof probe?.then === 'function';
  if (isAsync) await probe;
  const warmEnd = performance.now() + warmupMs;
  for (let i = 0; i < warmup || performance.now() < warmEnd; i++) {
    if (isAsync) await fn();  // synchronous runtimes are not awaited: no microtask turn in their times
    else fn();
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    if (isAsync) await fn();
    else fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), runs };
}

function maxDifference(a, b) {
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return a.length === b.length ? max : Infinity;
}

/**
 * Cold start, then (unless coldOnly) the timings for every size, the wasm memory and a correctness check.
 * `inputs` come from decodeInputs() and must be ready before the call: reading them is not timed.
 */
export async function benchRuntime(name, load, inputs, { coldOnly = false, runs = 200, warmup = 20, golden = null } = {}) {
  loading = name;
  const start = performance.now();
  const phases = {};  // ms spent in each phase of the cold start: import, ready, first
  let last = start;
  const mark = (phase) => {
    const now = performance.now();
    phases[phase] = now - last;
    last = now;
  };
  const started = await STARTERS[name](load, inputs, mark);
  mark('first');
  const cold = performance.now() - start;
  loading = null;
  const result = { name, cold, phases };
  if (coldOnly) return result;

  result.times = {};
  for (const n of SIZES) result.times[n] = await time(started.run[n], { runs, warmup });
  result.memory = memoryBytes(name);

  if (name === 'ours') {
    const read = (canvas) => started.recognizer.recognize(canvas).numbers.map((n) => n.text).join(' ');
    result.check = Object.fromEntries(SIZES.map((n) => [n, { read: read(inputs.canvases[n]), expected: inputs.expected[n] }]));
    // Preprocessing alone: the same canvas sizes with nothing on them (no network runs).
    for (const key of ['blank', 'blankWide']) {
      result.times[key] = await time(() => started.recognizer.recognize(inputs.canvases[key]), { runs, warmup });
    }
  } else if (golden) {
    const n = SIZES[SIZES.length - 1];
    const logits = await started.run[n]();
    result.check = { maxDifference: maxDifference(logits, golden.logits.subarray(0, n * golden.classes)) };
  }
  return result;
}
