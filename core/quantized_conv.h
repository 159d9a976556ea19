// A "same" convolution (stride 1, odd kernel) on int16 activations and int8 weights widened to int16,
// accumulated in int32 with the dot-product instruction that SSE2 and wasm SIMD share (simd.h).
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace digits {

// Activations between layers: one row per pixel (row-major over the image), one column per channel.
using Activations = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class QuantizedConv {
 public:
  QuantizedConv() = default;
  // `weights` as the weights file stores them: int8 [outputs][kernel][kernel][inputs]; the real weight is
  // scale[o] * weights[o][...]. ReLU, when asked for, is applied to the outputs.
  QuantizedConv(int inputs, int outputs, int kernel, bool relu, const int8_t* weights, const float* scale,
                const float* bias);

  // `in` holds side * side pixels of `inputs` channels; the result, side * side pixels of `outputs`.
  Activations Run(const Activations& in, int side) const;

  // Outputs are computed this many at a time, in four int32 vectors that stay in registers.
  static constexpr int kBlock = 16;

 private:
  struct FramedInput {
    std::vector<int16_t> values;
    std::vector<uint8_t> inked;  // per pixel of the frame: whether any of its channels is nonzero
  };
  FramedInput QuantizeInput(const Activations& in, int side, float* unit) const;
  int pairs() const { return (inputs_ + 1) / 2; }

  int inputs_ = 0, outputs_ = 0, kernel_ = 0;
  bool relu_ = false;
  // Per output block, tap and pair of input channels: four vectors of eight int16, vector j holding
  // outputs 4j..4j+3 of the block, each as its (even channel, odd channel) weights side by side: what
  // DotPairs needs against a broadcast pair of activations. Missing channels and outputs are zero.
  std::vector<int16_t> packed_;
  std::vector<float> scale_, bias_;  // per output, padded with zeros to whole blocks
};

}  // namespace digits
