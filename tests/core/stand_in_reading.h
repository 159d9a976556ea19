// The reading a stand-in classifier gives in the core's tests: one digit at one confidence, its only
// alternative, and a chance that the mark is a digit at all.
#pragma once

#include "reading.h"

namespace digits {

inline DigitReading StandInReading(int digit, float confidence, float is_digit = 1) {
  DigitReading reading;
  reading.digit = digit;
  reading.confidence = confidence;
  reading.alternatives = {{digit, confidence}};
  reading.is_digit = is_digit;
  return reading;
}

}  // namespace digits
