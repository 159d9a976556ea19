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
// A group less than this share of its line's height (the median group's) may be a digit's detached stroke: a
// 5's flag, a 9's loop or its stem written apart. 0.7 rather than 0.5 (with kSpannedHeight) read 5 more of 8,000
// numbers right and none fewer (seeds 7, 11, 29 and 31, board included), and 1 more two-stroke digit; 0.75 read
// as 0.7 (seeds 29 and 31).
constexpr double kFragmentHeight = 0.7;
// Two such groups are one digit's strokes only if together they span at least this share of the line's height.
constexpr double kSpannedHeight = 0.8;

// Joins, in turn:
// - two groups one above the other, each alone on its line, where together they read surely as one digit
//   (Sure) and neither reads as two or more sure digits of its own (a line of touching digits);
// - a group shorter than kFragmentHeight (a 5's flag) to the neighbour beside or below it with which it reads
//   surest as one digit, if surely: a taller group, or another short one together spanning kSpannedHeight;
// - the only two groups on the canvas, side by side and at most kJoinedStrokesGap apart, where together they read
//   surely as one digit and apart not both surely as digits.
std::vector<DigitInk> JoinStacked(const InkPlane& plane, std::vector<DigitInk> groups, const Classifier& classify);

}  // namespace digits
