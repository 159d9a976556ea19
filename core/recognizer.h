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

// Classes 0 to 9 are the digits; a model may add class 10, "not a digit", and then class 11, "touching digits":
// ink of two or more digits, which is no digit either but should be cut rather than read as one mark. A model
// of 11 classes counts touching digits as not a digit.
constexpr int kDigitClasses = 10;
constexpr int kNotADigit = 10;
constexpr int kTouchingDigits = 11;
// The best digits listed with each reading.
constexpr int kAlternatives = 3;

// The model's not-a-digit threshold is fitted for marks on their own; written beside digits, a mark is a digit
// far more often. So in a number that holds digits, a mark turned away reads as its likeliest digit after all
// unless "not a digit" is this many times likelier, in odds, than the threshold asks.
constexpr double kNotADigitOddsInNumber = 10;
void DecideBesideDigits(float not_a_digit_from, NumberReading* number);

class Recognizer {
 public:
  // With the weights compiled into the binary.
  static Status Create(Recognizer* recognizer);
  static Status CreateFromWeights(const uint8_t* bytes, size_t size, Recognizer* recognizer);

  // Reads every number on an RGBA canvas (width * height * 4 bytes, row-major).
  Status Recognize(const uint8_t* rgba, int width, int height, size_t byte_length, Reading* reading) const;

  // Reads one normalized mark. A closer look (`again`) averages the probabilities of the image and of the
  // image shifted kSecondLookShift pixels each way: a small ensemble, asked for only where the first look
  // hesitated. One pixel suited the int8 model before this one best (46 MNIST misreads in 10,000; 2 pixels: 54).
  static constexpr int kSecondLookShift = 1;
  DigitReading Classify(const DigitImage& image, bool again = false) const;
  const Network& network() const { return network_; }

 private:
  Eigen::VectorXf Probabilities(const DigitImage& image) const;  // calibrated, over all classes

  Network network_;
};

}  // namespace digits
