// The Chromium side of scripts/bench-speed.mjs: how a page loads each runtime. The paths are the bench
// server's (scripts/bench-speed.mjs): /wasm and /dist from the repository, /ort, /tfjs, /tfjs-wasm from
// node_modules, /weights/*, and /inputs.bin, the bytes Node measures on too.
import { benchRuntime, decodeGolden, decodeInputs } from './runtimes.mjs';

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

function script(src) {
  return new Promise((resolve, reject) => {
    const element = document.createElement('script');
    element.src = src;
    element.onload = resolve;
    element.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(element);
  });
}

const load = {
  ours: () => import('/wasm/digits.js'),
  async ort() {
    const ort = await import('/ort/ort.wasm.min.mjs');
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    ort.env.wasm.wasmPaths = '/ort/';
    return ort;
  },
  onnx: () => bytes('/weights/model.onnx'),
  async tfjs() {
    // The ops-only network needs tfjs-core, not the whole @tensorflow/tfjs bundle (layers, converter, webgl).
    await script('/tfjs/tf-core.min.js');
    await script('/tfjs-wasm/tf-backend-wasm.min.js');
    const tf = globalThis.tf;
    tf.wasm.setWasmPaths('/tfjs-wasm/');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);  // single-threaded, like the others
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not start');
    await tf.ready();
    return tf;
  },
  hwdw: () => bytes('/weights/model.hwdw'),
};

window.runBench = async (name, options = {}) => {
  const inputs = decodeInputs(await bytes('/inputs.bin'));
  const golden = options.coldOnly ? null : decodeGolden(await bytes('/weights/golden.bin'));
  const result = await benchRuntime(name, load, inputs, { ...options, golden });
  result.crossOriginIsolated = globalThis.crossOriginIsolated;
  // Of the cold start's 'ready' (or, for tfjs, 'import') phase: downloading the .wasm files.
  result.phases.wasmFetch = performance.getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.wasm'))
    .reduce((sum, entry) => sum + entry.duration, 0);
  if (name === 'tfjs') result.tfjsSimd = await globalThis.tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  return result;
};
window.benchReady = true;
