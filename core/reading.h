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
  std::vector<Alternative> alternatives;  // the best digits, most likely first
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
