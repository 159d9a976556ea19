// The size of what the package ships to a page: its JavaScript and its wasm (weights inside), raw and gzip.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const SHIPPED = ['wasm/digits.js', 'dist/digits.wasm'];

export function packageSize() {
  const files = SHIPPED.map((path) => {
    const bytes = readFileSync(new URL(`../${path}`, import.meta.url));
    return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = { path: 'total', raw: 0, gzip: 0 };
  for (const f of files) total.raw += f.raw, total.gzip += f.gzip;
  return [...files, total];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { path, raw, gzip } of packageSize()) {
    console.log(`${path.padEnd(18)} ${(raw / 1024).toFixed(1).padStart(7)} KB raw ${(gzip / 1024).toFixed(1).padStart(7)} KB gzip`);
  }
}
