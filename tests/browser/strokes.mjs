// Hand-designed pen paths for the digits 0-9, written the way people usually write them, in the order
// they are usually written, with the bold proportions of MNIST digits when drawn with a line about 12% of
// the digit's height (14 px lines for 120 px digits).
//
// A stroke is an array of [x, y] points (a polyline; curves are finely sampled arcs). A digit is an
// array of strokes. Coordinates are in the caller's units (canvas CSS pixels in the browser tests):
// `x, y` is the top-left corner of the digit's path (the ink spreads half a line width beyond it) and
// `size` its height.
//
//   import { digitStrokes, numberStrokes } from './strokes.mjs';
//   digitStrokes('4', { x: 40, y: 60, size: 120 });                // two strokes
//   numberStrokes('12 35', { x: 40, y: 60, size: 120 });           // a space is a wide gap

/** An elliptical arc from angle `from` to `to` (degrees; 0 = right, 90 = down, as on a screen). */
function arc(cx, cy, rx, ry, from, to, step = 6) {
  const count = Math.max(2, Math.ceil(Math.abs(to - from) / step) + 1);
  return Array.from({ length: count }, (_, i) => {
    const angle = ((from + ((to - from) * i) / (count - 1)) * Math.PI) / 180;
    return [cx + rx * Math.cos(angle), cy + ry * Math.sin(angle)];
  });
}

// Each shape is in a unit box: height 1, the given width; strokes in writing order.
const SHAPES = {
  // An oval, started at the top and written anticlockwise, closing with a small overlap.
  0: { width: 0.58, strokes: () => [arc(0.29, 0.5, 0.27, 0.48, -80, -450)] },

  // A single down stroke with a slight forward slant.
  1: { width: 0.24, strokes: () => [[[0.2, 0], [0.04, 1]]] },

  // A hook over the top, a diagonal to the bottom left, a flat base.
  2: {
    width: 0.64,
    strokes: () => [[...arc(0.3, 0.28, 0.26, 0.26, 195, 380), [0.3, 0.66], [0.03, 0.98], [0.64, 0.97]]],
  },

  // Two bumps to the right, joined near the middle.
  3: {
    width: 0.6,
    strokes: () => [[...arc(0.28, 0.25, 0.25, 0.22, 215, 430), [0.2, 0.48], ...arc(0.28, 0.72, 0.29, 0.26, -80, 145)]],
  },

  // An open 4: a slanted down stroke turning into the bar, then the upright as a second stroke.
  4: {
    width: 0.66,
    strokes: () => [
      [[0.3, 0], [0.03, 0.64], [0.66, 0.64]],
      [[0.48, 0.2], [0.47, 1]],
    ],
  },

  // Down the stem, round the belly, then the flag on top as a second stroke, lifted clear of the stem.
  5: {
    width: 0.64,
    strokes: () => [
      [[0.1, 0.02], [0.08, 0.44], ...arc(0.3, 0.68, 0.28, 0.29, -140, 150)],
      [[0.3, 0.03], [0.64, 0]],
    ],
  },

  // A long curve down the left side into a loop at the bottom.
  6: {
    width: 0.62,
    strokes: () => [[...arc(0.9, 0.7, 0.84, 0.68, -110, -180), ...arc(0.3, 0.71, 0.25, 0.27, 180, -170)]],
  },

  // The bar, then the long diagonal, in one stroke.
  7: { width: 0.62, strokes: () => [[[0.02, 0.03], [0.62, 0.02], [0.4, 0.5], [0.22, 1]]] },

  // A figure of eight in one stroke: from the top right over the top and down through the waist, round
  // the bottom loop, then back up through the waist and the right side of the top loop.
  8: {
    width: 0.58,
    strokes: () => [
      [
        ...arc(0.29, 0.25, 0.22, 0.23, -30, -270),
        ...arc(0.29, 0.72, 0.27, 0.26, -90, 270),
        ...arc(0.29, 0.25, 0.22, 0.23, 90, -40),
      ],
    ],
  },

  // A loop at the top, closed, then the stem straight down from its right side.
  9: { width: 0.58, strokes: () => [[...arc(0.29, 0.28, 0.26, 0.26, -5, -365), [0.53, 0.6], [0.5, 1]]] },
};

/**
 * Variants people also write, for tests that need a digit made of several strokes:
 * '7x' is a crossed 7 (bar through the diagonal as a second stroke).
 */
const VARIANTS = {
  '7x': {
    width: 0.62,
    strokes: () => [...SHAPES[7].strokes(), [[0.18, 0.52], [0.62, 0.5]]],
  },
};

function shapeOf(digit) {
  const shape = SHAPES[digit] ?? VARIANTS[digit];
  if (!shape) throw new Error(`strokes: no shape for ${JSON.stringify(digit)}`);
  return shape;
}

/** The width of a digit's path for a given height. */
export function digitWidth(digit, size) {
  return shapeOf(String(digit)).width * size;
}

/**
 * The strokes of one digit ('0'-'9', or a variant such as '7x') with its top-left corner at (x, y).
 * @returns {[number, number][][]}
 */
export function digitStrokes(digit, { x, y, size }) {
  return shapeOf(String(digit))
    .strokes()
    .map((stroke) => stroke.map(([u, v]) => [x + u * size, y + v * size]));
}

/**
 * The strokes of a whole line of writing, left to right. Digits are `spacing * size` apart (a small gap,
 * as between the digits of one number); a space leaves `gap * size` (wide: starts a new number).
 * A variant goes in brackets: '1[7x]4' has a crossed 7.
 * @returns {[number, number][][]}
 */
export function numberStrokes(text, { x, y, size, spacing = 0.25, gap = 1.2 }) {
  const strokes = [];
  let left = x;
  for (const [token] of String(text).matchAll(/\[[^\]]+\]|./g)) {
    if (token === ' ') {
      left += gap * size - spacing * size;
      continue;
    }
    const digit = token.startsWith('[') ? token.slice(1, -1) : token;
    strokes.push(...digitStrokes(digit, { x: left, y, size }));
    left += digitWidth(digit, size) + spacing * size;
  }
  return strokes;
}
