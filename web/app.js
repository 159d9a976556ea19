// The demo page: draw on a canvas with mouse, touch or pen; after every stroke the WebAssembly recognizer
// reads the whole canvas and the page shows the numbers, boxes around the digits and their confidences.
//
// For tests the page exposes exactly two globals: window.digitsReady (resolves once the recognizer is
// loaded) and window.lastReading (the last object recognize() returned).

import { BOARD_WIDTH, LINE_WIDTH } from './board.js';

const INK = '#111';
const PAPER = '#fff';
// On a narrow board LINE_WIDTH would get thin, so the line never goes below MIN_LINE_CSS_PX.
const MIN_LINE_CSS_PX = 6;
// A pen's pressure changes the width by up to ±15%: enough to feel natural, too little to hurt reading.
const PRESSURE_EFFECT = 0.3;
// Below this confidence a box is drawn in the warning colour.
const UNSURE_BELOW = 0.6;
const BOX_COLOR = '#1d4ed8';
const UNSURE_COLOR = '#b45309';
const READY = 'Ready: write digits on the board.';

const inkCanvas = document.getElementById('ink');
const overlayCanvas = document.getElementById('overlay');
// willReadFrequently keeps the ink on the CPU, where getImageData after every stroke is cheap.
const ink = inkCanvas.getContext('2d', { willReadFrequently: true });
const overlay = overlayCanvas.getContext('2d');
const readingOutput = document.getElementById('reading');
const statusLine = document.getElementById('status');
const digitList = document.getElementById('digit-list');
const detailsEmpty = document.getElementById('details-empty');

/** Finished strokes, oldest first; each is an array of points {x, y, width} in board units. */
const strokes = [];
/** The stroke being drawn: {pointerId, points}, or null. */
let current = null;
let recognizer = null;
let pixelsPerUnit = 1; // backing-store pixels per board unit
let cssPerUnit = 1; // CSS pixels per board unit

// ---- Drawing -------------------------------------------------------------------------------------------

function paintDot(point) {
  ink.beginPath();
  ink.arc(point.x * pixelsPerUnit, point.y * pixelsPerUnit, (point.width * pixelsPerUnit) / 2, 0, 2 * Math.PI);
  ink.fill();
}

// Segment by segment rather than one path, so that each piece can have its own (pressure) width; the
// round caps make the joins seamless.
function paintSegment(from, to) {
  ink.lineWidth = ((from.width + to.width) / 2) * pixelsPerUnit;
  ink.beginPath();
  ink.moveTo(from.x * pixelsPerUnit, from.y * pixelsPerUnit);
  ink.lineTo(to.x * pixelsPerUnit, to.y * pixelsPerUnit);
  ink.stroke();
}

function paintStroke(points) {
  paintDot(points[0]);
  for (let i = 1; i < points.length; i++) paintSegment(points[i - 1], points[i]);
}

// Paints on opaque white, not transparency, so the pixels the recognizer reads are plain ink on paper.
function redraw() {
  ink.fillStyle = PAPER;
  ink.fillRect(0, 0, inkCanvas.width, inkCanvas.height);
  ink.fillStyle = INK;
  ink.strokeStyle = INK;
  ink.lineCap = 'round';
  ink.lineJoin = 'round';
  for (const points of strokes) paintStroke(points);
  if (current) paintStroke(current.points);
}

// ---- Pointer input -------------------------------------------------------------------------------------

function lineWidthFor(event) {
  const width = Math.max(LINE_WIDTH, MIN_LINE_CSS_PX / cssPerUnit);
  const pressure = event.pointerType === 'pen' && event.pressure > 0 ? event.pressure : 0.5;
  return width * (1 + (pressure - 0.5) * PRESSURE_EFFECT);
}

function boardPoint(event) {
  const rect = inkCanvas.getBoundingClientRect();
  const unitsPerCss = BOARD_WIDTH / rect.width;
  return {
    x: (event.clientX - rect.left) * unitsPerCss,
    y: (event.clientY - rect.top) * unitsPerCss,
    width: lineWidthFor(event),
  };
}

function startStroke(event) {
  // One stroke at a time: a second finger or a resting palm must not draw across the first stroke.
  if (current || (event.pointerType === 'mouse' && event.button !== 0)) return;
  event.preventDefault();
  inkCanvas.setPointerCapture(event.pointerId);
  current = { pointerId: event.pointerId, points: [boardPoint(event)] };
  paintDot(current.points[0]);
}

function extendStroke(event) {
  if (!current || event.pointerId !== current.pointerId) return;
  // Coalesced events are the points the browser merged into this one frame: they keep fast curves round.
  const events = event.getCoalescedEvents?.() ?? [];
  for (const e of events.length > 0 ? events : [event]) {
    const point = boardPoint(e);
    paintSegment(current.points.at(-1), point);
    current.points.push(point);
  }
}

