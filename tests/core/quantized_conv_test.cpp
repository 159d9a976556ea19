#include "quantized_conv.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace digits {
namespace {

struct Layer {
  int inputs, outputs;
  bool relu;
  std::vector<int8_t> weights;  // [outputs][3][3][inputs], as the weights file stores them
  std::vector<float> scale, bias;
};

Layer RandomLayer(int inputs, int outputs, bool relu, std::mt19937& random) {
  Layer layer{inputs, outputs, relu, {}, {}, {}};
  std::uniform_int_distribution<int> weight(-128, 127);
  std::uniform_real_distribution<float> real(-1.0f, 1.0f);
  for (int i = 0; i < outputs * 9 * inputs; ++i) layer.weights.push_back(static_cast<int8_t>(weight(random)));
  for (int o = 0; o < outputs; ++o) layer.scale.push_back(0.01f * (1.5f + real(random)));
  for (int o = 0; o < outputs; ++o) layer.bias.push_back(real(random));
  return layer;
}

// Activations as a layer after ReLU leaves them: mostly paper (zero) around the ink, nonnegative.
Activations RandomActivations(int side, int channels, std::mt19937& random) {
  std::uniform_real_distribution<float> value(0.0f, 3.0f);
  Activations a = Activations::Zero(side * side, channels);
  for (int y = side / 4; y < side - side / 4; ++y) {
    for (int x = side / 5; x < side - side / 3; ++x) {
      for (int c = 0; c < channels; ++c) a(y * side + x, c) = value(random) < 1.0f ? 0.0f : value(random);
    }
  }
  return a;
}

// The convolution in float, directly from its definition: "same" padding, correlation as CNNs compute it.
Activations Reference(const Layer& layer, const Activations& in, int side) {
  Activations out(side * side, layer.outputs);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      for (int o = 0; o < layer.outputs; ++o) {
        double sum = 0;
        for (int ky = 0; ky < 3; ++ky) {
          for (int kx = 0; kx < 3; ++kx) {
            const int iy = y + ky - 1, ix = x + kx - 1;
            if (iy < 0 || ix < 0 || iy >= side || ix >= side) continue;
            for (int c = 0; c < layer.inputs; ++c) {
              sum += in(iy * side + ix, c) * layer.weights[((o * 3 + ky) * 3 + kx) * layer.inputs + c];
            }
          }
        }
        const float value = static_cast<float>(sum) * layer.scale[o] + layer.bias[o];
        out(y * side + x, o) = layer.relu && value < 0 ? 0.0f : value;
      }
    }
  }
  return out;
}

// The shipped network's shapes and a few that exercise the edges: one input channel, odd channel and output
// counts, a last block of outputs that is partly empty, odd image sides.
struct Shape {
  int side, inputs, outputs;
  bool relu;
};
const Shape kShapes[] = {{28, 1, 16, true},  {28, 16, 16, true}, {14, 16, 40, true}, {14, 40, 40, true},
                         {7, 40, 72, true},  {7, 3, 5, false},   {5, 17, 33, true},  {1, 2, 16, false},
                         {9, 40, 72, false}, {2, 1, 1, true}};

TEST(QuantizedConv, MatchesTheConvolutionInFloat) {
  std::mt19937 random(5);
  for (const Shape& shape : kShapes) {
    const Layer layer = RandomLayer(shape.inputs, shape.outputs, shape.relu, random);
    const QuantizedConv conv(layer.inputs, layer.outputs, layer.relu, layer.weights.data(), layer.scale.data(),
                             layer.bias.data());
    const Activations in = RandomActivations(shape.side, shape.inputs, random);
    const Activations expected = Reference(layer, in, shape.side), actual = conv.Run(in, shape.side);
    ASSERT_EQ(actual.rows(), expected.rows());
    ASSERT_EQ(actual.cols(), expected.cols());
    // Rounding the activations to int16 errs by half a step of the layer's largest value on each of the
    // 9 * inputs terms; the errors mostly cancel, so a small multiple of the largest output bounds them.
    const float tolerance = 1e-3f * (expected.cwiseAbs().maxCoeff() + 1.0f);
    EXPECT_LE((actual - expected).cwiseAbs().maxCoeff(), tolerance)
        << shape.side << "x" << shape.side << ", " << shape.inputs << " -> " << shape.outputs;
  }
}

TEST(QuantizedConv, PaperGivesTheBias) {
  std::mt19937 random(6);
  const Layer layer = RandomLayer(4, 20, true, random);
  const QuantizedConv conv(layer.inputs, layer.outputs, layer.relu, layer.weights.data(), layer.scale.data(),
                           layer.bias.data());
  const Activations out = conv.Run(Activations::Zero(6 * 6, 4), 6);
  for (int p = 0; p < 36; ++p) {
    for (int o = 0; o < 20; ++o) EXPECT_EQ(out(p, o), std::max(0.0f, layer.bias[o])) << "pixel " << p;
  }
}

}  // namespace
}  // namespace digits
