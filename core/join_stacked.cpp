#include "join_stacked.h"

#include <algorithm>

namespace digits {

namespace {

bool SameLine(const Box& a, const Box& b) { return a.overlap_y(b) * 2 >= std::min(a.height(), b.height()); }

// One above the other, close in rows and in columns: a stroke's broken-off end may lie diagonally beside it.
bool Stacked(const Box& a, const Box& b) {
  const int vertical_gap = a.gap_y(b);
  const int horizontal_gap = a.gap_x(b);
  const int taller = std::max(a.height(), b.height());
  return !SameLine(a, b) && vertical_gap * 2 <= taller && horizontal_gap * 10 <= taller * 3;
}

// Whether no group but `a` and `b` shares a line with either: digits of two written lines have neighbours.
bool AloneOnTheirLines(const std::vector<DigitInk>& groups, size_t a, size_t b) {
  for (size_t k = 0; k < groups.size(); ++k) {
    if (k == a || k == b) continue;
    if (SameLine(groups[k].box, groups[a].box) || SameLine(groups[k].box, groups[b].box)) return false;
  }
  return true;
}

}  // namespace

std::vector<DigitInk> JoinStacked(const InkPlane& plane, std::vector<DigitInk> groups, const Classifier& classify) {
  for (size_t a = 0; a < groups.size(); ++a) {
    for (size_t b = a + 1; b < groups.size(); ++b) {
      if (!Stacked(groups[a].box, groups[b].box) || !AloneOnTheirLines(groups, a, b)) continue;
      DigitInk both = groups[a];
      both.Absorb(groups[b]);
      if (!Sure(classify(NormalizeDigit(plane, both.runs()), false))) continue;
      groups[a] = std::move(both);
      groups.erase(groups.begin() + static_cast<long>(b));
      b = a;  // the grown group may now stand on a third
    }
  }
  return groups;
}

}  // namespace digits
