// Reads digits as a person does: lines top to bottom, digits left to right, a wide gap ends a number.
#pragma once

#include <vector>

#include "box.h"

namespace digits {

// A gap wider than this share of the line's typical digit height starts a new number.
constexpr double kNumberGapShare = 0.6;
// Lines are followed up or down to this slope (0.5: 27 degrees); a steeper one between a line's first and last
// digit is taken for a slip of its digits' heights.
constexpr double kSteepestLine = 0.5;

// The median of the heights (of the middle two, the taller); there must be at least one.
int MedianHeight(std::vector<int> heights);

// Indices into the boxes given, one inner vector per number, in reading order.
std::vector<std::vector<size_t>> GroupIntoNumbers(const std::vector<Box>& boxes);

}  // namespace digits
