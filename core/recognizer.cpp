#include "recognizer.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "embedded_model.h"
#include "layout.h"

namespace digits {

Status Recognizer::Create(Recognizer* recognizer) {
  return CreateFromWeights(kEmbeddedModel, kEmbeddedModelSize, recognizer);
}

Status Recognizer::CreateFromWeights(const uint8_t* bytes, size_t size, Recognizer* recognizer) {
  if (recognizer == nullptr) return Status::Error(StatusCode::kNullPointer, "recognizer is null");
  Status status = Network::Load(bytes, size, &recognizer->network_);
  const int classes = recognizer->network_.class_count();
  if (status.ok() && classes != kDigitClasses && classes != kDigitClasses + 1) {
    return Status::Error(StatusCode::kBadModel, "weights: the model must have 10 or 11 classes");
  }
  return status;
}

DigitReading Recognizer::Classify(const DigitImage& image) const {
  const Eigen::VectorXf logits = network_.Logits(image) / network_.temperature();
  const Eigen::VectorXf odds = (logits.array() - logits.maxCoeff()).exp();
  const Eigen::VectorXf probabilities = odds / odds.sum();

  std::array<int, kDigitClasses> order;
  std::iota(order.begin(), order.end(), 0);
  std::partial_sort(order.begin(), order.begin() + kAlternatives, order.end(),
                    [&](int a, int b) { return probabilities[a] > probabilities[b]; });
  DigitReading reading;
  for (int i = 0; i < kAlternatives; ++i) reading.alternatives.push_back({order[i], probabilities[order[i]]});

  const float best = probabilities[order[0]];
  const float not_a_digit = network_.class_count() > kDigitClasses ? probabilities[kNotADigit] : 0.0f;
  if (best >= network_.reject_below() && best > not_a_digit) {
    reading.digit = order[0];
    reading.confidence = best;
  } else {
    reading.confidence = 1.0f - probabilities.head(kDigitClasses).sum();  // that it is not a digit
  }
  return reading;
}

Status Recognizer::Recognize(const uint8_t* rgba, int width, int height, size_t byte_length,
                             Reading* reading) const {
  if (reading == nullptr) return Status::Error(StatusCode::kNullPointer, "output is null");
  std::vector<FoundDigit> found;
  Status status = FindDigits(rgba, width, height, byte_length, &found);
  if (!status.ok()) return status;

  std::vector<Box> boxes;
  for (const FoundDigit& f : found) boxes.push_back(f.box);
  reading->numbers.clear();
  for (const std::vector<size_t>& members : GroupIntoNumbers(boxes)) {
    NumberReading number;
    for (size_t i : members) {
      DigitReading digit = Classify(found[i].image);
      digit.box = found[i].box;
      number.text += digit.digit ? static_cast<char>('0' + *digit.digit) : '?';
      number.digits.push_back(std::move(digit));
    }
    reading->numbers.push_back(std::move(number));
  }
  return Status::Ok();
}

}  // namespace digits
