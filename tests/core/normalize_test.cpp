#include "normalize.h"

#include <gtest/gtest.h>

#include "segment.h"
#include "test_canvas.h"

namespace digits {
namespace {

DigitImage NormalizeOnly(const Canvas& canvas) {
  const InkPlane plane = ExtractInk(canvas.rgba.data(), canvas.width, canvas.height);
  const auto digits = SegmentDigits(FindComponents(plane));
  EXPECT_EQ(digits.size(), 1u);
  return NormalizeDigit(plane, digits.at(0).runs());
}

struct Geometry {
  float mass = 0, centre_x = 0, centre_y = 0;
  int x0 = kInputSize, y0 = kInputSize, x1 = 0, y1 = 0;  // where ink exceeds half
};

Geometry Measure(const DigitImage& image) {
  Geometry g;
  for (int y = 0; y < kInputSize; ++y) {
    for (int x = 0; x < kInputSize; ++x) {
      const float v = image[y * kInputSize + x];
      g.mass += v;
      g.centre_x += v * (x + 0.5f);
      g.centre_y += v * (y + 0.5f);
      if (v > 0.5f) g.x0 = std::min(g.x0, x), g.x1 = std::max(g.x1, x + 1), g.y0 = std::min(g.y0, y), g.y1 = std::max(g.y1, y + 1);
    }
  }
  g.centre_x /= g.mass;
  g.centre_y /= g.mass;
  return g;
}

TEST(NormalizeDigit, TallStrokeFitsTwentyPixelsHighCentredByMass) {
  Canvas canvas = BlankCanvas(300, 300);
  FillRect(&canvas, 200, 40, 30, 200);  // anywhere on the canvas
  const Geometry g = Measure(NormalizeOnly(canvas));
  EXPECT_NEAR(g.centre_x, kInputSize / 2.0f, 0.05f);
  EXPECT_NEAR(g.centre_y, kInputSize / 2.0f, 0.05f);
  EXPECT_EQ(g.y1 - g.y0, kFitBox);
  EXPECT_NEAR(g.x1 - g.x0, 3, 1);  // 30 / 200 of 20: the aspect ratio is kept
}

TEST(NormalizeDigit, WideShapeFitsTwentyPixelsWide) {
  Canvas canvas = BlankCanvas(200, 120);  // mostly paper: the most common tone is the background
  FillRect(&canvas, 10, 10, 100, 40);
  const Geometry g = Measure(NormalizeOnly(canvas));
  EXPECT_EQ(g.x1 - g.x0, kFitBox);
  EXPECT_NEAR(g.y1 - g.y0, 8, 2);
}

TEST(NormalizeDigit, CentreOfMassNotBoxCentreGoesToTheMiddle) {
  Canvas canvas = BlankCanvas(200, 200);
  FillRect(&canvas, 50, 50, 100, 12);   // the bar of a 7
  FillRect(&canvas, 120, 50, 20, 100);  // its heavy stem pulls the centre of mass down and right
  const Geometry g = Measure(NormalizeOnly(canvas));
  EXPECT_NEAR(g.centre_x, kInputSize / 2.0f, 0.05f);
  EXPECT_NEAR(g.centre_y, kInputSize / 2.0f, 0.05f);
  EXPECT_GE(g.y0, (kInputSize - kFitBox) / 2 + 2);  // the box sits lower than a centred box would
}

TEST(NormalizeDigit, LopsidedDigitStaysInsideTheFrame) {
  Canvas canvas = BlankCanvas(200, 200);
  FillRect(&canvas, 50, 50, 100, 40);  // a very heavy bar
  FillRect(&canvas, 140, 50, 4, 100);  // and a hairline stem that centring by mass would push out
  const DigitImage image = NormalizeOnly(canvas);
  int inked_rows = 0;  // all twenty rows of the digit, the stem's end included, are inside the frame
  for (int y = 0; y < kInputSize; ++y) {
    float row = 0;
    for (int x = 0; x < kInputSize; ++x) row = std::max(row, image[y * kInputSize + x]);
    inked_rows += row > 0.3f;
  }
  EXPECT_GE(inked_rows, kFitBox);  // (the hairline stem also gets thickened, by up to a pixel each side)
}

TEST(NormalizeDigit, TinyDigitIsMagnifiedNotLost) {
  Canvas canvas = BlankCanvas(50, 50);
  FillRect(&canvas, 20, 20, 2, 8);
  const Geometry g = Measure(NormalizeOnly(canvas));
  EXPECT_EQ(g.y1 - g.y0, kFitBox);
  EXPECT_NEAR(g.mass, 20 * 5, 10);  // 2 x 8 magnified 2.5 times
}

TEST(NormalizeDigit, ThinStrokesSurviveShrinking) {
  Canvas canvas = BlankCanvas(1000, 1000);
  FillRect(&canvas, 100, 100, 1, 800);  // a one-pixel line shrunk forty times
  const Geometry g = Measure(NormalizeOnly(canvas));
  // Averaged down to a faint line, then stretched back to full ink and widened like a pen stroke.
  EXPECT_NEAR(g.y1 - g.y0, kFitBox, 2);
  EXPECT_NEAR(g.x1 - g.x0, kMinStrokeWidth, 1);
}

TEST(NormalizeDigit, FinePenAndMarkerGiveAlikeStrokes) {
  Canvas fine = BlankCanvas(300, 300), marker = BlankCanvas(300, 300);
  FillRect(&fine, 100, 50, 3, 200);
  FillRect(&marker, 100, 50, 36, 200);
  const Geometry thin = Measure(NormalizeOnly(fine)), bold = Measure(NormalizeOnly(marker));
  EXPECT_NEAR(thin.x1 - thin.x0, kMinStrokeWidth, 1);
  EXPECT_GT(thin.mass, kFitBox * kMinStrokeWidth * 0.8f);
  EXPECT_NEAR(bold.x1 - bold.x0, 36 * kFitBox / 200.0f, 1);  // already bold: left as it is
}

TEST(Shifted, MovesInkAndLetsPaperIn) {
  DigitImage image{};
  image[0] = 1.0f;                             // top left corner
  image[5 * kInputSize + 7] = 0.5f;            // row 5, column 7
  const DigitImage moved = Shifted(image, 2, -1);
  EXPECT_EQ(moved[4 * kInputSize + 9], 0.5f);  // two right, one up
  float total = 0;
  for (float v : moved) total += v;
  EXPECT_EQ(total, 0.5f);                      // the corner pixel moved out of the frame
}

TEST(Softened, SpreadsAPixelOverItsNeighboursKeepingItsInk) {
  DigitImage image{};
  image[10 * kInputSize + 12] = 1.0f;
  const DigitImage soft = Softened(image);
  const float centre = 1 - 2 * kSoftening;
  EXPECT_FLOAT_EQ(soft[10 * kInputSize + 12], centre * centre);
  EXPECT_FLOAT_EQ(soft[10 * kInputSize + 13], centre * kSoftening);  // beside
  EXPECT_FLOAT_EQ(soft[9 * kInputSize + 11], kSoftening * kSoftening);  // diagonal
  EXPECT_EQ(soft[10 * kInputSize + 14], 0.0f);  // two pixels away: untouched
  float total = 0;
  for (float v : soft) total += v;
  EXPECT_NEAR(total, 1.0f, 1e-6f);
}

TEST(Softened, InkAtTheEdgeSpillsOutOfTheFrame) {
  DigitImage image{};
  image[0] = 1.0f;  // top left corner: what would go left or up is lost
  float total = 0;
  for (float v : Softened(image)) total += v;
  EXPECT_NEAR(total, (1 - kSoftening) * (1 - kSoftening), 1e-6f);
}

}  // namespace
}  // namespace digits
