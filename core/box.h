// An axis-aligned rectangle in canvas pixels, with its right and bottom edges exclusive.
#pragma once

#include <algorithm>

namespace digits {

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;

  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  Box united(const Box& o) const {
    if (empty()) return o;
    if (o.empty()) return *this;
    return {std::min(x0, o.x0), std::min(y0, o.y0), std::max(x1, o.x1), std::max(y1, o.y1)};
  }
  int overlap_x(const Box& o) const { return std::max(0, std::min(x1, o.x1) - std::max(x0, o.x0)); }
  int overlap_y(const Box& o) const { return std::max(0, std::min(y1, o.y1) - std::max(y0, o.y0)); }
  // The paper between two boxes along an axis; negative where they overlap on it.
  int gap_x(const Box& o) const { return std::max(x0, o.x0) - std::min(x1, o.x1); }
  int gap_y(const Box& o) const { return std::max(y0, o.y0) - std::min(y1, o.y1); }
};

}  // namespace digits
