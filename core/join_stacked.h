// Joins a digit that geometry broke across two lines: a 5's bar written far above its body, a faint 8 whose
// halves never touch. Segmentation keeps ink that is far taller than its tallest piece on two lines, which is
// right for numbers written one under another but wrong for a digit in fragments, so the classifier decides.
#pragma once

#include <vector>

#include "split_group.h"

namespace digits {

// Two groups, one above the other and each alone on its line, become one where together they read surely as
// one digit (Sure).
std::vector<DigitInk> JoinStacked(const InkPlane& plane, std::vector<DigitInk> groups, const Classifier& classify);

}  // namespace digits
