// The embedding example (embed.html): a form whose Amount field is filled by writing on a small pad. The
// package's Worker helper reads the pad off the main thread, after every stroke.
//
// For tests: window.embedReady resolves once the reader is loaded.
import { createWorkerRecognizer } from 'handwritten-digits/worker';

// In CSS pixels: about an eighth of a digit written across the 100 px pad, as bold as MNIST strokes.
const LINE_WIDTH = 8;
const HINT = 'Write the amount on the pad with a finger, pen or mouse.';

const pad = document.getElementById('pad');
const amount = document.getElementById('amount');
const statusLine = document.getElementById('pad-status');
const ink = pad.getContext('2d', { willReadFrequently: true });

let recognizer = null;
let stroke = null; // {pointerId, x, y} while writing
let written = false; // anything on the pad since it was last cleared
let asked = 0; // readings asked for: only the latest one may fill the field

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', isError);
}

// Sharp on HiDPI screens: the backing store is the CSS size times devicePixelRatio.
function clearPad() {
  pad.width = Math.round(pad.clientWidth * devicePixelRatio);
  pad.height = Math.round(pad.clientHeight * devicePixelRatio);
  ink.fillStyle = '#fff'; // opaque paper, dark ink: what the recognizer reads best
  ink.fillRect(0, 0, pad.width, pad.height);
  ink.fillStyle = ink.strokeStyle = '#111';
  ink.lineCap = ink.lineJoin = 'round';
}

function padPoint(event) {
  const rect = pad.getBoundingClientRect();
  const scale = pad.width / rect.width;
  return { x: (event.clientX - rect.left) * scale, y: (event.clientY - rect.top) * scale, scale };
}

function drawTo(event) {
  const { x, y, scale } = padPoint(event);
  ink.lineWidth = LINE_WIDTH * scale;
  ink.beginPath();
  ink.moveTo(stroke.x, stroke.y);
  ink.lineTo(x, y);
  ink.stroke();
  Object.assign(stroke, { x, y });
}

pad.addEventListener('pointerdown', (event) => {
  if (stroke || (event.pointerType === 'mouse' && event.button !== 0)) return;
  event.preventDefault();
  pad.setPointerCapture(event.pointerId);
  const { x, y, scale } = padPoint(event);
  stroke = { pointerId: event.pointerId, x, y };
  ink.beginPath(); // a dot, for a tap
  ink.arc(x, y, (LINE_WIDTH * scale) / 2, 0, 2 * Math.PI);
  ink.fill();
});

pad.addEventListener('pointermove', (event) => {
  if (stroke?.pointerId !== event.pointerId) return;
  const events = event.getCoalescedEvents?.() ?? []; // the points merged into this frame: rounder curves
  for (const e of events.length > 0 ? events : [event]) drawTo(e);
});

function endStroke(event) {
  if (stroke?.pointerId !== event.pointerId) return;
  stroke = null;
  written = true;
  read();
}
pad.addEventListener('pointerup', endStroke);
pad.addEventListener('pointercancel', endStroke);
pad.addEventListener('lostpointercapture', endStroke);

// What the person types wins over a reading still on its way (the pad cleared, then the field typed at once).
// The field's own input events, sent after a reading, are not trusted ones.
amount.addEventListener('input', (event) => {
  if (event.isTrusted) ++asked;
});

document.getElementById('clear').addEventListener('click', () => {
  clearPad();
  if (!written) return; // the field was typed, not written: leave it
  written = false;
  read();
});

// An example: nothing to send anywhere.
document.getElementById('expense').addEventListener('submit', (event) => event.preventDefault());

async function read() {
  if (!recognizer) return;
  const ticket = ++asked;
  try {
    const { numbers } = await recognizer.recognize(ink.getImageData(0, 0, pad.width, pad.height));
    if (ticket !== asked) return;
    const text = numbers.map((number) => number.text).join(' ');
    if (amount.value !== text) {
      amount.value = text;
      // Tell the form's own code (validation, frameworks) that the value changed.
      amount.dispatchEvent(new Event('input', { bubbles: true }));
    }
    setStatus(text.includes('?') ? 'Some marks are not digits: write them again, or type.' : HINT);
  } catch (error) {
    setStatus(`Could not read the writing (${error.message}). Type the amount instead.`, true);
  }
}

clearPad();
window.embedReady = createWorkerRecognizer().then(
  (ready) => {
    recognizer = ready;
    setStatus(HINT);
    if (written) read(); // while loading; an empty pad must not wipe a typed amount
  },
  (error) => {
    setStatus(`The handwriting reader could not load (${error.message}). Type the amount instead.`, true);
    throw error;
  },
);
window.embedReady.catch(() => {});
