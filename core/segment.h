// Splits the ink on a canvas into single digits: strokes of one digit stay together, neighbours apart.
#pragma once

#include <vector>

#include "components.h"

namespace digits {

struct DigitInk {
  Box box;
  std::vector<Run> runs;
};

// Pieces of ink smaller than this share of the tallest piece's height are specks, not writing.
constexpr double kSpeckShare = 0.1;

std::vector<DigitInk> SegmentDigits(std::vector<Component> components);

}  // namespace digits
