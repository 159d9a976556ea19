#include "recognizer.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "components.h"
#include "embedded_model.h"
#include "ink.h"
#include "join_stacked.h"
#include "layout.h"
#include "normalize.h"
#include "segment.h"
#include "split_group.h"

namespace digits {

Status Recognizer::Create(Recognizer* recognizer) {
  return CreateFromWeights(kEmbeddedModel, kEmbeddedModelSize, recognizer);
}

Status Recognizer::CreateFromWeights(const uint8_t* bytes, size_t size, Recognizer* recognizer) {
  if (recognizer == nullptr) return Status::Error(StatusCode::kNullPointer, "recognizer is null");
  Status status = Network::Load(bytes, size, &recognizer->network_);
  const int classes = recognizer->network_.class_count();
  if (status.ok() && (classes < kDigitClasses || classes > kTouchingDigits + 1)) {
    return Status::Error(StatusCode::kBadModel, "weights: the model must have 10, 11 or 12 classes");
  }
  return status;
}

namespace {

// "Not a digit" must be likely beyond the threshold: below it, the best digit is the better bet.
void Decide(float not_a_digit_from, DigitReading* reading) {
  const float not_a_digit = 1.0f - reading->is_digit;
  if (not_a_digit >= not_a_digit_from) {
    reading->digit.reset();
    reading->confidence = not_a_digit;
  } else {
    reading->digit = reading->alternatives[0].digit;
    reading->confidence = reading->alternatives[0].confidence;
  }
}

}  // namespace

Eigen::VectorXf Recognizer::Probabilities(const DigitImage& image) const {
  const Eigen::VectorXf logits = network_.Logits(Softened(image)) / network_.temperature();
  const Eigen::VectorXf odds = (logits.array() - logits.maxCoeff()).exp();
  return odds / odds.sum();
}

DigitReading Recognizer::Classify(const DigitImage& image, bool again) const {
  Eigen::VectorXf probabilities = Probabilities(image);
  if (again) {
    constexpr std::array<std::pair<int, int>, 4> kDirections{{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}};
    for (const auto& [dx, dy] : kDirections) {
      probabilities += Probabilities(Shifted(image, dx * kSecondLookShift, dy * kSecondLookShift));
    }
    probabilities /= static_cast<float>(kDirections.size() + 1);  // and the image as it is
  }
  const int classes = network_.class_count();
  const float not_a_digit = probabilities.tail(classes - kDigitClasses).sum();  // a mark, or touching digits
  // Each digit's probability given that the mark is a digit at all.
  const Eigen::VectorXf digits = probabilities.head(kDigitClasses) / probabilities.head(kDigitClasses).sum();

  std::array<int, kDigitClasses> order;
  std::iota(order.begin(), order.end(), 0);
  std::partial_sort(order.begin(), order.begin() + kAlternatives, order.end(),
                    [&](int a, int b) { return digits[a] > digits[b]; });
  DigitReading reading;
  for (int i = 0; i < kAlternatives; ++i) reading.alternatives.push_back({order[i], digits[order[i]]});
  reading.is_digit = 1.0f - not_a_digit;
  reading.is_mark = classes > kTouchingDigits ? probabilities[kNotADigit] : 0.0f;  // unknown: no reading as a mark
  Decide(network_.not_a_digit_from(), &reading);
  return reading;
}

void DecideBesideDigits(float not_a_digit_from, NumberReading* number) {
  const double odds = kNotADigitOddsInNumber * not_a_digit_from / (1 - not_a_digit_from);
  const float from = static_cast<float>(odds / (1 + odds));
  const bool beside_digits = std::any_of(number->digits.begin(), number->digits.end(),
                                         [](const DigitReading& d) { return d.digit.has_value(); });
  if (!beside_digits) return;
  for (DigitReading& mark : number->digits) {
    if (!mark.digit) Decide(from, &mark);
  }
}

Status Recognizer::Recognize(const uint8_t* rgba, int width, int height, size_t byte_length,
                             Reading* reading) const {
  if (reading == nullptr) return Status::Error(StatusCode::kNullPointer, "output is null");
  Status status = ValidateCanvas(rgba, width, height, byte_length);
  if (!status.ok()) return status;
  const InkPlane plane = ExtractInk(rgba, width, height);
  const Classifier classify = [this](const DigitImage& image, bool again) { return Classify(image, again); };
  const std::vector<DigitInk> groups = JoinStacked(plane, SegmentDigits(FindComponents(plane)), classify);

  std::vector<DigitReading> digits;
  if (!groups.empty()) {
    const int line_height = LineHeight(groups);
    const bool alone = groups.size() == 1;
    for (const DigitInk& group : groups) {
      for (DigitReading& digit : ReadGroup(plane, group, line_height, alone, classify)) {
        digits.push_back(std::move(digit));
      }
    }
  }
  std::vector<Box> boxes;
  for (const DigitReading& d : digits) boxes.push_back(d.box);
  reading->numbers.clear();
  for (const std::vector<size_t>& members : GroupIntoNumbers(boxes)) {
    NumberReading number;
    for (size_t i : members) number.digits.push_back(std::move(digits[i]));
    DecideBesideDigits(network_.not_a_digit_from(), &number);
    for (const DigitReading& d : number.digits) number.text += d.digit ? static_cast<char>('0' + *d.digit) : '?';
    reading->numbers.push_back(std::move(number));
  }
  return Status::Ok();
}

}  // namespace digits
