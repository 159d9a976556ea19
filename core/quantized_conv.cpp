#include "quantized_conv.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

#include "simd.h"

namespace digits {

namespace {

constexpr int kLanes = 4;          // int32 (or float) lanes in a vector
constexpr int kWeightMagnitude = 128;  // int8 weights lie in [-128, 127]

// To the nearest integer, halves away from zero. Unlike std::nearbyint, inline on every target, so the
// loop over a pixel's channels vectorizes.
int16_t Round(float value) { return static_cast<int16_t>(value + (value >= 0 ? 0.5f : -0.5f)); }

// A whole block of outputs is one fixed-size copy (vector stores); only a model whose output count is
// not a multiple of the block has a shorter last one.
void StoreBlock(const float* block, int valid, float* target) {
  if (valid == QuantizedConv::kBlock) std::memcpy(target, block, QuantizedConv::kBlock * sizeof(float));
  else std::copy_n(block, valid, target);
}

}  // namespace

QuantizedConv::QuantizedConv(int inputs, int outputs, int kernel, bool relu, const int8_t* weights,
                             const float* scale, const float* bias)
    : inputs_(inputs), outputs_(outputs), kernel_(kernel), relu_(relu) {
  const int taps = kernel * kernel, blocks = (outputs + kBlock - 1) / kBlock;
  packed_.assign(static_cast<size_t>(blocks) * taps * pairs() * kBlock * 2, 0);
  scale_.assign(static_cast<size_t>(blocks) * kBlock, 0.0f);
  bias_.assign(scale_.size(), 0.0f);
  for (int o = 0; o < outputs; ++o) {
    scale_[o] = scale[o];
    bias_[o] = bias[o];
    const int block = o / kBlock, vector = o % kBlock / kLanes, lane = o % kLanes;
    for (int t = 0; t < taps; ++t) {
      for (int c = 0; c < inputs; ++c) {
        const size_t at = ((static_cast<size_t>(block) * taps + t) * pairs() + c / 2) * kBlock * 2;
        packed_[at + vector * 8 + lane * 2 + c % 2] = weights[(static_cast<size_t>(o) * taps + t) * inputs + c];
      }
    }
  }
}

// The activations as int16 in a frame of zeros `kernel / 2` wide (the "same" padding), each pixel's
// channels padded to an even count. The largest magnitude maps to the largest value for which no sum of
// products can overflow int32; `unit` receives the real value of one step.
std::vector<int16_t> QuantizedConv::QuantizeInput(const Activations& in, int side, float* unit) const {
  const int pad = kernel_ / 2, framed = side + 2 * pad, channels = 2 * pairs();
  std::vector<int16_t> out(static_cast<size_t>(framed) * framed * channels, 0);
  const float largest = in.cwiseAbs().maxCoeff();
  const long long fan_in = static_cast<long long>(kernel_) * kernel_ * channels;
  const float limit = static_cast<float>(std::min<long long>(SHRT_MAX, INT_MAX / (fan_in * kWeightMagnitude)));
  *unit = largest / limit;
  if (!(largest > 0)) return out;
  const float steps = limit / largest;
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      const float* source = in.row(y * side + x).data();
      int16_t* target = out.data() + (static_cast<size_t>(y + pad) * framed + x + pad) * channels;
      for (int c = 0; c < inputs_; ++c) target[c] = Round(source[c] * steps);
    }
  }
  return out;
}

namespace {

constexpr int kVectors = QuantizedConv::kBlock / kLanes;  // int32 accumulators per output pixel
using BlockSums = v4i32[kVectors];

// Where one output pixel's window lies in the framed int16 input.
struct Window {
  int rows;                 // the kernel side
  int row_pairs;            // channel pairs across one row of the window
  int pixel_stride;         // int16 values per input pixel
  size_t row_stride;        // int16 values per input row
};

// Adds to `sums` the window sums of kPixels horizontally adjacent output pixels for one block of outputs:
// over the window's rows and the channel pairs along each, one broadcast pair of activations times the
// pair's weights. Neighbours share each weight load. Pairs that are zero in every pixel (paper, and what
// ReLU cut) are skipped.
template <int kPixels>
void Accumulate(const int16_t* window, const Window& shape, const v8i16_unaligned* weights,
                BlockSums (&sums)[kPixels]) {
  for (int dy = 0; dy < shape.rows; ++dy, window += shape.row_stride) {
    for (int i = 0; i < shape.row_pairs; ++i, weights += kVectors) {
      int32_t pairs[kPixels], any = 0;
      for (int p = 0; p < kPixels; ++p) {
        std::memcpy(&pairs[p], window + p * shape.pixel_stride + 2 * i, sizeof pairs[p]);
        any |= pairs[p];
      }
      if (any == 0) continue;
      for (int p = 0; p < kPixels; ++p) {
        const v8i16 a = reinterpret_cast<v8i16>(v4i32{pairs[p], pairs[p], pairs[p], pairs[p]});
        for (int j = 0; j < kVectors; ++j) sums[p][j] += DotPairs(a, weights[j]);
      }
    }
  }
}

}  // namespace

// Output pixels are computed two at a time along each row, block of outputs by block.
Activations QuantizedConv::Run(const Activations& in, int side) const {
  float unit = 0;
  const std::vector<int16_t> input = QuantizeInput(in, side, &unit);
  const int framed = side + kernel_ - 1, taps = kernel_ * kernel_, channels = 2 * pairs();
  const Window shape{kernel_, kernel_ * pairs(), channels, static_cast<size_t>(framed) * channels};
  const int blocks = (outputs_ + kBlock - 1) / kBlock;
  Activations out(side * side, outputs_);
  for (int block = 0; block < blocks; ++block) {
    const auto* weights = reinterpret_cast<const v8i16_unaligned*>(packed_.data()) +
                          static_cast<size_t>(block) * taps * pairs() * kVectors;
    v4f32 scale[kVectors], bias[kVectors];
    for (int j = 0; j < kVectors; ++j) {
      std::memcpy(&scale[j], scale_.data() + block * kBlock + j * kLanes, sizeof scale[j]);
      std::memcpy(&bias[j], bias_.data() + block * kBlock + j * kLanes, sizeof bias[j]);
      scale[j] *= unit;
    }
    const int valid = std::min(kBlock, outputs_ - block * kBlock);
    auto finish = [&](const BlockSums& sums, int y, int x) {
      float result[kBlock];
      for (int j = 0; j < kVectors; ++j) {
        v4f32 value = __builtin_convertvector(sums[j], v4f32) * scale[j] + bias[j];
        if (relu_) value = value > 0 ? value : 0;
        std::memcpy(result + j * kLanes, &value, sizeof value);
      }
      StoreBlock(result, valid, out.row(y * side + x).data() + block * kBlock);
    };
    for (int y = 0; y < side; ++y) {
      const int16_t* row = input.data() + y * shape.row_stride;
      int x = 0;
      for (; x + 2 <= side; x += 2) {
        BlockSums sums[2] = {};
        Accumulate<2>(row + x * channels, shape, weights, sums);
        finish(sums[0], y, x);
        finish(sums[1], y, x + 1);
      }
      if (x < side) {
        BlockSums sums[1] = {};
        Accumulate<1>(row + x * channels, shape, weights, sums);
        finish(sums[0], y, x);
      }
    }
  }
  return out;
}

}  // namespace digits
