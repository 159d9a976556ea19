#include "recognizer.h"

#include <gtest/gtest.h>

#include <limits>

#include "test_canvas.h"

namespace digits {
namespace {

class RecognizerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(Recognizer::Create(&recognizer_).ok()); }
  Status Read(const Canvas& c, Reading* reading) {
    return recognizer_.Recognize(c.rgba.data(), c.width, c.height, c.rgba.size(), reading);
  }
  Recognizer recognizer_;
};

TEST_F(RecognizerTest, EmptyCanvasReadsAsNothing) {
  Reading reading;
  ASSERT_TRUE(Read(BlankCanvas(280, 280), &reading).ok());
  EXPECT_TRUE(reading.numbers.empty());
  EXPECT_EQ(ToJson(reading), R"({"numbers":[]})");
}

TEST_F(RecognizerTest, BadInputReturnsAnErrorNeverCrashes) {
  Reading reading;
  const std::vector<uint8_t> pixels(64, 255);
  const int max_int = std::numeric_limits<int>::max();
  EXPECT_EQ(recognizer_.Recognize(nullptr, 4, 4, 64, &reading).code, StatusCode::kNullPointer);
  EXPECT_EQ(recognizer_.Recognize(pixels.data(), 4, 4, 64, nullptr).code, StatusCode::kNullPointer);
  EXPECT_EQ(recognizer_.Recognize(pixels.data(), 0, 4, 64, &reading).code, StatusCode::kBadSize);
  EXPECT_EQ(recognizer_.Recognize(pixels.data(), -4, 4, 64, &reading).code, StatusCode::kBadSize);
  EXPECT_EQ(recognizer_.Recognize(pixels.data(), max_int, max_int, 64, &reading).code, StatusCode::kBadSize);
  EXPECT_EQ(recognizer_.Recognize(pixels.data(), 4, 5, 64, &reading).code, StatusCode::kShortBuffer);
  const Status status = recognizer_.Recognize(pixels.data(), 4, 5, 64, &reading);
  EXPECT_NE(status.message.find("80"), std::string::npos) << status.message;  // says how many it needs
  EXPECT_TRUE(recognizer_.Recognize(pixels.data(), 4, 4, 64, &reading).ok());  // still usable
}

TEST_F(RecognizerTest, ReadingHasTheDocumentedShape) {
  Canvas canvas = BlankCanvas(200, 200);
  FillRect(&canvas, 90, 40, 16, 120);  // a plain upright stroke: a 1
  Reading reading;
  ASSERT_TRUE(Read(canvas, &reading).ok());
  ASSERT_EQ(reading.numbers.size(), 1u);
  ASSERT_EQ(reading.numbers[0].digits.size(), 1u);
  const DigitReading& d = reading.numbers[0].digits[0];
  EXPECT_EQ(d.digit, 1);
  EXPECT_EQ(reading.numbers[0].text, "1");
  EXPECT_EQ(d.box.x0, 90);
  EXPECT_EQ(d.box.height(), 120);
  ASSERT_EQ(d.alternatives.size(), static_cast<size_t>(kAlternatives));
  EXPECT_EQ(d.alternatives[0].digit, 1);
  EXPECT_FLOAT_EQ(d.alternatives[0].confidence, d.confidence);
  EXPECT_GE(d.alternatives[0].confidence, d.alternatives[1].confidence);
  const std::string json = ToJson(reading);
  EXPECT_EQ(json.rfind(R"({"numbers":[{"text":"1","digits":[{"digit":1,"confidence":)", 0), 0u) << json;
  EXPECT_NE(json.find(R"("box":{"x":90,"y":40,"width":16,"height":120},"alternatives":[{"digit":1,)"),
            std::string::npos)
      << json;
}

