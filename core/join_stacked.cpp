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

// Side by side and close: the two strokes of an open 4 whose bar stops short of its stem, when the part left of
// the stem is as tall as the stem (so segmentation's Raised does not join them).
bool Beside(const Box& a, const Box& b) {
  return SameLine(a, b) && a.gap_x(b) <= kJoinedStrokesGap * std::max(a.height(), b.height());
}

// The two groups as one.
DigitInk Joined(DigitInk a, const DigitInk& b) {
  a.Absorb(b);
  return a;
}

// The group read as one mark, at a first look.
DigitReading ReadAsOne(const InkPlane& plane, const DigitInk& group, const Classifier& classify) {
  return classify(NormalizeDigit(plane, group.runs()), false);
}

bool SureOfItself(const InkPlane& plane, const DigitInk& group, const Classifier& classify) {
  return Sure(ReadAsOne(plane, group, classify));
}

// Whether the group reads as a number of its own: two or more digits, each surely. A line of touching digits
// is one group, alone on its line like a digit's fragment, but a fragment reads as one digit at most.
bool SeveralSureDigits(const InkPlane& plane, const DigitInk& group, const Classifier& classify) {
  const std::vector<DigitReading> digits = ReadGroup(plane, group, group.box.height(), false, classify);
  return digits.size() > 1 && std::all_of(digits.begin(), digits.end(), Sure);
}

// Whether no group but `a` and `b` shares a line with either: digits of two written lines have neighbours.
bool AloneOnTheirLines(const std::vector<DigitInk>& groups, size_t a, size_t b) {
  for (size_t k = 0; k < groups.size(); ++k) {
    if (k == a || k == b) continue;
    if (SameLine(groups[k].box, groups[a].box) || SameLine(groups[k].box, groups[b].box)) return false;
  }
  return true;
}

// Where a digit's detached stroke may lie: beside the digit, no further from it than the gap between strokes of
// one digit, and level with it or above it (a 5's flag).
bool Near(const Box& fragment, const Box& digit, int line_height) {
  return fragment.gap_x(digit) <= kJoinedStrokesGap * line_height && fragment.y1 >= digit.y0 - line_height / 2 &&
         fragment.y0 <= digit.y1;
}

// Whether group d may hold the rest of fragment f's digit: it is a digit's height, or the two together span
// the line (a 9's loop and the stem written apart from it).
bool MayCompleteFragment(const Box& fragment, const Box& d, int line_height) {
  return d.height() >= kFragmentHeight * line_height || d.united(fragment).height() >= kSpannedHeight * line_height;
}

// The group that fragment f belongs to: the group near it that may complete it (MayCompleteFragment) with which
// it reads surest as one digit, if surely; f itself if none.
size_t HomeOf(const InkPlane& plane, const std::vector<DigitInk>& groups, size_t f, int line_height,
              const Classifier& classify) {
  size_t home = f;
  float surest = 0;
  for (size_t d = 0; d < groups.size(); ++d) {
    if (d == f || !MayCompleteFragment(groups[f].box, groups[d].box, line_height) ||
        !Near(groups[f].box, groups[d].box, line_height)) {
      continue;
    }
    const DigitReading reading = ReadAsOne(plane, Joined(groups[d], groups[f]), classify);
    if (Sure(reading) && Sureness(reading) > surest) home = d, surest = Sureness(reading);
  }
  return home;
}

// Each group far shorter than the line's digits joins the digit it belongs to (HomeOf).
void JoinFragments(const InkPlane& plane, std::vector<DigitInk>& groups, const Classifier& classify) {
  if (groups.size() < 2) return;
  const int line_height = LineHeight(groups);
  for (size_t f = 0; f < groups.size();) {
    const bool fragment = groups[f].box.height() < kFragmentHeight * line_height;
    const size_t home = fragment ? HomeOf(plane, groups, f, line_height, classify) : f;
    if (home == f) {
      ++f;
      continue;
    }
    groups[home].Absorb(groups[f]);
    groups.erase(groups.begin() + static_cast<long>(f));  // the next group moves into place f
  }
}

}  // namespace

std::vector<DigitInk> JoinStacked(const InkPlane& plane, std::vector<DigitInk> groups, const Classifier& classify) {
  for (size_t a = 0; a < groups.size(); ++a) {
    for (size_t b = a + 1; b < groups.size(); ++b) {
      if (!Stacked(groups[a].box, groups[b].box) || !AloneOnTheirLines(groups, a, b)) continue;
      DigitInk both = Joined(groups[a], groups[b]);
      if (!SureOfItself(plane, both, classify) || SeveralSureDigits(plane, groups[a], classify) ||
          SeveralSureDigits(plane, groups[b], classify)) {
        continue;
      }
      groups[a] = std::move(both);
      groups.erase(groups.begin() + static_cast<long>(b));
      b = a;  // the grown group may now stand on a third
    }
  }
  JoinFragments(plane, groups, classify);
  // Two groups alone on the canvas are one digit in two strokes where together they read surely as one and
  // apart not both surely as digits: two digits written close, a 4 and a 1, each read surely on its own.
  if (groups.size() == 2 && Beside(groups[0].box, groups[1].box)) {
    DigitInk both = Joined(groups[0], groups[1]);
    if (SureOfItself(plane, both, classify) &&
        !(SureOfItself(plane, groups[0], classify) && SureOfItself(plane, groups[1], classify))) {
      return {both};
    }
  }
  return groups;
}

}  // namespace digits