function endStroke(event) {
  if (!current || event.pointerId !== current.pointerId) return;
  strokes.push(current.points);
  current = null;
  recognizeNow();
}

inkCanvas.addEventListener('pointerdown', startStroke);
inkCanvas.addEventListener('pointermove', extendStroke);
inkCanvas.addEventListener('pointerup', endStroke);
// The browser cancels a pointer when it takes the gesture over; keep what was drawn so far.
inkCanvas.addEventListener('pointercancel', endStroke);
inkCanvas.addEventListener('lostpointercapture', endStroke);

// ---- Clear and undo ------------------------------------------------------------------------------------

function clearBoard() {
  strokes.length = 0;
  current = null;
  redraw();
  recognizeNow();
}

function undoStroke() {
  if (current || strokes.length === 0) return;
  strokes.pop();
  redraw();
  recognizeNow();
}

document.getElementById('clear').addEventListener('click', clearBoard);
document.getElementById('undo').addEventListener('click', undoStroke);

document.addEventListener('keydown', (event) => {
  const command = event.ctrlKey || event.metaKey;
  if ((event.key === 'Escape' || event.key === 'Delete') && !command && !event.altKey) {
    event.preventDefault();
    clearBoard();
  } else if (command && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'z') {
    event.preventDefault(); // the browser's own undo has nothing to undo here
    undoStroke();
  }
});

// ---- Size ----------------------------------------------------------------------------------------------

// The backing store is the CSS size times devicePixelRatio, so strokes stay sharp on HiDPI screens.
function fitCanvases(deviceWidth, deviceHeight, cssWidth) {
  if (deviceWidth === 0 || cssWidth === 0) return; // hidden
  cssPerUnit = cssWidth / BOARD_WIDTH;
  if (deviceWidth === inkCanvas.width && deviceHeight === inkCanvas.height) return;
  for (const canvas of [inkCanvas, overlayCanvas]) {
    canvas.width = deviceWidth;
    canvas.height = deviceHeight;
  }
  pixelsPerUnit = deviceWidth / BOARD_WIDTH;
  redraw();
  // The boxes are in canvas pixels, so they are stale now: read again.
  recognizeNow();
}

function measureFromLayout() {
  const rect = inkCanvas.getBoundingClientRect();
  fitCanvases(Math.round(rect.width * devicePixelRatio), Math.round(rect.height * devicePixelRatio), rect.width);
}

// Sized now, from layout, so the canvas is sharp from the first stroke; the observer's first report comes
// only after a frame, and on a busy machine after the recognizer has loaded.
measureFromLayout();
const resizeObserver = new ResizeObserver(([entry]) => {
  const device = entry.devicePixelContentBoxSize?.[0];
  const cssWidth = entry.contentBoxSize[0].inlineSize;
  // The device size differs from CSS size x ratio only by pixel snapping. Chromium's device emulation
  // (DevTools, test browsers) reports it without the emulated ratio: then trust the ratio instead.
  if (!device || Math.abs(device.inlineSize - cssWidth * devicePixelRatio) > 1) return measureFromLayout();
  fitCanvases(device.inlineSize, device.blockSize, cssWidth);
});
try {
  // The exact device-pixel size, where supported: no blur from rounding at fractional ratios.
  resizeObserver.observe(inkCanvas, { box: 'device-pixel-content-box' });
} catch {
  resizeObserver.observe(inkCanvas);
}

// Browsers without device-pixel-content-box report no resize when only the ratio changes (zoom, another
// monitor), so watch the ratio too.
function watchPixelRatio() {
  matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener(
    'change',
    () => {
      measureFromLayout();
      watchPixelRatio();
    },
    { once: true },
  );
}
watchPixelRatio();

// ---- Reading -------------------------------------------------------------------------------------------

function recognizeNow() {
  if (!recognizer || inkCanvas.width === 0) return;
  let result;
  try {
    result = recognizer.recognize(ink.getImageData(0, 0, inkCanvas.width, inkCanvas.height));
  } catch (error) {
    console.error(error);
    setStatus(`Could not read the drawing: ${error.message}`, true);
    return;
  }
  window.lastReading = result;
  showReading(result);
}

function showReading(result) {
  const text = result.numbers.map((number) => number.text).join(' ');
  // Only a real change should be announced by screen readers.
  if (readingOutput.textContent !== text) readingOutput.textContent = text;
  drawBoxes(result);
  listDigits(result);
  if (statusLine.classList.contains('error')) setStatus(READY);
}

