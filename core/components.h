// Connected pieces of ink, found on horizontal runs of pixels so that memory follows the ink, not the canvas.
#pragma once

#include <vector>

#include "box.h"
#include "ink.h"

namespace digits {

// Pixels whose ink reaches this level belong to a stroke; fainter ones are anti-aliasing or noise.
constexpr uint8_t kStrokeInk = 64;

// Pixels [x0, x1) of row y, all at or above kStrokeInk.
struct Run {
  int y, x0, x1;
};

// One 8-connected piece of ink.
struct Component {
  Box box;
  std::vector<Run> runs;
  double mass = 0;  // sum of ink / 255 over the runs' pixels
};

std::vector<Component> FindComponents(const InkPlane& plane);

// The smallest box holding all the runs.
Box BoundsOf(const std::vector<Run>& runs);

}  // namespace digits
