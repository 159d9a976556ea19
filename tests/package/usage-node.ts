// Type-checked, never run: the package in a Node project without the DOM's types (tsconfig.node.json).
import { readFileSync } from 'node:fs';
import { createRecognizer } from 'handwritten-digits';

export async function readFile(path: string): Promise<string[]> {
  const recognizer = await createRecognizer({ wasm: readFileSync('digits.wasm') });
  const { data, width, height } = JSON.parse(readFileSync(path, 'utf8')) as { data: number[]; width: number; height: number };
  const { numbers } = recognizer.recognize({ data: Uint8Array.from(data), width, height });
  // @ts-expect-error text is a string
  const wrong: number = numbers[0].text;
  return numbers.map((number) => number.text + wrong);
}
