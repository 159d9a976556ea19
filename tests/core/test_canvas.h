// Small drawing helpers for the core's tests: filled rectangles and discs on an RGBA canvas, and the ink
// groups segmentation finds in a drawing.
#pragma once

#include <cstdint>
#include <vector>

#include "canvas.h"
#include "components.h"
#include "ink.h"
#include "segment.h"

namespace digits {

inline void Paint(Canvas* c, int x, int y, uint8_t tone, uint8_t alpha = 255) {
  if (x < 0 || y < 0 || x >= c->width || y >= c->height) return;
  uint8_t* p = &c->rgba[(static_cast<size_t>(y) * c->width + x) * 4];
  p[0] = p[1] = p[2] = tone;
  p[3] = alpha;
}

inline void FillRect(Canvas* c, int x0, int y0, int width, int height, uint8_t tone = 0) {
  for (int y = y0; y < y0 + height; ++y)
    for (int x = x0; x < x0 + width; ++x) Paint(c, x, y, tone);
}

inline void FillDisc(Canvas* c, int cx, int cy, int radius, uint8_t tone = 0) {
  for (int y = cy - radius; y <= cy + radius; ++y)
    for (int x = cx - radius; x <= cx + radius; ++x)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) Paint(c, x, y, tone);
}

// A drawing's ink and the groups segmentation puts it in.
struct Ink {
  InkPlane plane;
  std::vector<DigitInk> groups;
};

inline Ink InkOf(const Canvas& canvas) {
  Ink ink{ExtractInk(canvas.rgba.data(), canvas.width, canvas.height), {}};
  ink.groups = SegmentDigits(FindComponents(ink.plane));
  return ink;
}

}  // namespace digits
