// What the recognizer read: the shape shared by recognize() in JavaScript and the CLI's JSON lines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "box.h"

namespace digits {

struct Alternative {
  int digit;
  float confidence;
};

struct DigitReading {
  std::optional<int> digit;  // empty when the mark is not a digit; shown as '?'
  float confidence = 0;      // calibrated probability that `digit` is right (for '?': that it is no digit)
  Box box;                   // in canvas pixels
  // The likeliest digits, best first, each with its probability given that the mark is a digit.
  std::vector<Alternative> alternatives;
  float is_digit = 1;  // probability that the mark is a digit at all; used to split groups, not in JSON
};

struct NumberReading {
  std::string text;
  std::vector<DigitReading> digits;
};

struct Reading {
  std::vector<NumberReading> numbers;
};

std::string ToJson(const Reading& reading);

}  // namespace digits
