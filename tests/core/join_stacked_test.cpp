#include "join_stacked.h"

#include <vector>

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

// A stand-in classifier that reads every mark as a 7 this surely.
Classifier ReadsSevenAt(float confidence) {
  return [confidence](const DigitImage& /*image*/, bool /*again*/) {
    DigitReading reading;
    reading.digit = 7;
    reading.confidence = confidence;
    reading.alternatives = {{7, confidence}};
    return reading;
  };
}

// A stroke broken in two, the halves further apart than segmentation joins.
Canvas BrokenStroke() {
  Canvas canvas = BlankCanvas(200, 200);
  FillRect(&canvas, 90, 30, 12, 50);
  FillRect(&canvas, 96, 100, 12, 50);
  return canvas;
}

TEST(JoinStacked, JoinsHalvesThatTogetherReadAsOneDigit) {
  const Ink ink = InkOf(BrokenStroke());
  ASSERT_EQ(ink.groups.size(), 2u);  // what this test is about: geometry left them apart
  const auto joined = JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.99f));
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].pieces.size(), 2u);
  EXPECT_EQ(joined[0].box.y0, 30);
  EXPECT_EQ(joined[0].box.y1, 150);
}

TEST(JoinStacked, KeepsHalvesApartThatDoNotReadSurely) {
  const Ink ink = InkOf(BrokenStroke());
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.6f)).size(), 2u);
}

TEST(JoinStacked, KeepsTwoWrittenLinesApart) {
  Canvas canvas = BlankCanvas(300, 260);
  for (int y : {30, 140}) {  // two lines of two digits each, one right under the other
    FillRect(&canvas, 60, y, 12, 80);
    FillRect(&canvas, 160, y, 12, 80);
  }
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 4u);
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.99f)).size(), 4u);
}

}  // namespace
}  // namespace digits
