#include "ink.h"

#include <algorithm>

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

// A canvas left transparent over a dark page, written on in white: composited over white, the ink would vanish.
TEST(ExtractInk, InkOfAnyColourOnTransparentPaperIsItsOpacity) {
  Canvas canvas = BlankCanvas(40, 1);
  for (int x = 0; x < 16; ++x) Paint(&canvas, x, 0, 255, 255);  // opaque white ink, a whole span of it
  Paint(&canvas, 16, 0, 255, 100);                              // its anti-aliased edge
  for (int x = 17; x < 40; ++x) Paint(&canvas, x, 0, 255, 0);   // transparent white, as some canvases keep it
  const InkPlane plane = ExtractInk(canvas.rgba.data(), 40, 1);
  EXPECT_EQ(plane.at(0, 0), 255);
  EXPECT_EQ(plane.at(15, 0), 255);
  EXPECT_EQ(plane.at(16, 0), 100);
  EXPECT_EQ(plane.at(30, 0), 0);
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

// Spans of 16 opaque pixels take a vector path: each colour channel must get its own luma weight, on white
// paper (ink = 255 - luma) and on grey paper (through the ink table), as the scalar path gives them.
TEST(ExtractInk, OpaqueColouredSpansReadAsTheirLuma) {
  for (const uint8_t paper : {uint8_t{255}, uint8_t{200}}) {
    Canvas canvas = BlankCanvas(64, 1);
    for (int x = 0; x < 64; ++x) Paint(&canvas, x, 0, paper);
    for (int x = 16; x < 32; ++x) {
      uint8_t* p = &canvas.rgba[static_cast<size_t>(x) * 4];
      p[0] = static_cast<uint8_t>(x * 7);    // red
      p[1] = static_cast<uint8_t>(x * 3);    // green
      p[2] = static_cast<uint8_t>(255 - x);  // blue
    }
    const InkPlane plane = ExtractInk(canvas.rgba.data(), 64, 1);
    for (int x = 16; x < 32; ++x) {
      const int luma = (x * 7 * 77 + x * 3 * 150 + (255 - x) * 29) >> 8;
      EXPECT_EQ(plane.at(x, 0), std::clamp((paper - luma) * 255 / paper, 0, 255)) << "paper " << int{paper} << " x " << x;
    }
    EXPECT_EQ(plane.at(0, 0), 0);
    EXPECT_EQ(plane.at(40, 0), 0);
  }
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
