// The recognizer in a module Worker, so that reading never blocks the page.
//
//   import { createWorkerRecognizer } from 'handwritten-digits/worker';
//   const recognizer = await createWorkerRecognizer();
//   const { numbers } = await recognizer.recognize(context.getImageData(0, 0, width, height));
//
// Same options, results and error messages as createRecognizer() in digits.js; recognize() returns a
// promise. The image's pixel buffer is transferred to the worker, not copied, when it is the view's own
// whole ArrayBuffer (as with getImageData()): the caller's image.data is empty afterwards.

const DISPOSED = 'recognize: this recognizer was disposed';
const ERRORS = { TypeError, RangeError };

/**
 * Starts a worker (wasm/worker.js) and resolves once its recognizer is ready.
 * @param {import('./digits.js').RecognizerOptions} [options]
 */
export function createWorkerRecognizer(options = {}) {
  return WorkerRecognizer.start(options);
}

class WorkerRecognizer {
  #worker;
  #calls = new Map(); // id -> {resolve, reject}
  #nextId = 0;
  #stopped = null; // the error every call gets once the worker is gone

  static async start(options) {
    const recognizer = new WorkerRecognizer(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
    // URL objects cannot be posted, and a relative URL must mean the page's, not the worker's.
    let { wasm } = options;
    if (typeof wasm === 'string' || wasm instanceof URL) wasm = new URL(wasm, globalThis.location?.href).href;
    try {
      await recognizer.#call({ type: 'create', options: { ...options, wasm } });
    } catch (error) {
      recognizer.dispose();
      throw error;
    }
    return recognizer;
  }

  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener('message', ({ data: { id, result, error } }) => {
      const call = this.#calls.get(id);
      this.#calls.delete(id);
      if (error) call?.reject(new (ERRORS[error.name] ?? Error)(error.message));
      else call?.resolve(result);
    });
    // A script that fails to load or an uncaught error: the worker cannot be trusted any more.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#stop(`createWorkerRecognizer: the worker failed (${event.message || 'could not load worker.js'})`);
    });
  }

  /**
   * Reads every number on a canvas, in the worker.
   * @param {import('./digits.js').ImageLike} image
   * @returns {Promise<import('./digits.js').Reading>}
   */
  recognize(image) {
    if (image === null || typeof image !== 'object') return this.#call({ type: 'recognize', image });
    const { data, width, height } = image;
    const whole = ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer &&
      data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    // Anything but a view is refused in the worker with the same error; null at least can be posted.
    const pixels = ArrayBuffer.isView(data) ? data : null;
    return this.#call({ type: 'recognize', image: { data: pixels, width, height } }, whole ? [data.buffer] : []);
  }

  /** Stops the worker; pending and later calls reject. */
  dispose() {
    this.#stop(DISPOSED);
  }

  #call(message, transfer = []) {
    if (this.#stopped) return Promise.reject(new Error(this.#stopped));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#calls.set(id, { resolve, reject });
      try {
        try {
          this.#worker.postMessage({ id, ...message }, transfer);
        } catch {
          this.#worker.postMessage({ id, ...message }); // a buffer that cannot be transferred: copy it
        }
      } catch (error) {
        this.#calls.delete(id);
        reject(error);
      }
    });
  }

  #stop(message) {
    if (this.#stopped) return;
    this.#stopped = message;
    this.#worker.terminate();
    for (const { reject } of this.#calls.values()) reject(new Error(message));
    this.#calls.clear();
  }
}
