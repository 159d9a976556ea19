// Type-checked, never run: how a TypeScript user calls the package (tests/package/types.test.mjs, and
// pack.test.mjs against the installed tarball). The @ts-expect-error lines fail the check if the types
// turn loose (any) or wrong.
import { createRecognizer, type DigitReading, type Reading, type Recognizer } from 'handwritten-digits';
import { createWorkerRecognizer, type WorkerRecognizer } from 'handwritten-digits/worker';

export async function readCanvas(canvas: HTMLCanvasElement): Promise<string> {
  const recognizer: Recognizer = await createRecognizer({ wasm: new URL('digits.wasm', location.href) });
  const context = canvas.getContext('2d')!;
  const reading: Reading = recognizer.recognize(context.getImageData(0, 0, canvas.width, canvas.height));
  recognizer.dispose();
  const first: DigitReading | undefined = reading.numbers[0]?.digits[0];
  if (first) {
    // @ts-expect-error digit is null for a mark that is not a digit
    const digit: number = first.digit;
    const { x, y, width, height } = first.box;
    const best: number = first.alternatives[0].digit + first.confidence + x + y + width + height + (digit ?? 0);
    void best;
  }
  return reading.numbers.map((number) => number.text).join(' ');
}

export async function readInWorker(bytes: ArrayBuffer, module: WebAssembly.Module): Promise<number> {
  await createRecognizer({ wasm: bytes });
  await createRecognizer({ wasm: new Uint8Array(bytes) });
  await createRecognizer({ wasm: module });
  await createRecognizer();

  const recognizer: WorkerRecognizer = await createWorkerRecognizer({ wasm: '/assets/digits.wasm' });
  const reading = await recognizer.recognize({ data: new Uint8ClampedArray(4 * 28 * 28), width: 28, height: 28 });
  // @ts-expect-error recognize() in a worker returns a promise
  recognizer.recognize(new ImageData(28, 28)).numbers;
  // @ts-expect-error an image needs its RGBA data
  await recognizer.recognize({ width: 28, height: 28 });
  recognizer.dispose();
  return reading.numbers.length;
}
