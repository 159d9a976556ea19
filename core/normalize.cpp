#include "normalize.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <utility>
#include <vector>

#include "simd.h"

namespace digits {

namespace {

constexpr int kLanes = 4;  // floats in a vector

// Resampling weights from `source_size` source pixels to kInputSize output pixels along one axis, where
// output coordinate u sees source coordinate (u - kInputSize / 2) / scale + centre. A triangle filter
// as wide as a source pixel or an output pixel, whichever is wider, so shrinking averages instead of
// skipping thin strokes. Output u takes the `count[u]` source pixels from `first[u]`, so the cost follows
// the ink rather than 28 times it.
struct AxisTaps {
  std::array<int, kInputSize> first{}, count{};
  std::array<size_t, kInputSize> offset{};  // of output u's weights in `weights`
  std::vector<float> weights;
};

AxisTaps AxisWeights(int source_size, float scale, float centre) {
  AxisTaps axis;
  const float radius = std::max(1.0f, 1.0f / scale);
  for (int u = 0; u < kInputSize; ++u) {
    axis.offset[u] = axis.weights.size();
    const float s = (u + 0.5f - kInputSize / 2.0f) / scale + centre;  // in source pixel units
    const int first = static_cast<int>(std::floor(s - radius));
    const int last = static_cast<int>(std::ceil(s + radius));
    float total = 0;  // over the whole kernel, so that ink past the crop's edge counts as paper
    for (int i = first; i <= last; ++i) total += std::max(0.0f, 1.0f - std::abs(i + 0.5f - s) / radius);
    if (total <= 0) continue;
    axis.first[u] = std::max(first, 0);
    for (int i = axis.first[u]; i <= std::min(last, source_size - 1); ++i) {
      axis.weights.push_back(std::max(0.0f, 1.0f - std::abs(i + 0.5f - s) / radius) / total);
    }
    axis.count[u] = static_cast<int>(axis.weights.size() - axis.offset[u]);
  }
  return axis;
}

// For each source pixel, the outputs [begin, end) that take it: a range, since both ends of the outputs'
// source ranges grow with u.
std::vector<std::pair<int, int>> OutputsOfSource(const AxisTaps& axis, int source_size) {
  std::vector<std::pair<int, int>> outputs(source_size, {0, 0});
  int begin = 0, end = 0;
  for (int i = 0; i < source_size; ++i) {
    while (begin < kInputSize && (axis.count[begin] == 0 || axis.first[begin] + axis.count[begin] <= i)) ++begin;
    end = std::max(end, begin);
    while (end < kInputSize && axis.count[end] > 0 && axis.first[end] <= i) ++end;
    outputs[i] = {begin, end};
  }
  return outputs;
}

// Most rows cross a stroke, so the typical run of inked pixels is as long as the pen is wide. Counted in a
// histogram, without a branch on the ink (lengths[0] takes every pixel that ends no run) and without sorting.
int StrokeWidth(const DigitImage& image) {
  std::array<int, kInputSize + 1> lengths{};  // how many runs are that many pixels long
  for (int y = 0; y < kInputSize; ++y) {
    const float* row = image.data() + y * kInputSize;
    int run = 0;
    for (int x = 0; x <= kInputSize; ++x) {
      const bool inked = x < kInputSize && row[x] > 0.5f;
      ++lengths[inked ? 0 : run];
      run = inked ? run + 1 : 0;
    }
  }
  lengths[0] = 0;
  int runs = 0;
  for (int count : lengths) runs += count;
  // The median: the run at index runs / 2 in order of length.
  for (int length = 1, before = 0; length <= kInputSize; before += lengths[length++]) {
    if (before + lengths[length] > runs / 2) return length;
  }
  return 0;
}

// Widens strokes by `amount` pixels in all: a 3x3 grey dilation adds two, blended in for fractions.
void Thicken(DigitImage& image, float amount) {
  for (; amount > 0; amount -= 2) {
    const float blend = std::min(1.0f, amount / 2);
    // The 3x3 maximum as the maximum of three along each row, then of three of those down each column:
    // the nine-pixel loop with its edge tests was a fifth of normalizing in V8. Ink is never negative, so
    // past the edge is paper.
    DigitImage across;
    for (int y = 0; y < kInputSize; ++y) {
      std::array<float, kInputSize + 2> row{};
      std::copy_n(image.data() + y * kInputSize, kInputSize, row.data() + 1);
      for (int x = 0; x < kInputSize; ++x) {
        across[y * kInputSize + x] = std::max(row[x], std::max(row[x + 1], row[x + 2]));
      }
    }
    const std::array<float, kInputSize> paper{};
    for (int y = 0; y < kInputSize; ++y) {
      const float* above = y > 0 ? across.data() + (y - 1) * kInputSize : paper.data();
      const float* below = y + 1 < kInputSize ? across.data() + (y + 1) * kInputSize : paper.data();
      const float* level = across.data() + y * kInputSize;
      float* out = image.data() + y * kInputSize;
      for (int x = 0; x < kInputSize; ++x) {
        const float widest = std::max(level[x], std::max(above[x], below[x]));
        out[x] += blend * (widest - out[x]);
      }
    }
  }
}

// target[i] += weight * source[i] for `count` values. The pointers never overlap; saying so lets the
// compiler use vectors without first testing for overlap.
void AddWeighted(const float* __restrict source, int count, float weight, float* __restrict target) {
  for (int i = 0; i < count; ++i) target[i] += weight * source[i];
}

// The same from ink levels, four at a time: left to itself, LLVM widens bytes to floats one lane at a time
// (in wasm, twelve instructions for four).
void AddWeighted(const uint8_t* source, int count, float weight, float* target) {
  int i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    v4u8 ink;
    std::memcpy(&ink, source + i, sizeof ink);
    v4f32 sum;
    std::memcpy(&sum, target + i, sizeof sum);
    sum += weight * __builtin_convertvector(__builtin_convertvector(ink, v4i32), v4f32);
    std::memcpy(target + i, &sum, sizeof sum);
  }
  for (; i < count; ++i) target[i] += weight * source[i];
}

}  // namespace

