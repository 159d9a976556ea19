#include "reading.h"

#include <cmath>
#include <cstdio>

namespace digits {

namespace {

// Confidences with four decimals: enough to rank, short enough to read.
std::string Number(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", std::round(value * 1e4f) / 1e4f);
  return text;
}

std::string BoxJson(const Box& b) {
  return "{\"x\":" + std::to_string(b.x0) + ",\"y\":" + std::to_string(b.y0) +
         ",\"width\":" + std::to_string(b.width()) + ",\"height\":" + std::to_string(b.height()) + "}";
}

std::string DigitJson(const DigitReading& d) {
  std::string json = "{\"digit\":" + (d.digit ? std::to_string(*d.digit) : "null") +
                     ",\"confidence\":" + Number(d.confidence) + ",\"box\":" + BoxJson(d.box) +
                     ",\"alternatives\":[";
  for (size_t i = 0; i < d.alternatives.size(); ++i) {
    if (i > 0) json += ',';
    json += "{\"digit\":" + std::to_string(d.alternatives[i].digit) +
            ",\"confidence\":" + Number(d.alternatives[i].confidence) + "}";
  }
  return json + "]}";
}

}  // namespace

std::string ToJson(const Reading& reading) {
  std::string json = "{\"numbers\":[";
  for (size_t n = 0; n < reading.numbers.size(); ++n) {
    const NumberReading& number = reading.numbers[n];
    if (n > 0) json += ',';
    json += "{\"text\":\"" + number.text + "\",\"digits\":[";  // text holds only digits and '?'
    for (size_t d = 0; d < number.digits.size(); ++d) {
      if (d > 0) json += ',';
      json += DigitJson(number.digits[d]);
    }
    json += "]}";
  }
  return json + "]}";
}

}  // namespace digits
