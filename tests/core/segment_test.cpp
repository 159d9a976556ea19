#include "segment.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

std::vector<DigitInk> DigitsOf(const Canvas& canvas) {
  return SegmentDigits(FindComponents(ExtractInk(canvas.rgba.data(), canvas.width, canvas.height)));
}

TEST(SegmentDigits, FiveWithDetachedFlagStaysOneDigit) {
  Canvas canvas = BlankCanvas(100, 100);
  FillRect(&canvas, 30, 30, 6, 20);   // the stem
  FillRect(&canvas, 30, 48, 25, 6);   // the belly, joined to the stem
  FillRect(&canvas, 50, 48, 6, 30);
  FillRect(&canvas, 28, 76, 28, 6);
  FillRect(&canvas, 40, 24, 24, 6);   // the flag, drawn separately, above and right of the stem
  const auto digits = DigitsOf(canvas);
  ASSERT_EQ(digits.size(), 1u);
  EXPECT_EQ(digits[0].box.y0, 24);
}

TEST(SegmentDigits, OpenFourInTwoStrokesStaysOneDigit) {
  Canvas canvas = BlankCanvas(100, 100);
  FillRect(&canvas, 20, 20, 6, 30);  // first stroke: down and across, stopping short of the stem
  FillRect(&canvas, 20, 50, 22, 6);
  FillRect(&canvas, 45, 15, 6, 70);  // second stroke: the stem, touching nothing
  EXPECT_EQ(DigitsOf(canvas).size(), 1u);
}

TEST(SegmentDigits, OpenFourWithTallFirstStrokeStaysOneDigit) {
  Canvas canvas = BlankCanvas(100, 100);
  FillRect(&canvas, 20, 18, 6, 50);  // first stroke: two thirds of the stem's height, ending well above its foot
  FillRect(&canvas, 20, 62, 22, 6);
  FillRect(&canvas, 45, 12, 6, 75);  // the stem
  EXPECT_EQ(DigitsOf(canvas).size(), 1u);
}

TEST(SegmentDigits, ShorterNeighbourOnTheSameLineIsSeparate) {
  Canvas canvas = BlankCanvas(120, 100);
  FillRect(&canvas, 20, 10, 8, 80);   // a tall 1
  FillRect(&canvas, 36, 34, 40, 56);  // a neighbour 70% as tall, standing on the same line
  EXPECT_EQ(DigitsOf(canvas).size(), 2u);
}

TEST(SegmentDigits, ShorterNeighbourStandingHigherOnTheRightIsSeparate) {
  Canvas canvas = BlankCanvas(120, 100);
  FillRect(&canvas, 20, 20, 8, 70);   // a tall 1
  FillRect(&canvas, 40, 10, 35, 50);  // the next digit, written uphill: shorter, and ending well above the 1's foot
  EXPECT_EQ(DigitsOf(canvas).size(), 2u);
}

TEST(SegmentDigits, StrokeThatFitsEitherNeighbourGroupsWithBothForRecognitionToChoose) {
  Canvas canvas = BlankCanvas(140, 100);
  FillRect(&canvas, 20, 20, 40, 6);  // a 0
  FillRect(&canvas, 20, 74, 40, 6);
  FillRect(&canvas, 20, 20, 6, 60);
  FillRect(&canvas, 54, 20, 6, 60);
  FillRect(&canvas, 70, 30, 5, 30);  // the left half of an open 4, between the 0 and the 4's stem
  FillRect(&canvas, 70, 55, 20, 5);
  FillRect(&canvas, 96, 20, 6, 60);  // the stem
  const auto digits = DigitsOf(canvas);
  ASSERT_EQ(digits.size(), 1u);
  EXPECT_EQ(digits[0].pieces.size(), 3u);
}

TEST(SegmentDigits, NeighboursSideBySideAreSeparate) {
  Canvas canvas = BlankCanvas(200, 100);
  FillRect(&canvas, 20, 20, 8, 60);   // 1
  FillRect(&canvas, 50, 20, 40, 8);   // 7: bar and slanted-ish stem
  FillRect(&canvas, 80, 20, 8, 60);
  FillRect(&canvas, 110, 20, 40, 60); // a blob
  EXPECT_EQ(DigitsOf(canvas).size(), 3u);
}

TEST(SegmentDigits, DigitsOnTwoLinesAreSeparate) {
  Canvas canvas = BlankCanvas(100, 200);
  FillRect(&canvas, 30, 10, 10, 60);
  FillRect(&canvas, 30, 110, 10, 60);
  EXPECT_EQ(DigitsOf(canvas).size(), 2u);
}

TEST(SegmentDigits, DigitsOnTwoCloseLinesAreSeparate) {
  Canvas canvas = BlankCanvas(200, 200);
  for (int x : {30, 90}) {
    FillRect(&canvas, x, 10, 10, 60);  // first line
    FillRect(&canvas, x, 78, 10, 60);  // second line, closer below than a broken stroke's gap
  }
  EXPECT_EQ(DigitsOf(canvas).size(), 4u);
}

TEST(SegmentDigits, LoneDigitBrokenIntoStackedPiecesStaysOneDigit) {
  Canvas canvas = BlankCanvas(100, 100);
  FillRect(&canvas, 30, 10, 40, 30);  // each piece far shorter than the two together: no piece is a whole digit
  FillRect(&canvas, 30, 48, 40, 30);
  EXPECT_EQ(DigitsOf(canvas).size(), 1u);
}

TEST(SegmentDigits, SlantedNeighboursWhoseBoxesOverlapAreSeparate) {
  Canvas canvas = BlankCanvas(120, 100);
  FillRect(&canvas, 20, 20, 6, 60);  // an L
  FillRect(&canvas, 20, 74, 40, 6);
  FillRect(&canvas, 50, 16, 6, 54);  // a neighbour as tall, standing inside the L's box without touching it
  EXPECT_EQ(DigitsOf(canvas).size(), 2u);
}

TEST(SegmentDigits, SpecksAreIgnored) {
  Canvas canvas = BlankCanvas(200, 100);
  FillRect(&canvas, 20, 20, 10, 60);
  FillRect(&canvas, 150, 50, 3, 3);  // far smaller than a tenth of the digit
  EXPECT_EQ(DigitsOf(canvas).size(), 1u);
}

TEST(SegmentDigits, EmptyCanvasHasNoDigits) { EXPECT_TRUE(DigitsOf(BlankCanvas(50, 50)).empty()); }

}  // namespace
}  // namespace digits