DigitImage NormalizeDigit(const InkPlane& plane, const std::vector<Run>& runs) {
  DigitImage image{};
  const Box box = BoundsOf(runs);
  if (box.empty()) return image;
  // The digit's own ink only: other digits' ink in its box stays out.
  int64_t mass = 0, moment_x = 0, moment_y = 0;  // in ink levels, exact
  for (const Run& run : runs) {
    const uint8_t* ink = plane.ink.data() + static_cast<size_t>(run.y) * plane.width;
    // Summed in int32, which vector code does four at a time, over stretches short enough not to overflow.
    constexpr int kStretch = 4096;
    for (int x0 = run.x0; x0 < run.x1; x0 += kStretch) {
      const int x1 = std::min(run.x1, x0 + kStretch);
      int32_t stretch_mass = 0, stretch_moment = 0;  // the moment about x0
      for (int x = x0; x < x1; ++x) {
        stretch_mass += ink[x];
        stretch_moment += ink[x] * (x - x0);
      }
      mass += stretch_mass;
      moment_x += stretch_moment + static_cast<int64_t>(stretch_mass) * (x0 - box.x0);
      moment_y += static_cast<int64_t>(stretch_mass) * (run.y - box.y0);
    }
  }
  if (mass <= 0) return image;
  // Pixel centres are half a pixel into the box.
  float centre_x = static_cast<float>(static_cast<double>(moment_x) / mass + 0.5);
  float centre_y = static_cast<float>(static_cast<double>(moment_y) / mass + 0.5);

  const float scale = static_cast<float>(kFitBox) / std::max(box.width(), box.height());
  // A lopsided digit (a 7 with a heavy bar) would be pushed partly out of the frame: keep it inside.
  const float half_view = kInputSize / 2.0f / scale;
  centre_x = std::clamp(centre_x, box.width() - half_view, half_view);
  centre_y = std::clamp(centre_y, box.height() - half_view, half_view);
  const AxisTaps rows = AxisWeights(box.height(), scale, centre_y);
  const AxisTaps cols = AxisWeights(box.width(), scale, centre_x);
  const std::vector<std::pair<int, int>> outputs_of_row = OutputsOfSource(rows, box.height());
  // Resampled along y straight from the runs, so that only inked pixels cost anything: row u of `shrunk`
  // holds output row u across the box's columns.
  const int width = box.width();
  std::vector<float> shrunk(static_cast<size_t>(kInputSize) * width, 0.0f);
  for (const Run& run : runs) {
    const uint8_t* ink = plane.ink.data() + static_cast<size_t>(run.y) * plane.width;
    const int source = run.y - box.y0;
    for (int u = outputs_of_row[source].first; u < outputs_of_row[source].second; ++u) {
      const float weight = rows.weights[rows.offset[u] + source - rows.first[u]] / 255.0f;
      float* target = shrunk.data() + static_cast<size_t>(u) * width + run.x0 - box.x0;
      AddWeighted(ink + run.x0, run.x1 - run.x0, weight, target);
    }
  }
  // Then along x. Transposed first, so that the x pass adds whole columns of kInputSize values (vector
  // code) where the rows as they are would add one value at a time.
  std::vector<float> columns(shrunk.size());
  for (int u = 0; u < kInputSize; ++u) {
    for (int x = 0; x < width; ++x) columns[static_cast<size_t>(x) * kInputSize + u] = shrunk[static_cast<size_t>(u) * width + x];
  }
  std::array<float, kInputSize * kInputSize> transposed{};  // [output x][output y]
  for (int u = 0; u < kInputSize; ++u) {
    float* target = transposed.data() + u * kInputSize;
    for (int t = 0; t < cols.count[u]; ++t) {
      const float weight = cols.weights[cols.offset[u] + t];
      AddWeighted(columns.data() + static_cast<size_t>(cols.first[u] + t) * kInputSize, kInputSize, weight, target);
    }
  }

  // A thin pen shrunk a lot leaves faint strokes; MNIST's strokes are solid. Stretch the darkest pixel to
  // full ink so that a hairline digit and a marker digit look alike to the network.
  const float peak = std::max(*std::max_element(transposed.begin(), transposed.end()), 1e-6f);
  for (int y = 0; y < kInputSize; ++y) {
    for (int x = 0; x < kInputSize; ++x) {
      image[y * kInputSize + x] = std::clamp(transposed[x * kInputSize + y] / peak, 0.0f, 1.0f);
    }
  }
  Thicken(image, kMinStrokeWidth - StrokeWidth(image));
  return image;
}

