#include "join_stacked.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "stand_in_reading.h"
#include "test_canvas.h"

namespace digits {
namespace {

// A stand-in classifier that reads every mark as a 7 this surely.
Classifier ReadsSevenAt(float confidence) {
  return [confidence](const DigitImage& /*image*/, bool /*again*/) { return StandInReading(7, confidence); };
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

// Bands of ink across the image's rows (strokes stacked) and across its columns (strokes side by side).
int Bands(const DigitImage& image, bool rows) {
  int bands = 0;
  bool before = false;
  for (int i = 0; i < kInputSize; ++i) {
    float ink = 0;
    for (int j = 0; j < kInputSize; ++j) ink += rows ? image[i * kInputSize + j] : image[j * kInputSize + i];
    bands += ink > 1 && !before;
    before = ink > 1;
  }
  return bands;
}

// A stand-in classifier: one upright stroke is a sure 1, strokes stacked in two bands a sure 8 (the halves of
// a broken 8), two strokes side by side hardly a digit (touching neighbours).
DigitReading ReadsBands(const DigitImage& image, bool /*again*/) {
  const bool stacked = Bands(image, true) > 1, beside = Bands(image, false) > 1;
  return StandInReading(stacked ? 8 : 1, 0.99f, beside && !stacked ? 0.01f : 0.99f);
}

TEST(JoinStacked, KeepsTwoLinesOfTouchingDigitsApart) {
  Canvas canvas = BlankCanvas(300, 300);
  for (int y : {20, 160}) {  // "11" over "11", each pair joined at its foot: one group per line
    FillRect(&canvas, 60, y, 14, 100);
    FillRect(&canvas, 130, y, 14, 100);
    FillRect(&canvas, 74, y + 94, 56, 3);
  }
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 2u);  // what this test is about: one group a line, alone on it
  // Together the lines read surely as one digit, but each line reads as two sure digits: a number of its own.
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsBands).size(), 2u);
}

// Joins a row's groups, each mark read as a sure 7: checks that geometry left `apart` groups and that `joined` are
// left after joining; the box of the group furthest right.
Box RightmostAfterJoining(const Canvas& canvas, size_t apart, size_t joined) {
  const Ink ink = InkOf(canvas);
  EXPECT_EQ(ink.groups.size(), apart);  // what the tests are about: geometry left a digit's strokes apart
  const std::vector<DigitInk> groups = JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.99f));
  EXPECT_EQ(groups.size(), joined);
  if (groups.empty()) return Box{};
  return std::max_element(groups.begin(), groups.end(), [](const DigitInk& a, const DigitInk& b) {
           return a.box.x0 < b.box.x0;
         })->box;
}

// A row of three digits, the last one's flag (a 5's) written well above it: further than segmentation joins.
Canvas RowWithAFlagApart() {
  Canvas canvas = BlankCanvas(400, 200);
  for (int x : {50, 150, 250}) FillRect(&canvas, x, 60, 12, 100);
  FillRect(&canvas, 262, 10, 40, 8);
  return canvas;
}

TEST(JoinStacked, JoinsAStrokeFarShorterThanItsLineToTheDigitItReadsSurelyWith) {
  const Box last = RightmostAfterJoining(RowWithAFlagApart(), 4, 3);
  EXPECT_EQ(last.y0, 10);
  EXPECT_EQ(last.x1, 302);
}

TEST(JoinStacked, LeavesAShortStrokeAloneWhereNoNeighbourReadsSurelyWithIt) {
  const Ink ink = InkOf(RowWithAFlagApart());
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.6f)).size(), 4u);
}

// A row of three digits, then a 9 whose loop and stem are written apart: the loop high, the stem beside it low
// (`stem_top`), each 0.6 of the line's height.
Canvas RowWithALoopAndItsStemApart(int stem_top) {
  Canvas canvas = BlankCanvas(450, 200);
  for (int x : {50, 150, 250}) FillRect(&canvas, x, 60, 12, 100);
  FillRect(&canvas, 330, 60, 50, 60);
  FillRect(&canvas, 338, 68, 34, 44, 255);
  FillRect(&canvas, 386, stem_top, 10, 60);
  return canvas;
}

TEST(JoinStacked, JoinsTwoShortStrokesThatTogetherSpanTheirLine) {
  const Box last = RightmostAfterJoining(RowWithALoopAndItsStemApart(100), 5, 4);
  EXPECT_EQ(last.x0, 330);
  EXPECT_EQ(last.y1, 160);
}

TEST(JoinStacked, KeepsTwoShortStrokesApartThatTogetherStayShort) {
  // Two short marks side by side at one height are two small digits as likely as one digit's strokes.
  const Ink ink = InkOf(RowWithALoopAndItsStemApart(65));
  ASSERT_EQ(ink.groups.size(), 5u);
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.99f)).size(), 5u);
}

// An open 4 whose bar stops `gap` pixels short of its stem, its left part as tall as the stem.
Canvas OpenFourApart(int gap) {
  Canvas canvas = BlankCanvas(300, 200);
  FillRect(&canvas, 50, 40, 12, 100);   // the left stroke,
  FillRect(&canvas, 50, 110, 50, 12);   // its bar,
  FillRect(&canvas, 100 + gap, 40, 12, 100);  // the stem
  return canvas;
}

// A stand-in classifier: sure of a narrow mark (a 1) and of one with two upright strokes (a 4), unsure of any
// other. A column with half a digit's height of ink is an upright stroke's.
DigitReading ReadsStrokes(const DigitImage& image, bool /*again*/) {
  constexpr float kUpright = 10;
  int strokes = 0, columns = 0;
  float before = 0;
  for (int x = 0; x < kInputSize; ++x) {
    float ink = 0;
    for (int y = 0; y < kInputSize; ++y) ink += image[y * kInputSize + x];
    columns += ink > 1;
    strokes += ink >= kUpright && before < kUpright;
    before = ink;
  }
  return StandInReading(strokes > 1 ? 4 : 1, strokes > 1 || columns <= 8 ? 0.99f : 0.6f);
}

TEST(JoinStacked, JoinsTheOnlyTwoGroupsBesideEachOtherThatReadAsOneDigitInTwoStrokes) {
  const Ink ink = InkOf(OpenFourApart(10));
  ASSERT_EQ(ink.groups.size(), 2u);  // what this test is about: geometry left them apart
  const auto joined = JoinStacked(ink.plane, ink.groups, ReadsStrokes);
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0].box.x0, 50);
  EXPECT_EQ(joined[0].box.x1, 122);
}

TEST(JoinStacked, KeepsTwoGroupsBesideEachOtherApartWhereEachReadsSurely) {
  const Ink ink = InkOf(OpenFourApart(10));  // as a 4 and a 1 written close would be, were each a sure digit
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsSevenAt(0.99f)).size(), 2u);
}

TEST(JoinStacked, KeepsTwoGroupsBesideEachOtherApartWhenTheGapIsADigitsSpacing) {
  const Ink ink = InkOf(OpenFourApart(static_cast<int>(kJoinedStrokesGap * 100) + 5));
  ASSERT_EQ(ink.groups.size(), 2u);
  EXPECT_EQ(JoinStacked(ink.plane, ink.groups, ReadsStrokes).size(), 2u);
}

}  // namespace
}  // namespace digits
