// Draws test material onto RGBA canvases the way a page's canvas holds it: dark ink on white.
#pragma once

#include <cstdint>
#include <vector>

#include "mnist.h"

namespace digits {

struct Canvas {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
};

Canvas BlankCanvas(int width, int height);

// Draws an MNIST image magnified `scale` times (bilinear) with its top-left corner at (left, top).
// The same drawing as drawMnistDigit() in tests/wasm/mnist-canvas.mjs.
void DrawMnistDigit(const MnistImage& image, float scale, int left, int top, Canvas* canvas);

}  // namespace digits