DigitImage Shifted(const DigitImage& image, int dx, int dy) {
  DigitImage out{};
  for (int y = std::max(0, dy); y < std::min(kInputSize, kInputSize + dy); ++y) {
    for (int x = std::max(0, dx); x < std::min(kInputSize, kInputSize + dx); ++x) {
      out[y * kInputSize + x] = image[(y - dy) * kInputSize + x - dx];
    }
  }
  return out;
}

namespace {

// The softening kernel along one axis: (dx, dy) steps from a pixel to its neighbour on it. Past the edge is paper.
DigitImage SoftenedAlong(const DigitImage& image, int dx, int dy) {
  constexpr float kCentre = 1 - 2 * kSoftening;
  auto at = [&](int x, int y) {
    return x >= 0 && x < kInputSize && y >= 0 && y < kInputSize ? image[y * kInputSize + x] : 0.0f;
  };
  DigitImage out{};
  for (int y = 0; y < kInputSize; ++y) {
    for (int x = 0; x < kInputSize; ++x) {
      out[y * kInputSize + x] = kCentre * at(x, y) + kSoftening * (at(x - dx, y - dy) + at(x + dx, y + dy));
    }
  }
  return out;
}

}  // namespace

DigitImage Softened(const DigitImage& image) { return SoftenedAlong(SoftenedAlong(image, 1, 0), 0, 1); }

}  // namespace digits
