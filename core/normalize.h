// Puts one digit into the frame the network was trained on, the way MNIST was made: the ink scaled so
// its longer side fits kFitBox pixels, its centre of mass at the centre of a kInputSize square.
#pragma once

#include <array>
#include <vector>

#include "components.h"

namespace digits {

constexpr int kInputSize = 28;
constexpr int kFitBox = 20;
// Strokes thinner than this in the normalized frame (the typical run of pixels above half ink) are widened
// toward it. MNIST's strokes measure 2 to 4 pixels, mostly 3; a fine pen on a large canvas gives 1.
constexpr float kMinStrokeWidth = 2.5f;

// Ink from 0 to 1, row-major.
using DigitImage = std::array<float, kInputSize * kInputSize>;

// Normalizes the ink of the given runs (one digit's strokes) from the plane.
DigitImage NormalizeDigit(const InkPlane& plane, const std::vector<Run>& runs);

// The image moved by (dx, dy) pixels; what moves out of the frame is lost, paper moves in.
DigitImage Shifted(const DigitImage& image, int dx, int dy);

// Training warps every image it shows the network, and resampling blurs a little: the network reads warped
// images better than the sharp ones normalizing gives (alone, on MNIST's test digits: 35 misreads softened
// this much, 48 sharp). So every image is softened before the network reads it, by the kernel
// {kSoftening, 1 - 2 * kSoftening, kSoftening} along each axis; training calibrates on images softened alike.
constexpr float kSoftening = 1.0f / 16;
DigitImage Softened(const DigitImage& image);

}  // namespace digits
