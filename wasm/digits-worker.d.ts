// Types for digits-worker.js: the recognizer in a module Worker.
import type { ImageLike, Reading, RecognizerOptions } from './digits.js';

export type { Alternative, Box, DigitReading, ImageLike, NumberReading, Reading, RecognizerOptions } from './digits.js';

export interface WorkerRecognizer {
  /**
   * Reads every number on a canvas, in the worker. The pixel buffer is transferred, not copied, when it is
   * the whole buffer of `image.data` (as with getImageData()): `image.data` is empty afterwards.
   * Rejects with the same errors as Recognizer.recognize() throws.
   */
  recognize(image: ImageLike): Promise<Reading>;
  /** Stops the worker; pending and later calls reject. */
  dispose(): void;
}

/** Starts a module Worker and resolves once its recognizer is ready; rejects as createRecognizer() does. */
export function createWorkerRecognizer(options?: RecognizerOptions): Promise<WorkerRecognizer>;