TEST_F(RecognizerTest, ClassifiesTheImageSoftenedAsTrainingCalibrated) {
  DigitImage image{};
  for (int y = 4; y < 24; ++y) {  // a 1 as the normalizer draws it: 20 pixels high, kMinStrokeWidth wide
    image[y * kInputSize + 13] = image[y * kInputSize + 14] = 1.0f;
    image[y * kInputSize + 12] = image[y * kInputSize + 15] = (kMinStrokeWidth - 2) / 2;
  }
  const Eigen::VectorXf logits = recognizer_.network().Logits(Softened(image)) / recognizer_.network().temperature();
  const Eigen::VectorXf odds = (logits.array() - logits.maxCoeff()).exp();
  const float digits = odds.head(kDigitClasses).sum();
  const DigitReading reading = recognizer_.Classify(image);
  ASSERT_EQ(reading.digit, 1);
  EXPECT_NEAR(reading.confidence, odds[1] / digits, 1e-6f);
  EXPECT_NEAR(reading.is_digit, digits / odds.sum(), 1e-6f);
  // The shipped model tells a mark that is no digit from touching digits; is_digit leaves out both.
  ASSERT_EQ(recognizer_.network().class_count(), kTouchingDigits + 1);
  EXPECT_NEAR(reading.is_mark, odds[kNotADigit] / odds.sum(), 1e-6f);
}

DigitReading Mark(float is_digit, int likeliest, float confidence) {
  DigitReading mark;
  mark.is_digit = is_digit;
  mark.confidence = 1 - is_digit;
  mark.alternatives = {{likeliest, confidence}, {(likeliest + 1) % 10, 1 - confidence}};
  return mark;
}

DigitReading Digit(int digit) {
  DigitReading reading = Mark(1, digit, 1);
  reading.digit = digit;
  return reading;
}

TEST(DecideBesideDigits, MarkTurnedAwayBesideDigitsReadsAsItsLikeliestDigit) {
  NumberReading number{"1?", {Digit(1), Mark(0.1f, 7, 0.9f)}};  // "not a digit" 0.9, above a threshold of 0.8
  DecideBesideDigits(0.8f, &number);
  EXPECT_EQ(number.digits[1].digit, 7);
  EXPECT_FLOAT_EQ(number.digits[1].confidence, 0.9f);
}

TEST(DecideBesideDigits, MarkSurelyNoDigitStaysTurnedAway) {
  NumberReading number{"1?", {Digit(1), Mark(0.001f, 7, 0.9f)}};
  DecideBesideDigits(0.8f, &number);
  EXPECT_FALSE(number.digits[1].digit.has_value());
}

TEST(DecideBesideDigits, MarksWithoutDigitsStayTurnedAway) {
  NumberReading number{"??", {Mark(0.1f, 7, 0.9f), Mark(0.1f, 4, 0.9f)}};
  DecideBesideDigits(0.8f, &number);
  EXPECT_FALSE(number.digits[0].digit.has_value());
  EXPECT_FALSE(number.digits[1].digit.has_value());
}

TEST(ToJson, NotADigitIsNullAndQuestionMark) {
  Reading reading;
  DigitReading mark;
  mark.confidence = 0.42f;
  mark.alternatives = {{3, 0.42f}, {8, 0.3f}};
  reading.numbers.push_back({"?", {mark}});
  EXPECT_EQ(ToJson(reading),
            R"({"numbers":[{"text":"?","digits":[{"digit":null,"confidence":0.42,"box":{"x":0,"y":0,"width":0,)"
            R"("height":0},"alternatives":[{"digit":3,"confidence":0.42},{"digit":8,"confidence":0.3}]}]}]})");
}

TEST(ToJson, ProbabilitiesHaveAtMostFourDecimals) {
  Reading reading;
  DigitReading d;
  d.digit = 7;
  d.confidence = 0.98765f;
  d.alternatives = {{7, 0.98765f}, {1, 0.01f}, {2, 0.00004f}};
  reading.numbers.push_back({"7", {d}});
  const std::string json = ToJson(reading);
  EXPECT_NE(json.find(R"("confidence":0.9877,)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"({"digit":1,"confidence":0.01})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"({"digit":2,"confidence":0})"), std::string::npos) << json;
  d.confidence = 0.99996f;
  reading.numbers[0].digits[0] = d;
  EXPECT_NE(ToJson(reading).find(R"("confidence":1,)"), std::string::npos);
}

}  // namespace
}  // namespace digits