// Rounded down, so that only a certain digit ever shows 100%.
function percent(confidence) {
  return confidence < 0.001 ? '<0.1%' : `${(Math.floor(confidence * 1000) / 10).toFixed(1)}%`;
}

// ---- Overlay: boxes and labels over the ink, on their own canvas so they are never read as ink ----------

function drawBoxes({ numbers }) {
  overlay.clearRect(0, 0, overlayCanvas.width, overlayCanvas.height);
  const px = pixelsPerUnit / cssPerUnit; // backing pixels per CSS pixel
  const labels = []; // rectangles already taken, so that labels of narrow neighbours do not overlap
  for (const number of numbers) {
    for (const digit of number.digits) drawBox(digit, px, labels);
  }
}

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

// Above the box's left or right corner if either spot is free and on the canvas, else below it, else just
// inside its top edge.
function placeLabel(frame, width, height, taken) {
  const right = frame.x + frame.width - width;
  const spots = [
    [frame.x, frame.y - height],
    [right, frame.y - height],
    [frame.x, frame.y + frame.height],
    [frame.x, frame.y],
  ].map(([x, y]) => ({ x, y, width, height }));
  const fits = (spot) =>
    spot.x >= 0 && spot.y >= 0 && spot.x + width <= overlayCanvas.width && spot.y + height <= overlayCanvas.height;
  return spots.find((spot) => fits(spot) && !taken.some((other) => overlaps(spot, other))) ?? spots.at(-1);
}

function drawBox({ digit, confidence, box }, px, taken) {
  const unsure = digit === null || confidence < UNSURE_BELOW;
  const color = unsure ? UNSURE_COLOR : BOX_COLOR;
  const pad = 5 * px;
  const frame = { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad };

  overlay.strokeStyle = color;
  overlay.lineWidth = 1.5 * px;
  overlay.setLineDash(unsure ? [5 * px, 4 * px] : []);
  overlay.strokeRect(frame.x, frame.y, frame.width, frame.height);

  // Rounded down like percent().
  const label = `${digit ?? '?'}  ${Math.floor(confidence * 100)}%`;
  overlay.font = `600 ${13 * px}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  const spot = placeLabel(frame, overlay.measureText(label).width + 12 * px, 20 * px, taken);
  taken.push(spot);
  overlay.fillStyle = color;
  overlay.beginPath();
  overlay.roundRect(spot.x, spot.y, spot.width, spot.height, 4 * px);
  overlay.fill();
  overlay.fillStyle = '#fff';
  overlay.textBaseline = 'middle';
  overlay.fillText(label, spot.x + 6 * px, spot.y + spot.height / 2 + px / 2);
}

// ---- Details panel -------------------------------------------------------------------------------------

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

// "7 98.1% · alternatives 1 1.2%, 2 0.3%"; for a mark that is not a digit, "? unsure · candidates ...".
function describeDigit({ digit, confidence, alternatives }) {
  const others = alternatives.filter((a) => a.digit !== digit);
  // No-break spaces keep each "digit percentage" pair on one line when the list wraps.
  const list = others.map((a) => `${a.digit}\u00a0${percent(a.confidence)}`).join(', ');
  if (digit === null) {
    return [element('span', 'digit unsure', '?'), ' unsure', element('span', 'alternatives', ` · candidates ${list}`)];
  }
  const tail = list ? element('span', 'alternatives', ` · alternatives ${list}`) : '';
  return [element('span', 'digit', String(digit)), ` ${percent(confidence)}`, tail];
}

function listDigits({ numbers }) {
  const items = numbers.map((number) => {
    const digits = number.digits.map((digit) => element('li', null, ...describeDigit(digit)));
    return element('li', null, element('span', 'number-text', number.text), element('ul', null, ...digits));
  });
  digitList.replaceChildren(...items);
  detailsEmpty.hidden = numbers.length > 0;
}

// ---- Start-up ------------------------------------------------------------------------------------------

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

async function loadRecognizer() {
  if (typeof WebAssembly !== 'object') throw new Error('this browser cannot run WebAssembly');
  // Imported here rather than at the top so that a missing module shows an error instead of a page that
  // never leaves "Loading".
  const { createRecognizer } = await import('../wasm/digits.js');
  recognizer = await createRecognizer();
  setStatus(READY);
  recognizeNow(); // anything drawn while loading
}

window.digitsReady = loadRecognizer().catch((error) => {
  console.error(error);
  setStatus(`The recognizer could not load (${error.message}). Reload the page to try again.`, true);
  throw error;
});
// The page has shown the error; tests that await digitsReady still see the rejection.
window.digitsReady.catch(() => {});

redraw();
