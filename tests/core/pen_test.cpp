// synth's pen (tools/pen.h): the evaluation sets' two-stroke digits are cut where traced strokes join.
#include "pen.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

// A T as MNIST would scan it: a bar 3 pixels thick across the top, a stem 3 pixels thick down its middle.
Bitmap ScannedT() {
  Bitmap t{28, 28, std::vector<uint8_t>(28 * 28, 0)};
  for (int y = 4; y < 7; ++y) for (int x = 4; x < 24; ++x) t.ink[y * 28 + x] = 255;
  for (int y = 7; y < 24; ++y) for (int x = 13; x < 16; ++x) t.ink[y * 28 + x] = 255;
  return t;
}

size_t PiecesOnCanvas(const Glyph& glyph) {
  Canvas canvas = BlankCanvas(200, 200);
  Pen pen;
  pen.x = pen.y = 100, pen.radius = 2;
  DrawGlyph(glyph, pen, &canvas);
  return FindComponents(ExtractInk(canvas.rgba.data(), canvas.width, canvas.height)).size();
}

TEST(TraceBitmap, FindsTheJunctionWhereTheStemMeetsTheBar) {
  const Glyph t = TraceBitmap(ScannedT());
  ASSERT_FALSE(t.junctions.empty());
  for (const auto& [x, y] : t.junctions) {
    EXPECT_NEAR(x, 0.0f, 0.1f);
    EXPECT_LT(y, -0.3f);  // near the top: the glyph is 1 tall, centred on 0
  }
  EXPECT_EQ(PiecesOnCanvas(t), 1u);
}

TEST(StopShort, CutsOnlyTheStrokeItHeadsAlong) {
  Glyph t = TraceBitmap(ScannedT());
  const auto [x, y] = t.junctions[0];
  StopShort(x, y, 0, 1, 0.15f, &t);  // the stem, heading down, stops short of the bar
  EXPECT_EQ(PiecesOnCanvas(t), 2u);   // the bar stays whole: cutting it too would leave three pieces
}

}  // namespace
}  // namespace digits
