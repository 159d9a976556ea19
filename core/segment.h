// Groups the ink on a canvas into candidate digits by geometry: the strokes of one digit together (a 5's
// flag, an open 4), neighbours apart. Where a group holds more than one digit (touching neighbours, or
// pieces geometry joined wrongly), split_group.h decides with the classifier.
#pragma once

#include <vector>

#include "components.h"

namespace digits {

// Ink that is read as a unit: a connected component, or part of one cut apart.
struct Piece {
  Box box;
  std::vector<Run> runs;
};

// A candidate digit: the pieces geometry puts together.
struct DigitInk {
  Box box;
  std::vector<Piece> pieces;

  std::vector<Run> runs() const;  // of all its pieces
  void Absorb(const DigitInk& other);  // takes the other's pieces in as its own
};

// Pieces of ink smaller than this share of the tallest piece's height are specks, not writing.
constexpr double kSpeckShare = 0.1;
// Strokes are one digit only if together they are at most this share of the tallest piece's height.
constexpr double kMaxDigitHeight = 1.8;
// Two lines of numbers hold at least two digits each: ink in fewer pieces than this is not two lines.
constexpr size_t kFewestPiecesOnTwoLines = 4;

std::vector<DigitInk> SegmentDigits(std::vector<Component> components);

// The typical height of a digit on the canvas: the groups' median height.
int LineHeight(const std::vector<DigitInk>& groups);

}  // namespace digits
