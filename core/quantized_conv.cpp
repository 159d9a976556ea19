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
      for (int c = 0; c < inputs_; ++c) target[c] = static_cast<int16_t>(std::nearbyint(source[c] * steps));
    }
  }
  return out;
}

// Each output pixel sums, over its window's taps and the pairs of input channels there, one broadcast
// pair of activations times the pairs' weights for a block of outputs. Pairs of zeros (paper, and
// whatever ReLU cut) are skipped.
Activations QuantizedConv::Run(const Activations& in, int side) const {
  float unit = 0;
  const std::vector<int16_t> input = QuantizeInput(in, side, &unit);
  const int pad = kernel_ / 2, framed = side + 2 * pad, taps = kernel_ * kernel_, pairs = this->pairs();
  const int blocks = (outputs_ + kBlock - 1) / kBlock;
  Activations out(side * side, outputs_);
  for (int block = 0; block < blocks; ++block) {
    const auto* block_weights =
        reinterpret_cast<const v8i16_unaligned*>(packed_.data()) + static_cast<size_t>(block) * taps * pairs * 4;
    v4f32 scale[4], bias[4];
    for (int j = 0; j < 4; ++j) {
      std::memcpy(&scale[j], scale_.data() + block * kBlock + j * kLanes, sizeof scale[j]);
      std::memcpy(&bias[j], bias_.data() + block * kBlock + j * kLanes, sizeof bias[j]);
      scale[j] *= unit;
    }
    const int valid = std::min(kBlock, outputs_ - block * kBlock);
    for (int y = 0; y < side; ++y) {
      for (int x = 0; x < side; ++x) {
        v4i32 sum[4] = {};
        const v8i16_unaligned* w = block_weights;
        for (int dy = 0; dy < kernel_; ++dy) {
          const int16_t* row = input.data() + (static_cast<size_t>(y + dy) * framed + x) * 2 * pairs;
          for (int i = 0; i < kernel_ * pairs; ++i, w += 4) {
            int32_t pair;
            std::memcpy(&pair, row + 2 * i, sizeof pair);
            if (pair == 0) continue;
            const v8i16 a = reinterpret_cast<v8i16>(v4i32{pair, pair, pair, pair});
            sum[0] += DotPairs(a, w[0]);
            sum[1] += DotPairs(a, w[1]);
            sum[2] += DotPairs(a, w[2]);
            sum[3] += DotPairs(a, w[3]);
          }
        }
        float result[kBlock];
        for (int j = 0; j < 4; ++j) {
          v4f32 value = __builtin_convertvector(sum[j], v4f32) * scale[j] + bias[j];
          if (relu_) value = value > 0 ? value : 0;
          std::memcpy(result + j * kLanes, &value, sizeof value);
        }
        std::copy_n(result, valid, out.row(y * side + x).data() + block * kBlock);
      }
    }
  }
  return out;
}

}  // namespace digits
