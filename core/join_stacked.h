// Joins a digit that geometry broke apart: across two lines (a 5's bar written far above its body, a faint 8
// whose halves never touch), or into two strokes side by side (an open 4 whose bar stops short of its stem).
// Segmentation keeps ink that is far taller than its tallest piece on two lines, and strokes of about one
// height side by side apart, which is right for numbers but wrong for a digit in fragments, so the classifier
// decides.
#pragma once

#include <vector>

#include "split_group.h"

namespace digits {

// Strokes of one digit written apart are at most this share of the taller one's height apart, side by side.
constexpr double kJoinedStrokesGap = 0.15;
// A group less than this share of its line's height (the median group's) is a digit's detached stroke.
constexpr double kFragmentHeight = 0.5;

// Joins, in turn:
// - two groups one above the other, each alone on its line, where together they read surely as one digit
//   (Sure) and neither reads as two or more sure digits of its own (a line of touching digits);
// - a group shorter than kFragmentHeight (a 5's flag) to the neighbour beside or below it with which it reads
//   surest as one digit, if surely;
// - the only two groups on the canvas, side by side and at most kJoinedStrokesGap apart, where together they read
//   surely as one digit and apart not both surely as digits.
std::vector<DigitInk> JoinStacked(const InkPlane& plane, std::vector<DigitInk> groups, const Classifier& classify);

}  // namespace digits
