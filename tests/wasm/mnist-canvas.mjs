// MNIST digits drawn onto RGBA canvases for the Node tests and the benchmark: the same drawing as
// DrawMnistDigit() in tools/canvas.cpp (bilinear magnification, dark ink on white).
import { readFileSync } from 'node:fs';
import { checkMnist } from '../../scripts/mnist-data.mjs';

export const MNIST_SIDE = 28;

/** The MNIST test set: {images: Uint8Array[] (28x28, white on black), labels: Uint8Array}. */
export function readMnistTest() {
  const dir = checkMnist();
  const images = readFileSync(dir + 't10k-images-idx3-ubyte');
  const labels = readFileSync(dir + 't10k-labels-idx1-ubyte').subarray(8);
  const size = MNIST_SIDE * MNIST_SIDE;
  return {
    images: Array.from(labels, (_, i) => images.subarray(16 + i * size, 16 + (i + 1) * size)),
    labels,
  };
}

export function blankCanvas(width, height) {
  return { width, height, data: new Uint8ClampedArray(width * height * 4).fill(255) };
}

function sample(image, x, y) {
  return x < 0 || y < 0 || x >= MNIST_SIDE || y >= MNIST_SIDE ? 0 : image[y * MNIST_SIDE + x];
}

/**
 * Draws `image` magnified `scale` times with its top-left corner at (left, top); darkest ink wins. Smooth
 * (bilinear) unless `blocky`: each MNIST pixel a square, as a canvas scaled with smoothing off shows it.
 */
export function drawMnistDigit(canvas, image, scale, left, top, blocky = false) {
  const size = Math.ceil(MNIST_SIDE * scale);
  for (let y = Math.max(0, top); y < Math.min(canvas.height, top + size); y++) {
    const v = (y - top + 0.5) / scale - 0.5;
    const y0 = Math.floor(v), fy = v - y0;
    for (let x = Math.max(0, left); x < Math.min(canvas.width, left + size); x++) {
      const u = (x - left + 0.5) / scale - 0.5;
      const x0 = Math.floor(u), fx = u - x0;
      const ink = blocky ? sample(image, Math.floor(u + 0.5), Math.floor(v + 0.5))
        : (sample(image, x0, y0) * (1 - fx) + sample(image, x0 + 1, y0) * fx) * (1 - fy) +
          (sample(image, x0, y0 + 1) * (1 - fx) + sample(image, x0 + 1, y0 + 1) * fx) * fy;
      const tone = Math.round(255 - Math.min(255, Math.max(0, ink)));
      const p = (y * canvas.width + x) * 4;
      canvas.data[p] = canvas.data[p + 1] = canvas.data[p + 2] = Math.min(canvas.data[p], tone);
    }
  }
  return canvas;
}

/** MNIST test image i on a 280x280 canvas, at the size and place MnistPipeline in tests/core uses. */
export function mnistTestCanvas(image, i) {
  const scale = 3 + (i % 7);
  const free = 280 - Math.trunc(28 * scale);
  return drawMnistDigit(blankCanvas(280, 280), image, scale, (i * 37) % (free + 1), (i * 53) % (free + 1));
}

/**
 * Other ways a page might draw MNIST test image i: its 28x28 pixels as they are, or magnified ten times to fill a
 * 280x280 canvas, smoothly or in blocks. What the benchmark's canvases (mnistTestCanvas) vary, these fix.
 */
export const MNIST_DRAWINGS = {
  '28x28 as is': (image) => drawMnistDigit(blankCanvas(MNIST_SIDE, MNIST_SIDE), image, 1, 0, 0),
  '280x280, smooth': (image) => drawMnistDigit(blankCanvas(280, 280), image, 10, 0, 0),
  '280x280, blocky': (image) => drawMnistDigit(blankCanvas(280, 280), image, 10, 0, 0, true),
};

/** A row of MNIST digits, as written on one line: `count` digits starting at test image `first`. */
export function mnistRowCanvas(images, first, count, scale = 3) {
  const step = Math.round(22 * scale);  // MNIST digits are at most 20 wide: a tight, even row
  const canvas = blankCanvas(Math.max(280, count * step + 40), 280);
  for (let d = 0; d < count; d++) drawMnistDigit(canvas, images[first + d], scale, 20 + d * step, 90);
  return canvas;
}
