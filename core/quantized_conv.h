// A 3x3 "same" convolution (stride 1) on int16 activations and int8 weights, by Winograd's minimal filtering
// F(2x2, 3x3): each 2x2 block of outputs costs 16 multiplies per input and output channel rather than 36.
// The arithmetic is exact in integers (the transformed weights are whole numbers at four times their
// value), accumulated in int32 with the dot-product instruction that SSE2 and wasm SIMD share (simd.h).
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Core>

namespace digits {

// Activations between layers: one row per pixel (row-major over the image), one column per channel.
using Activations = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class QuantizedConv {
 public:
  static constexpr int kKernel = 3;

  QuantizedConv() = default;
  // `weights` as the weights file stores them: int8 [outputs][3][3][inputs]; the real weight is
  // scale[o] * weights[o][...]. ReLU, when asked for, is applied to the outputs.
  QuantizedConv(int inputs, int outputs, bool relu, const int8_t* weights, const float* scale, const float* bias);

  // `in` holds side * side pixels of `inputs` channels; the result, side * side pixels of `outputs`.
  Activations Run(const Activations& in, int side) const;

  // Outputs are computed this many at a time, in four int32 vectors per tile that stay in registers.
  static constexpr int kBlock = 16;

  struct Tiles;  // the transformed input, as the kernels in quantized_conv.cpp read it

 private:
  Tiles TransformInput(const Activations& in, int side, float* unit) const;
  int pairs() const { return (inputs_ + 1) / 2; }

  int inputs_ = 0, outputs_ = 0;
  bool relu_ = false;
  // Per output block, point of the transformed tile and pair of input channels: four vectors of eight
  // int16, vector j holding outputs 4j..4j+3 of the block, each as its (even channel, odd channel)
  // transformed weights side by side: what DotPairs needs against a broadcast pair of activations.
  // Missing channels and outputs are zero.
  std::vector<int16_t> packed_;
  std::vector<float> scale_, bias_;  // per output, padded with zeros to whole blocks
};

}  // namespace digits
