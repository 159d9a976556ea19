#include "layout.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace digits {

namespace {

struct Line {
  Box extent;
  std::vector<size_t> members;
};

// Digits belong to one line when they overlap vertically by half the smaller one's height.
std::vector<Line> GroupIntoLines(const std::vector<Box>& boxes) {
  std::vector<size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return boxes[a].y0 + boxes[a].y1 < boxes[b].y0 + boxes[b].y1; });
  std::vector<Line> lines;
  for (size_t i : order) {
    const Box& box = boxes[i];
    auto line = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
      return box.overlap_y(l.extent) * 2 >= std::min(box.height(), l.extent.height());
    });
    if (line == lines.end()) line = lines.insert(lines.end(), Line{});
    line->extent = line->extent.united(box);
    line->members.push_back(i);
  }
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
