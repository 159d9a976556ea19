// Training's cut digits (tools/cut_parts.h): parts of touching digits, labelled by whose ink they hold.
#include "cut_parts.h"

#include <gtest/gtest.h>

#include "recognizer.h"

namespace digits {
namespace {

// A diamond 1 unit tall and 0.8 wide, in the glyph's frame: two of them side by side touch only at their tips.
Glyph Diamond() {
  Glyph g;
  g.strokes = {{0, -0.5f, 0.4f, 0}, {0.4f, 0, 0, 0.5f}, {0, 0.5f, -0.4f, 0}, {-0.4f, 0, 0, -0.5f}};
  g.width = 0.8f;
  return g;
}

// Two diamonds 100 pixels tall on one line, their centres `apart` pixels apart, read as the digits 0 and 7.
std::vector<CutPart> PartsOfTwoDiamonds(float apart) {
  std::vector<std::pair<Glyph, Pen>> drawn;
  for (float x : {100.0f, 100.0f + apart}) {
    Pen pen;
    pen.x = x, pen.y = 100, pen.radius = 3;
    drawn.emplace_back(Diamond(), pen);
  }
  Canvas canvas = BlankCanvas(360, 200);
  for (const auto& [glyph, pen] : drawn) DrawGlyph(glyph, pen, &canvas);
  const InkPlane plane = ExtractInk(canvas.rgba.data(), canvas.width, canvas.height);
  return CutParts(plane, InkOwners(drawn, canvas.width, canvas.height), {0, 7});
}

TEST(CutParts, CutsTouchingDigitsIntoEachDigitAndCutsHoldingBothAsTouching) {
  const std::vector<CutPart> parts = PartsOfTwoDiamonds(80);  // tip to tip
  bool zero = false, seven = false, touching = false;
  for (const CutPart& part : parts) {
    const Box box = BoundsOf(part.runs);
    if (part.label == 0) {
      zero = true;
      EXPECT_LT(box.x1, 150);  // the tips meet at x = 140
    } else if (part.label == 7) {
      seven = true;
      EXPECT_GT(box.x0, 130);
    } else {
      touching = part.label == kTouchingDigits;
      EXPECT_LT(box.x0, 140);  // much of both digits' ink, across where they meet
      EXPECT_GT(box.x1, 140);
    }
  }
  EXPECT_TRUE(zero);
  EXPECT_TRUE(seven);
  EXPECT_TRUE(touching);
}

TEST(CutParts, LeavesDigitsThatDoNotTouchAlone) {
  EXPECT_TRUE(PartsOfTwoDiamonds(120).empty());
}

}  // namespace
}  // namespace digits
