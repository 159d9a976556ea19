#include "components.h"

#include <cstring>
#include <numeric>

namespace digits {

namespace {

// Union-find over run indices, with path halving.
class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), size_t{0}); }
  size_t Find(size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void Unite(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

// Whether any of the 16 bytes at `p` reaches kStrokeInk (64): one of its two high bits is set.
bool AnyStrokeIn16(const uint8_t* p) {
  static_assert(kStrokeInk == 64, "the bit mask below tests for bytes of 64 and more");
  uint64_t bytes[2];
  std::memcpy(bytes, p, sizeof bytes);
  return ((bytes[0] | bytes[1]) & 0xC0C0C0C0C0C0C0C0ull) != 0;
}

std::vector<Run> FindRuns(const InkPlane& plane) {
  std::vector<Run> runs;
  for (int y = 0; y < plane.height; ++y) {
    const uint8_t* row = plane.ink.data() + static_cast<size_t>(y) * plane.width;
    for (int x = 0; x < plane.width;) {
      if (x + 16 <= plane.width && !AnyStrokeIn16(row + x)) {  // paper, sixteen pixels at a time
        x += 16;
        continue;
      }
      if (row[x] < kStrokeInk) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < plane.width && row[x] >= kStrokeInk) ++x;
      runs.push_back({y, start, x});
    }
  }
  return runs;
}

// Joins each run with the runs of the row above that touch it, diagonals included.
void ConnectRuns(const std::vector<Run>& runs, DisjointSets& sets) {
  size_t above_begin = 0, above_end = 0;  // runs of row y - 1
  for (size_t i = 0; i < runs.size();) {
    const int y = runs[i].y;
    size_t row_end = i;
    while (row_end < runs.size() && runs[row_end].y == y) ++row_end;
    if (above_end <= above_begin || runs[above_begin].y != y - 1) above_begin = above_end = i;
    size_t a = above_begin;
    for (size_t r = i; r < row_end; ++r) {
      while (a < above_end && runs[a].x1 < runs[r].x0) ++a;  // ends left of r, even diagonally
      for (size_t b = a; b < above_end && runs[b].x0 <= runs[r].x1; ++b) sets.Unite(r, b);
    }
    above_begin = i;
    above_end = row_end;
    i = row_end;
  }
}

double RunMass(const InkPlane& plane, const Run& run) {
  const uint8_t* row = plane.ink.data() + static_cast<size_t>(run.y) * plane.width;
  // Summed as integers (exact, and vector code) rather than doubles (one add after the other).
  return std::accumulate(row + run.x0, row + run.x1, uint32_t{0}) / 255.0;
}

}  // namespace

std::vector<Component> FindComponents(const InkPlane& plane) {
  const std::vector<Run> runs = FindRuns(plane);
  DisjointSets sets(runs.size());
  ConnectRuns(runs, sets);

  std::vector<Component> components;
  std::vector<size_t> component_of_root(runs.size(), SIZE_MAX);
  for (size_t i = 0; i < runs.size(); ++i) {
    const size_t root = sets.Find(i);
    if (component_of_root[root] == SIZE_MAX) {
      component_of_root[root] = components.size();
      components.emplace_back();
    }
    Component& c = components[component_of_root[root]];
    const Run& run = runs[i];
    c.box = c.box.united({run.x0, run.y, run.x1, run.y + 1});
    c.runs.push_back(run);
    c.mass += RunMass(plane, run);
  }
  return components;
}

Box BoundsOf(const std::vector<Run>& runs) {
  Box box;
  for (const Run& run : runs) box = box.united({run.x0, run.y, run.x1, run.y + 1});
  return box;
}

}  // namespace digits
