#include "ink.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

TEST(ExtractInk, DarkInkOnWhiteIsFullInk) {
  Canvas canvas = BlankCanvas(4, 1);
  Paint(&canvas, 1, 0, 0);
  Paint(&canvas, 2, 0, 128);
  const InkPlane plane = ExtractInk(canvas.rgba.data(), 4, 1);
  EXPECT_EQ(plane.at(0, 0), 0);
  EXPECT_EQ(plane.at(1, 0), 255);
  EXPECT_NEAR(plane.at(2, 0), 127, 2);
}

TEST(ExtractInk, TransparentBackgroundReadsAsPaper) {
  Canvas canvas = BlankCanvas(3, 1);
  for (int x = 0; x < 3; ++x) Paint(&canvas, x, 0, 0, 0);  // transparent black: an untouched canvas
  Paint(&canvas, 1, 0, 0, 255);
  const InkPlane plane = ExtractInk(canvas.rgba.data(), 3, 1);
  EXPECT_EQ(plane.at(0, 0), 0);
  EXPECT_EQ(plane.at(1, 0), 255);
}

TEST(ExtractInk, LightInkOnDarkPaperIsDetected) {
  Canvas canvas = BlankCanvas(5, 1);
  for (int x = 0; x < 5; ++x) Paint(&canvas, x, 0, 20);
  Paint(&canvas, 2, 0, 255);
  const InkPlane plane = ExtractInk(canvas.rgba.data(), 5, 1);
  EXPECT_EQ(plane.at(0, 0), 0);
  EXPECT_EQ(plane.at(2, 0), 255);
}

TEST(ExtractInk, GreyPaperIsBackgroundNotInk) {
  Canvas canvas = BlankCanvas(5, 1);
  for (int x = 0; x < 5; ++x) Paint(&canvas, x, 0, 200);
  Paint(&canvas, 2, 0, 0);
  const InkPlane plane = ExtractInk(canvas.rgba.data(), 5, 1);
  EXPECT_EQ(plane.at(0, 0), 0);
  EXPECT_EQ(plane.at(2, 0), 255);
}

TEST(ValidateCanvas, RejectsEveryBadInputClass) {
  const uint8_t pixels[16] = {};
  EXPECT_EQ(ValidateCanvas(nullptr, 1, 1, 4).code, StatusCode::kNullPointer);
  EXPECT_EQ(ValidateCanvas(pixels, 0, 1, 16).code, StatusCode::kBadSize);
  EXPECT_EQ(ValidateCanvas(pixels, 1, -3, 16).code, StatusCode::kBadSize);
  EXPECT_EQ(ValidateCanvas(pixels, kMaxSide + 1, 1, 16).code, StatusCode::kBadSize);
  EXPECT_EQ(ValidateCanvas(pixels, 8192, 8192, 16).code, StatusCode::kBadSize);  // too many pixels
  EXPECT_EQ(ValidateCanvas(pixels, 2, 2, 15).code, StatusCode::kShortBuffer);
  EXPECT_TRUE(ValidateCanvas(pixels, 2, 2, 16).ok());
}

}  // namespace
}  // namespace digits
