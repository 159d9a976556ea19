// The board's geometry and pen, shared by the page (app.js) and the benchmark, which writes numbers on a
// board with the page's pen (scripts/eval-sets.mjs).

// Strokes are kept in board units: the board is BOARD_WIDTH units wide whatever its size on screen, so a
// resize (window, rotation, zoom) redraws the same picture, only scaled.
export const BOARD_WIDTH = 840;
// 14 CSS px on a full-size board: bold like MNIST strokes (10-15% of a digit's height), which the model
// was trained on.
export const LINE_WIDTH = 14;
