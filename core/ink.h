// Turns canvas pixels into an ink plane: how much pen is on each pixel, whatever the colours.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "status.h"

namespace digits {

// The largest canvas we accept. They bound memory: a 4096 x 4096 canvas needs about 100 MB of work space.
constexpr int kMaxSide = 16384;
constexpr long long kMaxPixels = 4096LL * 4096LL;

// Ink per pixel, 0 (background) to 255 (full ink), row-major.
struct InkPlane {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> ink;

  uint8_t at(int x, int y) const { return ink[static_cast<size_t>(y) * width + x]; }
};

// Checks the arguments every entry point receives.
Status ValidateCanvas(const uint8_t* rgba, int width, int height, size_t byte_length);

// Finds the paper (the most common kind of pixel). On transparent paper, ink of any colour is measured by its
// opacity. On opaque paper, pixels are composited over white and ink is the distance from the paper's tone:
// dark ink on light paper, or light ink on dark paper.
InkPlane ExtractInk(const uint8_t* rgba, int width, int height);

}  // namespace digits
