#include "normalize.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace digits {

namespace {

// Resampling weights from `source_size` source pixels to kInputSize output pixels along one axis, where
// output coordinate u sees source coordinate (u - kInputSize / 2) / scale + centre. A triangle filter
// as wide as a source pixel or an output pixel, whichever is wider, so shrinking averages instead of
// skipping thin strokes. Sparse, so the cost follows the ink rather than 28 times it; in the storage
// order the caller walks it in.
template <int kOrder>
Eigen::SparseMatrix<float, kOrder> AxisWeights(int source_size, float scale, float centre) {
  std::vector<Eigen::Triplet<float>> taps;
  const float radius = std::max(1.0f, 1.0f / scale);
  for (int u = 0; u < kInputSize; ++u) {
    const float s = (u + 0.5f - kInputSize / 2.0f) / scale + centre;  // in source pixel units
    const int first = static_cast<int>(std::floor(s - radius));
    const int last = static_cast<int>(std::ceil(s + radius));
    float total = 0;  // over the whole kernel, so that ink past the crop's edge counts as paper
    for (int i = first; i <= last; ++i) total += std::max(0.0f, 1.0f - std::abs(i + 0.5f - s) / radius);
    if (total <= 0) continue;
    for (int i = std::max(first, 0); i <= std::min(last, source_size - 1); ++i) {
      const float tap = std::max(0.0f, 1.0f - std::abs(i + 0.5f - s) / radius) / total;
      if (tap > 0) taps.emplace_back(u, i, tap);
    }
  }
  Eigen::SparseMatrix<float, kOrder> weights(kInputSize, source_size);
  weights.setFromTriplets(taps.begin(), taps.end());
  return weights;
}

// Most rows cross a stroke, so the typical run of inked pixels is as long as the pen is wide.
int StrokeWidth(const DigitImage& image) {
  std::vector<int> runs;
  for (int y = 0; y < kInputSize; ++y) {
    const float* row = image.data() + y * kInputSize;
    for (int x = 0; x < kInputSize;) {
      if (row[x] <= 0.5f) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < kInputSize && row[x] > 0.5f) ++x;
      runs.push_back(x - start);
    }
  }
  if (runs.empty()) return 0;
  std::nth_element(runs.begin(), runs.begin() + static_cast<long>(runs.size() / 2), runs.end());
  return runs[runs.size() / 2];
}

// Widens strokes by `amount` pixels in all: a 3x3 grey dilation adds two, blended in for fractions.
void Thicken(DigitImage& image, float amount) {
  for (; amount > 0; amount -= 2) {
    const DigitImage before = image;
    const float blend = std::min(1.0f, amount / 2);
    for (int y = 0; y < kInputSize; ++y) {
      for (int x = 0; x < kInputSize; ++x) {
        float widest = 0;
        for (int dy = std::max(0, y - 1); dy <= std::min(kInputSize - 1, y + 1); ++dy) {
          for (int dx = std::max(0, x - 1); dx <= std::min(kInputSize - 1, x + 1); ++dx) {
            widest = std::max(widest, before[dy * kInputSize + dx]);
          }
        }
        float& v = image[y * kInputSize + x];
        v += blend * (widest - v);
      }
    }
  }
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
    int64_t row_mass = 0;
    for (int x = run.x0; x < run.x1; ++x) {
      row_mass += ink[x];
      moment_x += ink[x] * (x - box.x0);
    }
    mass += row_mass;
    moment_y += row_mass * (run.y - box.y0);
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
  const auto rows = AxisWeights<Eigen::ColMajor>(box.height(), scale, centre_y);
  const auto cols = AxisWeights<Eigen::RowMajor>(box.width(), scale, centre_x);
  // Resampled along y straight from the runs, so that only inked pixels cost anything; then along x.
  Eigen::Matrix<float, kInputSize, Eigen::Dynamic, Eigen::RowMajor> shrunk_rows(kInputSize, box.width());
  shrunk_rows.setZero();
  for (const Run& run : runs) {
    const uint8_t* ink = plane.ink.data() + static_cast<size_t>(run.y) * plane.width;
    for (Eigen::SparseMatrix<float>::InnerIterator tap(rows, run.y - box.y0); tap; ++tap) {
      const float weight = tap.value() / 255.0f;
      float* target = shrunk_rows.row(tap.row()).data();
      for (int x = run.x0; x < run.x1; ++x) target[x - box.x0] += weight * ink[x];
    }
  }
  // Transposed first, so that the x pass adds whole rows of kInputSize values (vector code) where the
  // product with the rows as they are would add one value at a time.
  const Eigen::Matrix<float, Eigen::Dynamic, kInputSize, Eigen::RowMajor> shrunk_columns = shrunk_rows.transpose();
  const Eigen::Matrix<float, kInputSize, kInputSize, Eigen::RowMajor> transposed = cols * shrunk_columns;

  // A thin pen shrunk a lot leaves faint strokes; MNIST's strokes are solid. Stretch the darkest pixel to
  // full ink so that a hairline digit and a marker digit look alike to the network.
  const float peak = std::max(transposed.maxCoeff(), 1e-6f);
  for (int y = 0; y < kInputSize; ++y) {
    for (int x = 0; x < kInputSize; ++x) image[y * kInputSize + x] = std::clamp(transposed(x, y) / peak, 0.0f, 1.0f);
  }
  Thicken(image, kMinStrokeWidth - StrokeWidth(image));
  return image;
}

}  // namespace digits
