// The digit classifier: a small CNN read from the weights file format (weights/FORMAT.md). Convolutions run
// on int16 activations (quantized_conv.h); pooling and the dense layer in float with Eigen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "normalize.h"
#include "quantized_conv.h"
#include "status.h"

namespace digits {

constexpr char kWeightsMagic[4] = {'H', 'W', 'D', 'W'};
constexpr uint32_t kWeightsVersion = 1;

class Network {
 public:
  // Validates magic, version, checksum and every layer's shape, then prepares the weights for the kernels.
  static Status Load(const uint8_t* bytes, size_t size, Network* network);

  // Raw scores, one per class, for a normalized digit.
  Eigen::VectorXf Logits(const DigitImage& image) const;

  int class_count() const { return class_count_; }
  // Softmax temperature fitted after training so that confidences are calibrated.
  float temperature() const { return temperature_; }
  // A mark reads as "not a digit" when that class's calibrated probability reaches this.
  float not_a_digit_from() const { return not_a_digit_from_; }

 private:
  enum class Kind : uint32_t { kConv = 1, kMaxPool = 2, kDense = 3 };
  struct Layer {
    Kind kind;
    QuantizedConv conv;  // kConv, ReLU included
    // kDense: outputs x inputs, dequantized; the layer is small, and float keeps the logits exact.
    Eigen::MatrixXf weights;
    Eigen::RowVectorXf bias;
    bool relu = false;
  };

  class Reader;
  Status ReadLayers(Reader& reader);
  static Activations MaxPool(const Activations& in, int side);

  int class_count_ = 0;
  float temperature_ = 1;
  float not_a_digit_from_ = 1;
  std::vector<Layer> layers_;
};

}  // namespace digits
