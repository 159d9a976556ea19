#include "segment.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

#include "layout.h"

namespace digits {

namespace {

// Strokes of one digit overlap a lot horizontally and sit close vertically: the two strokes of an open 4,
// the pieces of a broken loop. Two pieces of about the same height side by side are not: they are slanted
// neighbours whose boxes overlap.
bool Stacked(const Box& a, const Box& b) {
  const int narrower = std::min(a.width(), b.width());
  const int taller = std::max(a.height(), b.height());
  const int shorter = std::min(a.height(), b.height());
  const int vertical_gap = a.gap_y(b);
  const bool side_by_side = shorter * 4 >= taller * 3 && a.overlap_y(b) * 4 >= shorter * 3;
  return a.overlap_x(b) * 2 >= narrower && vertical_gap * 10 <= taller * 3 && !side_by_side;
}

// The taller of two boxes, then the other (the first on a tie).
std::pair<const Box&, const Box&> TallerFirst(const Box& a, const Box& b) {
  if (a.height() >= b.height()) return {a, b};
  return {b, a};
}

// A piece at most 60% as tall as its neighbour, right beside it and within its height, is part of it:
// the left half of an open 4, the foot of a 1, a broken-off end of a stroke. Neighbouring digits of one
// writer are closer in height than that.
bool Attached(const Box& a, const Box& b) {
  const auto [tall, piece] = TallerFirst(a, b);
  const int reach = tall.height() / 4;
  return piece.height() * 10 <= tall.height() * 6 && a.gap_x(b) * 10 <= tall.height() * 3 &&
         piece.y0 >= tall.y0 - reach && piece.y1 <= tall.y1 + reach;
}

// The bar of an open 4 may stop short of its stem, and then the strokes left of the stem are a piece of their
// own: shorter than the stem, just left of it, and ending well above its foot (they may start higher than it).
// Neighbouring digits of one writer stand on one line, so a neighbour this much shorter would end near the
// same foot. Only a piece on the left: on a line written uphill, each digit stands higher than the one before,
// and joining raised pieces on the right too misread 12 more of 1,000 numbers sloping 0.15 up.
bool Raised(const Box& a, const Box& b) {
  const auto [tall, piece] = TallerFirst(a, b);
  const bool left_of_it = piece.x0 + piece.x1 < tall.x0 + tall.x1;
  return left_of_it && piece.height() * 100 <= tall.height() * 85 && a.gap_x(b) * 10 <= tall.height() * 2 &&
         (tall.y1 - piece.y1) * 4 >= tall.height() && piece.y0 >= tall.y0 - tall.height() / 2;
}

// A flat piece just above a digit's upper half is its flag or bar: the top of a 5 written in two strokes.
bool Flag(const Box& a, const Box& b) {
  const Box& flag = a.height() <= b.height() ? a : b;
  const Box& body = a.height() <= b.height() ? b : a;
  const int near = body.height() * 3 / 10;
  return flag.width() * 2 >= flag.height() * 3 && flag.y1 <= body.y0 + body.height() / 2 &&
         body.y0 - flag.y1 <= near && a.gap_x(b) <= near;
}

bool SameDigit(const Box& a, const Box& b) { return Stacked(a, b) || Attached(a, b) || Raised(a, b) || Flag(a, b); }

// Whether two groups may hold strokes of one digit: their boxes qualify, or any piece of one with any piece
// of the other. A stroke that could belong to either neighbour (a 5's flag reaching over the next digit, the
// left half of an open 4 beside a 6) so joins both, and recognition chooses (split_group.h). Groups that
// together would be taller than `tallest_digit` are not one digit.
bool Related(const DigitInk& a, const DigitInk& b, double tallest_digit) {
  if (a.box.united(b.box).height() > tallest_digit) return false;
  if (SameDigit(a.box, b.box)) return true;
  return std::any_of(a.pieces.begin(), a.pieces.end(), [&](const Piece& p) {
    return std::any_of(b.pieces.begin(), b.pieces.end(), [&](const Piece& q) { return SameDigit(p.box, q.box); });
  });
}

int TallestHeight(const std::vector<Component>& components) {
  int tallest = 0;
  for (const Component& c : components) tallest = std::max(tallest, c.box.height());
  return tallest;
}

void DropSpecks(std::vector<Component>& components, int tallest) {
  const double least = kSpeckShare * tallest;
  components.erase(std::remove_if(components.begin(), components.end(),
                                  [&](const Component& c) {
                                    return std::max(c.box.width(), c.box.height()) < least;
                                  }),
                   components.end());
}

// Repeats pairwise merging until no pair qualifies: a merge grows a box, which can reach a third group.
std::vector<DigitInk> MergeStrokes(std::vector<Component>& components, double tallest_digit) {
  std::vector<DigitInk> digits;
  for (Component& c : components) digits.push_back({c.box, {{c.box, std::move(c.runs)}}});
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < digits.size() && !merged; ++i) {
      for (size_t j = i + 1; j < digits.size() && !merged; ++j) {
        if (!Related(digits[i], digits[j], tallest_digit)) continue;
        digits[i].Absorb(digits[j]);
        digits.erase(digits.begin() + static_cast<long>(j));
        merged = true;
      }
    }
  }
  return digits;
}

}  // namespace

void DigitInk::Absorb(const DigitInk& other) {
  box = box.united(other.box);
  pieces.insert(pieces.end(), other.pieces.begin(), other.pieces.end());
}

std::vector<Run> DigitInk::runs() const {
  std::vector<Run> all;
  for (const Piece& piece : pieces) all.insert(all.end(), piece.runs.begin(), piece.runs.end());
  return all;
}

std::vector<DigitInk> SegmentDigits(std::vector<Component> components) {
  const int tallest = TallestHeight(components);
  DropSpecks(components, tallest);
  // One writer's digits are about equally tall, so pieces that together would be far taller than the tallest
  // piece of ink are digits on two lines, however close. Unless they are too few for two lines: then they are
  // one digit broken into pieces, none of them as tall as the digit.
  const bool two_lines_possible = components.size() >= kFewestPiecesOnTwoLines;
  const double tallest_digit = two_lines_possible ? kMaxDigitHeight * tallest : std::numeric_limits<double>::infinity();
  return MergeStrokes(components, tallest_digit);
}

int LineHeight(const std::vector<DigitInk>& groups) {
  std::vector<int> heights;
  for (const DigitInk& group : groups) heights.push_back(group.box.height());
  return MedianHeight(std::move(heights));
}

}  // namespace digits
