#include "stem.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

constexpr int kLine = 100;  // line height of the drawings, in pixels

// A ring of ink `width` pixels wide: a 0, or a P's bowl.
void Ring(Canvas* canvas, int cx, int cy, int radius, int width) {
  FillDisc(canvas, cx, cy, radius);
  FillDisc(canvas, cx, cy, radius - width, 255);
}

// A straight pen stroke from (x0, y0) down to y1, leaning `slant` columns per row.
void Stroke(Canvas* canvas, int x0, int y0, int y1, double slant, int radius) {
  for (int y = y0; y <= y1; ++y) FillDisc(canvas, x0 + static_cast<int>(slant * (y - y0)), y, radius);
}

// The one piece of ink on the canvas.
Piece OnlyPiece(const Canvas& canvas) {
  const InkPlane plane = ExtractInk(canvas.rgba.data(), canvas.width, canvas.height);
  const std::vector<DigitInk> groups = SegmentDigits(FindComponents(plane));
  EXPECT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups.at(0).pieces.size(), 1u);
  return groups.at(0).pieces.at(0);
}

TEST(SplitOffStem, TakesA1WrittenAcrossA0OutOfIt) {
  Canvas canvas = BlankCanvas(220, 160);
  Ring(&canvas, 120, 80, 45, 5);
  Stroke(&canvas, 95, 25, 130, 0.12, 3);  // leaning right, through the ring's left side
  const std::vector<Piece> parts = SplitOffStem(OnlyPiece(canvas), kLine);
  ASSERT_EQ(parts.size(), 2u);
  const Box& stem = parts[0].box;
  const Box& rest = parts[1].box;
  EXPECT_GE(stem.height(), 100);
  EXPECT_LE(stem.width(), 25);  // the stroke alone, not the ring's ink it crosses
  EXPECT_NEAR(rest.x0, 75, 3);  // the whole ring
  EXPECT_NEAR(rest.x1, 166, 3);
  EXPECT_GE(rest.height(), 85);
}

TEST(SplitOffStem, LeavesAPWhole) {
  Canvas canvas = BlankCanvas(160, 160);
  Stroke(&canvas, 50, 20, 130, 0.0, 3);
  Ring(&canvas, 75, 45, 25, 5);  // the bowl hangs at the stroke's top only
  EXPECT_EQ(SplitOffStem(OnlyPiece(canvas), kLine).size(), 1u);
}

TEST(SplitOffStem, LeavesA0WithoutAStraightStrokeWhole) {
  Canvas canvas = BlankCanvas(160, 160);
  Ring(&canvas, 80, 80, 50, 6);
  EXPECT_EQ(SplitOffStem(OnlyPiece(canvas), kLine).size(), 1u);
}

TEST(SplitOffStem, LeavesAStrokeShorterThanADigitInPlace) {
  Canvas canvas = BlankCanvas(220, 160);
  Ring(&canvas, 120, 80, 45, 5);
  Stroke(&canvas, 78, 50, 110, 0.0, 3);  // 0.6 line heights: a tick, not a 1
  EXPECT_EQ(SplitOffStem(OnlyPiece(canvas), kLine).size(), 1u);
}

// "14" written touching: the 4's stem, taller than the 1, and its bar run across the 1.
Canvas OneTouchingAFour() {
  Canvas canvas = BlankCanvas(200, 180);
  Stroke(&canvas, 60, 40, 130, 0.0, 3);   // the 1
  Stroke(&canvas, 90, 40, 100, 0.0, 3);   // the 4's arm
  Stroke(&canvas, 120, 20, 150, 0.0, 3);  // the 4's stem
  for (int x = 60; x <= 135; ++x) FillDisc(&canvas, x, 100, 3);  // the 4's bar, through the 1
  return canvas;
}

TEST(SplitOffStem, TakesOutTheTallestStroke) {
  const std::vector<Piece> parts = SplitOffStem(OnlyPiece(OneTouchingAFour()), kLine);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NEAR(parts[0].box.x0, 117, 2);  // the 4's stem, leaving the 1 with the 4's arm and bar
}

TEST(SplitOffOtherStem, TakesOutTheTallestStrokeApartFromTheTallest) {
  const std::vector<Piece> parts = SplitOffOtherStem(OnlyPiece(OneTouchingAFour()), kLine);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NEAR(parts[0].box.x0, 57, 2);  // the 1
  EXPECT_LE(parts[0].box.width(), 10);
  EXPECT_GE(parts[0].box.height(), 85);
  EXPECT_NEAR(parts[1].box.x0, 64, 2);  // the whole 4, its bar reaching back to the 1's right side
  EXPECT_NEAR(parts[1].box.x1, 139, 2);
  EXPECT_GE(parts[1].box.height(), 125);
}

TEST(SplitOffOtherStem, LeavesAPieceWithOneTallStrokeWhole) {
  Canvas canvas = BlankCanvas(160, 160);
  Stroke(&canvas, 50, 20, 130, 0.0, 3);
  Ring(&canvas, 75, 45, 25, 5);  // a P: its bowl holds no second tall stroke
  EXPECT_EQ(SplitOffOtherStem(OnlyPiece(canvas), kLine).size(), 1u);
}

}  // namespace
}  // namespace digits
