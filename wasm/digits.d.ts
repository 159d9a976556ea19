// Types for digits.js: reads handwritten numbers from canvas pixels.

/** A rectangle in canvas pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One candidate for a digit. */
export interface Alternative {
  digit: number;
  /** Calibrated probability, 0 to 1. */
  confidence: number;
}

/** One written digit. */
export interface DigitReading {
  /** 0-9, or null for a mark that is not a digit (shown as `?` in the text). */
  digit: number | null;
  /** Calibrated probability of `digit`, 0 to 1. */
  confidence: number;
  box: Box;
  /** The most likely digits, best first. */
  alternatives: Alternative[];
}

/** A run of digits written close together. */
export interface NumberReading {
  /** The digits as text, e.g. "2024" or "2?24". */
  text: string;
  digits: DigitReading[];
}

/** Everything read on a canvas: numbers in reading order (lines top to bottom, each left to right). */
export interface Reading {
  numbers: NumberReading[];
}

/** An ImageData, or anything with RGBA bytes (width * height * 4, row-major) and integer dimensions. */
export interface ImageLike {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** WebAssembly.Module where the environment's types declare it (DOM, web workers), else nothing. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : never;

export interface RecognizerOptions {
  /** Where the .wasm is (a URL), its bytes, or a compiled module. Defaults to the package's own file. */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView | WasmModule;
}

export interface Recognizer {
  /**
   * Reads every number on a canvas.
   * @throws TypeError, RangeError or Error with a message starting "recognize:" for bad input; the
   *   recognizer stays usable.
   */
  recognize(image: ImageLike): Reading;
  /** Frees the recognizer's memory; it cannot be used afterwards. */
  dispose(): void;
}

/** Loads the module and returns a ready recognizer. Rejects with a message starting "createRecognizer:". */
export function createRecognizer(options?: RecognizerOptions): Promise<Recognizer>;
