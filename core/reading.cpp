#include "reading.h"

#include <algorithm>
#include <cmath>

namespace digits {

namespace {

// A probability with four decimals, trailing zeros dropped: enough to rank, short enough to read. Written
// by hand because printf would add 8 KB to the wasm.
std::string Probability(float value) {
  const long tenths_of_thousandths = std::lround(std::clamp(value, 0.0f, 1.0f) * 1e4f);
  if (tenths_of_thousandths == 10000) return "1";
  std::string text = "0.";
  for (long unit = 1000; unit > 0; unit /= 10) text += static_cast<char>('0' + tenths_of_thousandths / unit % 10);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string BoxJson(const Box& b) {
  return "{\"x\":" + std::to_string(b.x0) + ",\"y\":" + std::to_string(b.y0) +
         ",\"width\":" + std::to_string(b.width()) + ",\"height\":" + std::to_string(b.height()) + "}";
}

std::string DigitJson(const DigitReading& d) {
  std::string json = "{\"digit\":" + (d.digit ? std::to_string(*d.digit) : "null") +
                     ",\"confidence\":" + Probability(d.confidence) + ",\"box\":" + BoxJson(d.box) +
                     ",\"alternatives\":[";
  for (size_t i = 0; i < d.alternatives.size(); ++i) {
    if (i > 0) json += ',';
    json += "{\"digit\":" + std::to_string(d.alternatives[i].digit) +
            ",\"confidence\":" + Probability(d.alternatives[i].confidence) + "}";
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
