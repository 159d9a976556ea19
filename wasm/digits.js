// Reads handwritten numbers from canvas pixels with the C++ core compiled to WebAssembly.
//
//   import { createRecognizer } from 'handwritten-digits';
//   const recognizer = await createRecognizer();
//   const { numbers } = recognizer.recognize(context.getImageData(0, 0, width, height));
//
// Works in browsers (main thread and Workers) and in Node 20+, with or without a bundler.

const DEFAULT_WASM = new URL('../dist/digits.wasm', import.meta.url);

// Mirrors digits::StatusCode in core/status.h.
const STATUS_NAMES = ['ok', 'null pointer', 'bad size', 'short buffer', 'bad model'];

/**
 * Loads the module and returns a ready recognizer.
 * @param {{wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module}} [options]
 *   `wasm`: where the .wasm is (URL), or its bytes, or a compiled module. Defaults to the package's own file.
 */
export async function createRecognizer(options = {}) {
  const instance = await instantiate(options.wasm ?? DEFAULT_WASM, imports());
  return new Recognizer(instance.exports);
}

class Recognizer {
  #wasm;
  #handle;

  constructor(wasm) {
    this.#wasm = wasm;
    wasm._initialize(); // runs the C++ static constructors; the module is a library without main()
    this.#handle = wasm.digits_create();
    const status = wasm.digits_status(this.#handle);
    if (status !== 0) throw new Error(`createRecognizer: ${this.#text()} (${STATUS_NAMES[status]})`);
  }

  /**
   * Reads every number on a canvas.
   * @param {{data: Uint8ClampedArray | Uint8Array, width: number, height: number}} image
   *   An ImageData, or anything with RGBA bytes (width * height * 4, row-major) and integer dimensions.
   * @returns {{numbers: {text: string, digits: {digit: number | null, confidence: number,
   *   box: {x: number, y: number, width: number, height: number},
   *   alternatives: {digit: number, confidence: number}[]}[]}[]}}
   */
  recognize(image) {
    const wasm = this.#live();
    const { data, width, height } = checkImage(image);
    // Copy no more than the canvas needs: the core reports a short buffer itself.
    const length = Math.min(data.byteLength, width * height * 4);
    const pointer = wasm.digits_alloc(length);
    if (pointer === 0) throw new Error(`recognize: out of memory for a ${width}x${height} canvas`);
    try {
      new Uint8Array(wasm.memory.buffer, pointer, length).set(new Uint8Array(data.buffer, data.byteOffset, length));
      const status = wasm.digits_recognize(this.#handle, pointer, width, height, length);
      if (status !== 0) throw new Error(`recognize: ${this.#text()}`);
      return JSON.parse(this.#text());
    } finally {
      wasm.digits_free(pointer);
    }
  }

  /** Frees the recognizer's memory; it cannot be used afterwards. */
  dispose() {
    if (this.#handle === 0) return;
    this.#wasm.digits_destroy(this.#handle);
    this.#handle = 0;
  }

  #live() {
    if (this.#handle === 0) throw new Error('recognize: this recognizer was disposed');
    return this.#wasm;
  }

  #text() {
    const bytes = new Uint8Array(this.#wasm.memory.buffer);
    const start = this.#wasm.digits_text(this.#handle);
    return new TextDecoder().decode(bytes.subarray(start, bytes.indexOf(0, start)));
  }
}

function checkImage(image) {
  if (image === null || typeof image !== 'object') {
    throw new TypeError('recognize: expected an ImageData or {data, width, height}');
  }
  const { data, width, height } = image;
  if (!ArrayBuffer.isView(data)) {
    throw new TypeError('recognize: image.data must be a Uint8ClampedArray or Uint8Array of RGBA bytes');
  }
  for (const [name, value] of [['width', width], ['height', height]]) {
    if (!Number.isInteger(value) || value <= 0 || value > 0x7fffffff) {
      throw new RangeError(`recognize: image.${name} must be a positive integer, got ${value}`);
    }
  }
  return { data, width, height };
}

// What the standalone module imports: a memory-growth hook (our views are made per call, so nothing to
// refresh) and exit, which only an abort reaches.
function imports() {
  return {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: {
      proc_exit(code) {
        throw new Error(`digits: the WebAssembly module aborted (exit code ${code})`);
      },
    },
  };
}

async function instantiate(source, importObject) {
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, importObject);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, importObject)).instance;
  }
  const url = new URL(source, globalThis.location?.href);
  if (url.protocol === 'file:') {
    // Node: fetch() cannot read files. getBuiltinModule keeps bundlers from pulling in node:fs.
    const fs = globalThis.process.getBuiltinModule('node:fs');
    return (await WebAssembly.instantiate(fs.readFileSync(url), importObject)).instance;
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`createRecognizer: cannot load ${url} (HTTP ${response.status})`);
  if (WebAssembly.instantiateStreaming && response.headers.get('content-type') === 'application/wasm') {
    return (await WebAssembly.instantiateStreaming(response, importObject)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), importObject)).instance;
}
