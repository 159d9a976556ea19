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
  // Used to split groups, not in JSON: the probability that the mark is a digit at all, and that it is a mark
  // that is no digit (rather than digits touching, read as one mark).
  float is_digit = 1;
  float is_mark = 0;
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
