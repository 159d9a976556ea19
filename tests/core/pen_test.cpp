// synth's pen (tools/pen.h): traces keep the scan they come from, or say they do not; the evaluation sets'
// two-stroke digits are cut where traced strokes join.
#include "pen.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

void Fill(Bitmap* b, int x0, int y0, int x1, int y1, uint8_t ink) {
  for (int y = y0; y < y1; ++y) for (int x = x0; x < x1; ++x) b->ink[y * b->width + x] = ink;
}

// A T as MNIST would scan it: a bar 3 pixels thick across the top, a stem 3 pixels thick down its middle, in
// ink of `stem_ink`.
Bitmap ScannedT(uint8_t stem_ink = 255) {
  Bitmap t{28, 28, std::vector<uint8_t>(28 * 28, 0)};
  Fill(&t, 4, 4, 24, 7, 255);
  Fill(&t, 13, 7, 16, 24, stem_ink);
  return t;
}

// A 6 as a bold hand scans: a stem down into a loop whose small hole the scan has filled in grey.
Bitmap ScannedSixWithGreyHole() {
  Bitmap six{28, 28, std::vector<uint8_t>(28 * 28, 0)};
  for (int y = 0; y < 28; ++y) {
    for (int x = 0; x < 28; ++x) {
      const int d2 = (x - 14) * (x - 14) + (y - 18) * (y - 18);
      if (d2 <= 36) six.ink[y * 28 + x] = d2 <= 6 ? 180 : 255;
    }
  }
  Fill(&six, 8, 3, 11, 18, 255);
  return six;
}

// The glyph drawn 100 pixels tall with a 4-pixel pen, as the core sees the canvas.
InkPlane Drawn(const Glyph& glyph) {
  Canvas canvas = BlankCanvas(200, 200);
  Pen pen;
  pen.x = pen.y = 100, pen.radius = 2;
  DrawGlyph(glyph, pen, &canvas);
  return ExtractInk(canvas.rgba.data(), canvas.width, canvas.height);
}

size_t PiecesOnCanvas(const Glyph& glyph) { return FindComponents(Drawn(glyph)).size(); }

// The pieces of paper around the drawn glyph: 1, or more where its strokes close loops.
size_t PaperPieces(const Glyph& glyph) {
  InkPlane paper = Drawn(glyph);
  for (uint8_t& ink : paper.ink) ink = 255 - ink;
  return FindComponents(paper).size();
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

TEST(TraceBitmap, KeepsAScanItTracesWhole) { EXPECT_TRUE(TraceBitmap(ScannedT()).faithful); }

TEST(TraceBitmap, SaysWhenItLostAFaintStroke) {
  const Glyph t = TraceBitmap(ScannedT(60));  // the stem is fainter than every level the trace tries
  EXPECT_FALSE(t.faithful);
  EXPECT_EQ(PiecesOnCanvas(t), 1u);  // the bar alone
}

TEST(TraceBitmap, SaysWhenAStrokeBrokeIntoDots) {
  Bitmap t = ScannedT(0);
  for (int y = 8; y < 24; y += 4) Fill(&t, 13, y, 15, y + 2, 255);  // the stem dotted, paper between the dots
  EXPECT_FALSE(TraceBitmap(t).faithful);
}

TEST(TraceBitmap, TracesFromDarkerInkWhereGreySpecksWouldTraceIntoDots) {
  Bitmap t = ScannedT();
  Fill(&t, 20, 14, 23, 17, 150);  // two grey smudges beside the stem, apart from it
  Fill(&t, 5, 18, 8, 21, 150);
  const Glyph glyph = TraceBitmap(t);
  EXPECT_TRUE(glyph.faithful);
  EXPECT_EQ(PiecesOnCanvas(glyph), 1u);  // the T, without the smudges
}

TEST(TraceBitmap, TracesFromDarkerInkWhereABoldLoopFilledIn) {
  const Glyph six = TraceBitmap(ScannedSixWithGreyHole());
  EXPECT_TRUE(six.faithful);
  EXPECT_EQ(PaperPieces(six), 2u);  // around the 6, and inside its loop: traced at 128, the loop thins to a hook
}

TEST(StopShort, CutsOnlyTheStrokeItHeadsAlong) {
  Glyph t = TraceBitmap(ScannedT());
  const auto [x, y] = t.junctions[0];
  StopShort(x, y, 0, 1, 0.15f, &t);  // the stem, heading down, stops short of the bar
  EXPECT_EQ(PiecesOnCanvas(t), 2u);   // the bar stays whole: cutting it too would leave three pieces
}

}  // namespace
}  // namespace digits
