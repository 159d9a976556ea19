// Puts one digit into the frame the network was trained on, the way MNIST was made: the ink scaled so
// its longer side fits kFitBox pixels, its centre of mass at the centre of a kInputSize square.
#pragma once

#include <array>
#include <vector>

#include "components.h"

namespace digits {

constexpr int kInputSize = 28;
constexpr int kFitBox = 20;

// Ink from 0 to 1, row-major.
using DigitImage = std::array<float, kInputSize * kInputSize>;

// Normalizes the ink of the given runs (one digit's strokes) from the plane.
DigitImage NormalizeDigit(const InkPlane& plane, const std::vector<Run>& runs);

}  // namespace digits
