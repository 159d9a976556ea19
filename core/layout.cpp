#include "layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace digits {

namespace {

struct Line {
  Box extent;
  std::vector<size_t> members;
};

// Where the line's next digit, centred at x, would stand: as its last digit, raised or lowered along the slope
// from its first digit to its last (at most kSteepestLine). A line written uphill or downhill is followed.
Box Expected(const Line& line, const std::vector<Box>& boxes, int x) {
  const Box& first = boxes[line.members.front()];
  const Box& last = boxes[line.members.back()];
  const double run = (last.x0 + last.x1 - first.x0 - first.x1) / 2.0;
  const double rise = (last.y0 + last.y1 - first.y0 - first.y1) / 2.0;
  const double slope = run > 0 ? std::clamp(rise / run, -kSteepestLine, kSteepestLine) : 0.0;
  const int shift = static_cast<int>(std::lround(slope * (x - (last.x0 + last.x1) / 2.0)));
  return {last.x0, last.y0 + shift, last.x1, last.y1 + shift};
}

// Digits belong to one line when each overlaps the line's last digit, or where the line would have it, by half
// the smaller one's height, taken left to right. Measured against the whole line's extent instead, a number on
// a line sloping 0.3 started a line of its own, read before the number left of it. Lines are read top to bottom
// by their middles.
std::vector<Line> GroupIntoLines(const std::vector<Box>& boxes) {
  std::vector<size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return boxes[a].x0 + boxes[a].x1 < boxes[b].x0 + boxes[b].x1; });
  std::vector<Line> lines;
  for (size_t i : order) {
    const Box& box = boxes[i];
    Line* best = nullptr;
    int best_overlap = 0;
    for (Line& line : lines) {
      // Beside its last digit, or where its slope would have the next: a jittery baseline is no slope.
      const Box& last = boxes[line.members.back()];
      const Box expected = Expected(line, boxes, (box.x0 + box.x1) / 2);
      const int overlap = std::max(box.overlap_y(last), box.overlap_y(expected));
      if (overlap * 2 >= std::min(box.height(), last.height()) && overlap > best_overlap) {
        best = &line, best_overlap = overlap;
      }
    }
    if (!best) best = &lines.emplace_back();
    best->extent = best->extent.united(box);
    best->members.push_back(i);
  }
  std::sort(lines.begin(), lines.end(),
            [](const Line& a, const Line& b) { return a.extent.y0 + a.extent.y1 < b.extent.y0 + b.extent.y1; });
  return lines;
}

}  // namespace

int MedianHeight(std::vector<int> heights) {
  std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

std::vector<std::vector<size_t>> GroupIntoNumbers(const std::vector<Box>& boxes) {
  std::vector<std::vector<size_t>> numbers;
  for (Line& line : GroupIntoLines(boxes)) {
    std::sort(line.members.begin(), line.members.end(),
              [&](size_t a, size_t b) { return boxes[a].x0 + boxes[a].x1 < boxes[b].x0 + boxes[b].x1; });
    std::vector<int> heights;
    for (size_t i : line.members) heights.push_back(boxes[i].height());
    const double widest_gap = kNumberGapShare * MedianHeight(std::move(heights));
    for (size_t k = 0; k < line.members.size(); ++k) {
      const size_t i = line.members[k];
      const bool starts_number = k == 0 || boxes[i].x0 - boxes[line.members[k - 1]].x1 > widest_gap;
      if (starts_number) numbers.emplace_back();
      numbers.back().push_back(i);
    }
  }
  return numbers;
}

}  // namespace digits
