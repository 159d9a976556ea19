// The whole pipeline: canvas pixels in, numbers out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "find_digits.h"
#include "network.h"
#include "reading.h"
#include "status.h"

namespace digits {

// Classes 0 to 9 are the digits; a model may add class 10, "not a digit".
constexpr int kDigitClasses = 10;
constexpr int kNotADigit = 10;
// The best digits listed with each reading.
constexpr int kAlternatives = 3;

class Recognizer {
 public:
  // With the weights compiled into the binary.
  static Status Create(Recognizer* recognizer);
  static Status CreateFromWeights(const uint8_t* bytes, size_t size, Recognizer* recognizer);

  // Reads every number on an RGBA canvas (width * height * 4 bytes, row-major).
  Status Recognize(const uint8_t* rgba, int width, int height, size_t byte_length, Reading* reading) const;

  DigitReading Classify(const DigitImage& image) const;
  const Network& network() const { return network_; }

 private:
  Network network_;
};

}  // namespace digits
