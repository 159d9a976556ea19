// Touching digits in a number, cut where the segmenter tries cuts (core/split_group.h), each part labelled by
// whose ink it holds: training shows the network digits as a number's cuts leave them (with a sliver of their
// neighbour, or short of one of their own) and cuts that hold two digits, which it should not read as one.
#pragma once

#include <utility>
#include <vector>

#include "pen.h"
#include "segment.h"

namespace digits {

// A part holds a digit when at least kOwnInk of its ink is that digit's and it holds at least kKeptInk of
// the digit's ink; touching digits when it holds at least kTouchingKeptInk of two digits' ink each, the second
// at least kTouchingShare of the part's. Anything between is no clear lesson and is left out.
constexpr double kOwnInk = 0.9;
constexpr double kKeptInk = 0.85;
constexpr double kTouchingKeptInk = 0.4;
constexpr double kTouchingShare = 0.25;

// Which of the drawn glyphs each pixel's ink is of, row-major over a width x height canvas: the one drawn
// darkest there; -1 where none is.
std::vector<int> InkOwners(const std::vector<std::pair<Glyph, Pen>>& drawn, int width, int height);

struct CutPart {
  std::vector<Run> runs;
  int label;  // 0-9, or kTouchingDigits
};

// The parts of every group of touching digits on the canvas's ink that a cut candidate, or a run of up to
// kMaxPiecesPerDigit consecutive ones, leaves, with their labels. `owner` is InkOwners(); `digits`, each
// glyph's digit.
std::vector<CutPart> CutParts(const InkPlane& plane, const std::vector<int>& owner, const std::vector<int>& digits);

}  // namespace digits
