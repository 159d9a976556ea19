#include "split_group.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "stand_in_reading.h"
#include "test_canvas.h"

namespace digits {
namespace {

// Two upright bars joined by a thin bridge at the bottom: touching neighbours, such as "11".
Canvas TouchingBars() {
  Canvas canvas = BlankCanvas(200, 140);
  FillRect(&canvas, 40, 20, 14, 100);
  FillRect(&canvas, 110, 20, 14, 100);
  FillRect(&canvas, 54, 114, 56, 3);
  return canvas;
}

// Which columns of a normalized image hold ink.
std::vector<bool> InkedColumns(const DigitImage& image) {
  std::vector<bool> inked(kInputSize);
  for (int x = 0; x < kInputSize; ++x) {
    float ink = 0;
    for (int y = 0; y < kInputSize; ++y) ink += image[y * kInputSize + x];
    inked[x] = ink > 1;
  }
  return inked;
}

// How likely the stand-in classifiers find a mark that is not one digit: unlikely enough that two sure digits
// beat it even after kDigitCost, and that only kShortDigitCost keeps a short tick from being a digit of its own.
const float kHardlyADigit = static_cast<float>(std::exp(-kDigitCost - 1));

// ReadGroup's `alone`: the group is the only one on its canvas, or one of a row.
constexpr bool kAlone = true, kInARow = false;

// A stand-in classifier: sure that anything narrow is a digit (a 1), and that anything wider is not a
// digit at all, as the real model is about two touching digits.
DigitReading BarClassifier(const DigitImage& image, bool /*again*/) {
  const std::vector<bool> inked = InkedColumns(image);
  const auto columns = std::count(inked.begin(), inked.end(), true);
  return StandInReading(1, 0.99f, columns <= 8 ? 0.99f : kHardlyADigit);
}

TEST(CutCandidates, CutsAWidePieceWhereLeastInkCrosses) {
  const Ink ink = InkOf(TouchingBars());
  ASSERT_EQ(ink.groups.size(), 1u);
  const auto parts = CutCandidates(ink.groups[0].pieces.at(0), 100);
  ASSERT_GE(parts.size(), 2u);
  EXPECT_LE(parts.front().box.x1, 110);  // the first cut falls between the bars
  EXPECT_GE(parts.back().box.x0, 54);
}

TEST(CutCandidates, CutsWhereInkDipsNotWhereAStrokeThinsOut) {
  Canvas canvas = BlankCanvas(200, 140);
  FillRect(&canvas, 20, 10, 14, 100);  // a bar, joined by a bridge to a second bar with a long thin tail
  FillRect(&canvas, 34, 107, 26, 3);
  FillRect(&canvas, 60, 10, 14, 100);
  FillRect(&canvas, 74, 60, 86, 2);
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  const auto parts = CutCandidates(ink.groups[0].pieces.at(0), 100);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_LE(parts[0].box.x1, 60);
}

TEST(CutCandidates, LeavesADigitWideEnoughForOneAlone) {
  Canvas canvas = BlankCanvas(200, 200);
  FillRect(&canvas, 50, 50, 20, 100);
  const Ink ink = InkOf(canvas);
  EXPECT_EQ(CutCandidates(ink.groups.at(0).pieces.at(0), 100).size(), 1u);
}

// A ring: the outline of a box, as a 0.
void Ring(Canvas* canvas, int x, int y, int width, int height, int stroke) {
  FillRect(canvas, x, y, width, stroke);
  FillRect(canvas, x, y + height - stroke, width, stroke);
  FillRect(canvas, x, y, stroke, height);
  FillRect(canvas, x + width - stroke, y, stroke, height);
}

TEST(CutCandidates, CutsRoundAStrokeThatReachesIntoTheGap) {
  Canvas canvas = BlankCanvas(200, 150);
  Ring(&canvas, 20, 20, 40, 100, 6);  // two rings joined at the top,
  Ring(&canvas, 80, 20, 40, 100, 6);
  FillRect(&canvas, 60, 20, 20, 3);
  FillRect(&canvas, 60, 100, 10, 4);  // the left one's stroke reaching into the gap low down,
  FillRect(&canvas, 68, 40, 12, 4);   // the right one's higher up, past where the left one's ends
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  const auto parts = CutCandidates(ink.groups[0].pieces.at(0), 100);
  ASSERT_GE(parts.size(), 2u);
  // A straight cut would give each ring's stroke to the other; the cut goes round them. Look at the part
  // that holds the left ring's right side.
  auto holds = [](const Piece& part, int x, int y) {
    return std::any_of(part.runs.begin(), part.runs.end(), [&](const digits::Run& r) { return r.y == y && r.x0 <= x && x < r.x1; });
  };
  const auto left = std::find_if(parts.begin(), parts.end(), [&](const Piece& p) { return holds(p, 57, 70); });
  ASSERT_NE(left, parts.end());
  EXPECT_TRUE(holds(*left, 69, 102));   // its own stroke
  EXPECT_FALSE(holds(*left, 68, 42));   // not the right ring's
}

TEST(CutCandidates, CutsOffATallStemTouchingItsNeighbour) {
  Canvas canvas = BlankCanvas(200, 140);
  FillRect(&canvas, 30, 20, 10, 100);  // a 1, narrower than a digit but as tall as one, touching a 0
  FillRect(&canvas, 40, 60, 3, 4);
  Ring(&canvas, 43, 20, 70, 100, 8);
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  const auto parts = CutCandidates(ink.groups[0].pieces.at(0), 100);
  ASSERT_GE(parts.size(), 2u);
  EXPECT_LE(parts.front().box.x1, 43);
  EXPECT_GE(parts.front().box.height(), 100);
}

TEST(CutAtNotches, CutsTwoTouchingRoundDigitsWhereTheirOutlinesMeet) {
  Canvas canvas = BlankCanvas(240, 140);
  for (int cx : {60, 138}) {  // "00": two rings whose sides overlap by 2 pixels, where the ink profile peaks
    FillDisc(&canvas, cx, 70, 40);
    FillDisc(&canvas, cx, 70, 31, 255);
  }
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  const auto parts = CutAtNotches(ink.groups[0].pieces.at(0), 80);
  ASSERT_EQ(parts.size(), 2u);
  // The cut runs through the rings' shared wall (x 91 to 107), not through either ring's middle.
  EXPECT_EQ(parts[0].box.x0, 20);
  EXPECT_NEAR(parts[0].box.x1, 99, 10);
  EXPECT_NEAR(parts[1].box.x0, 99, 10);
  EXPECT_EQ(parts[1].box.x1, 179);
}

TEST(ReadGroup, SplitsTouchingNeighboursWhenTheClassifierPrefersTwoDigits) {
  const Ink ink = InkOf(TouchingBars());
  const auto digits = ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, BarClassifier);
  ASSERT_EQ(digits.size(), 2u);
  EXPECT_LT(digits[0].box.x0, digits[1].box.x0);
  EXPECT_LE(digits[0].box.x1, 110);
}

TEST(ReadGroup, KeepsOneDigitWhenTheWholeIsLikelierThanItsParts) {
  const Ink ink = InkOf(TouchingBars());
  const Classifier whole_is_best = [](const DigitImage& image, bool again) {
    DigitReading reading = BarClassifier(image, again);
    reading.is_digit = 1.0f - reading.is_digit;  // now the wide whole is the sure digit, the bars not
    return reading;
  };
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, whole_is_best).size(), 1u);
}

TEST(ReadGroup, CutsAPieceWiderThanADigitOfItsRow) {
  const Ink ink = InkOf(TouchingBars());  // 84 pixels wide: 1.05 line heights of 80
  // The bars are sure 1s; the whole is a digit 1.4 times as likely as a second digit's cost, e^-kDigitCost...
  const Classifier wide_is_unlikely = [](const DigitImage& image, bool again) {
    DigitReading reading = BarClassifier(image, again);
    if (reading.is_digit < 0.5f) reading.is_digit = static_cast<float>(1.4 * std::exp(-kDigitCost));
    return reading;
  };
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 120, kInARow, wide_is_unlikely).size(), 1u);
  // ...but not after the cost of a piece wider than a digit of its row (0.3 line heights too wide: e^-0.6).
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 80, kInARow, wide_is_unlikely).size(), 2u);
}

TEST(ReadGroup, CutsAGroupAloneOnTheCanvasLessReadily) {
  const Ink ink = InkOf(TouchingBars());
  // The whole is hardly a digit (0.5%): beside other groups, two sure 1s are likelier, even after a second
  // digit's cost; alone, where letters and scribbles are likelier than numbers, they are not.
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, BarClassifier).size(), 2u);
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kAlone, BarClassifier).size(), 1u);
}

TEST(ReadGroup, KeepsAMarkAloneOnTheCanvasWholeThoughItsPartsPassForDigits) {
  const Ink ink = InkOf(TouchingBars());  // a U, say, whose sides each read as a sure 1
  // The whole is far less likely a digit than two 1s are, after a second digit's cost alone...
  const auto whole_is = [](float is_mark) -> Classifier {
    return [is_mark](const DigitImage& image, bool again) {
      DigitReading reading = BarClassifier(image, again);
      if (reading.is_digit < 0.5f) {
        reading.is_digit = static_cast<float>(std::exp(-kDigitCostAlone - 1));
        reading.is_mark = is_mark;
        reading.digit.reset();  // so unlikely a digit, it reads as none
      }
      return reading;
    };
  };
  // ...so, taken for touching digits, it is cut in two, even with a chance of a mark that alone would beat them;
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kAlone, whole_is(0.0f)).size(), 2u);
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kAlone, whole_is(0.01f)).size(), 2u);
  // taken for a mark that is no digit, it stays one mark.
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kAlone, whole_is(0.9f)).size(), 1u);
}

TEST(ReadGroup, KeepsAMarkInARowWholeWhereTheWholeGroupSurelyReadsAsOne) {
  const Ink ink = InkOf(TouchingBars());  // a V after "12", say, whose strokes each read as a sure 1
  const auto whole_is_a_mark = [](float is_mark, bool read_as_none) -> Classifier {
    return [=](const DigitImage& image, bool again) {
      DigitReading reading = BarClassifier(image, again);
      if (reading.is_digit < 0.5f) {
        reading.is_mark = is_mark;
        if (read_as_none) reading.digit.reset();
      }
      return reading;
    };
  };
  // Rejected as no digit and surely a mark, the whole stays one mark in a row too, read as `?` in the number...
  const auto digits = ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, whole_is_a_mark(kSureEnough, true));
  ASSERT_EQ(digits.size(), 1u);
  EXPECT_FALSE(digits[0].digit.has_value());
  // ...but where it is less sure of a mark (touching digits it takes for one), the row's two sure 1s win, as
  // they do where the whole still reads as a digit.
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, whole_is_a_mark(0.85f, true)).size(), 2u);
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, whole_is_a_mark(kSureEnough, false)).size(), 2u);
}

TEST(ReadGroup, TakesNoPartOfAGroupInARowForAMark) {
  // Three bars, the outer two joined at their feet: a 1 beside a U-shaped piece (pieces of one group).
  Canvas canvas = TouchingBars();
  FillRect(&canvas, 160, 20, 14, 100);
  FillRect(&canvas, 124, 60, 36, 3);
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  // One bar is a sure 1; two bars together are a mark for sure and no digit; the whole, three bars, is touching
  // digits, hardly one.
  const Classifier parts_are_marks = [](const DigitImage& image, bool /*again*/) {
    const std::vector<bool> inked = InkedColumns(image);
    int bars = 0;
    for (int x = 0; x < kInputSize; ++x) bars += inked[x] && (x == 0 || !inked[x - 1]);
    if (bars == 1) return StandInReading(1, 0.99f);
    DigitReading reading = StandInReading(1, 0.99f, bars == 2 ? kHardlyADigit : 1e-4f);
    if (bars == 2) reading.is_mark = 1 - kHardlyADigit, reading.digit.reset();
    return reading;
  };
  // In a row a part that reads as a mark is likelier a piece of a digit: the three bars read as three 1s.
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, parts_are_marks).size(), 3u);
}

TEST(ReadGroup, TakesOutA1LeavingAnUnsureDigitOnlyInARow) {
  // A 1 written down through a 0 too narrow to cut between columns: only taking its stroke out parts them.
  Canvas canvas = BlankCanvas(200, 200);
  FillDisc(&canvas, 100, 100, 30);
  FillDisc(&canvas, 100, 100, 25, 255);
  for (int y = 45; y <= 150; ++y) FillDisc(&canvas, 75 + (y - 45) / 10, y, 3);
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  // The stroke alone is a sure 1 and the ring a 0 at only 0.6; both together are touching digits, and less
  // likely one digit than the two are after a second digit's cost, in a row and alone on the canvas alike.
  const Classifier stroke_through_a_ring = [](const DigitImage& image, bool /*again*/) {
    const std::vector<bool> inked = InkedColumns(image);
    const auto columns = std::count(inked.begin(), inked.end(), true);
    const float is_digit = columns <= 16 && columns > 8 ? static_cast<float>(std::exp(-kDigitCostAlone - 8)) : 0.99f;
    return columns <= 8 ? StandInReading(1, 0.99f, is_digit) : StandInReading(0, 0.6f, is_digit);
  };
  // Taken out of a letter, a stroke leaves letter-like rest just as unsure (an H, an R): alone on the canvas,
  // where letters are likely, a 1 comes out only where every digit then reads surely; in a row, the likelier
  // reading wins.
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups[0], 100, kAlone, stroke_through_a_ring).size(), 1u);
  const auto digits = ReadGroup(ink.plane, ink.groups[0], 100, kInARow, stroke_through_a_ring);
  ASSERT_EQ(digits.size(), 2u);
  EXPECT_EQ(digits[0].digit, 1);
  EXPECT_EQ(digits[1].digit, 0);
}

// A 1 written down through the first of two 0s joined by a stroke ("100"): taking the 1's stroke out leaves
// the 0s joined, and cutting between columns leaves the 1 inside the first 0.
Ink OneThroughTheFirstOfTwoJoinedZeros() {
  Canvas canvas = BlankCanvas(260, 200);
  for (const int cx : {100, 180}) {
    FillDisc(&canvas, cx, 100, 30);
    FillDisc(&canvas, cx, 100, 25, 255);
  }
  FillRect(&canvas, 128, 98, 24, 4);
  for (int y = 45; y <= 150; ++y) FillDisc(&canvas, 75 + (y - 45) / 10, y, 3);
  return InkOf(canvas);
}

TEST(CutWays, CutsWhatTakingOutA1LeavesOnlyInARow) {
  const Ink ink = OneThroughTheFirstOfTwoJoinedZeros();
  ASSERT_EQ(ink.groups.size(), 1u);
  // Whether a way leaves the 1, the first 0 and the second 0 each a piece of its own.
  const auto parts_all_three = [](const CutPieces& way) {
    std::vector<Piece> pieces = way.pieces;
    SortLeftToRight(pieces);
    return pieces.size() == 3 && pieces[0].box.height() > 100 && pieces[0].box.width() < 30 &&
           pieces[1].box.width() > 55 && pieces[1].box.x1 <= 131 && pieces[2].box.x0 >= 129;
  };
  const std::vector<CutPieces> in_a_row = CutWays(ink.groups[0].pieces, 100, kInARow);
  EXPECT_TRUE(std::any_of(in_a_row.begin(), in_a_row.end(), parts_all_three));
  // Alone on the canvas, where letters are likely, a letter's strokes are not cut twice.
  const std::vector<CutPieces> alone = CutWays(ink.groups[0].pieces, 100, kAlone);
  EXPECT_FALSE(std::any_of(alone.begin(), alone.end(), parts_all_three));
}

TEST(ReadGroup, ReadsEachImageOnceHoweverManyWaysLeaveIt) {
  const Ink ink = OneThroughTheFirstOfTwoJoinedZeros();
  ASSERT_EQ(ink.groups.size(), 1u);
  // Unsure of everything, so that every way of cutting is tried. Ways leave parts as others left them, and
  // parts that differ only in where they lie normalize alike: the network reads each image once.
  std::vector<DigitImage> looked_at;
  const Classifier unsure = [&](const DigitImage& image, bool again) {
    if (!again) looked_at.push_back(image);
    return StandInReading(0, 0.6f, 0.99f);
  };
  ReadGroup(ink.plane, ink.groups[0], 100, kInARow, unsure);
  ASSERT_GT(CutWays(ink.groups[0].pieces, 100, kInARow).size(), 1u);
  std::sort(looked_at.begin(), looked_at.end());
  EXPECT_EQ(std::adjacent_find(looked_at.begin(), looked_at.end()), looked_at.end());
}

TEST(ReadGroup, ReadsAStrokeFarShorterThanTheLineAsPartOfItsNeighbour) {
  Canvas canvas = BlankCanvas(300, 200);
  FillRect(&canvas, 50, 50, 14, 100);  // a 1, and beside it a tick 40% as tall
  FillRect(&canvas, 76, 100, 8, 40);
  const Ink ink = InkOf(canvas);
  ASSERT_EQ(ink.groups.size(), 1u);
  // Sure that each stroke alone is a 1, and that the two side by side are hardly a digit.
  const Classifier strokes_are_ones = [](const DigitImage& image, bool again) {
    DigitReading reading = BarClassifier(image, again);
    const std::vector<bool> inked = InkedColumns(image);
    int strokes = 0;
    for (int x = 0; x < kInputSize; ++x) strokes += inked[x] && (x == 0 || !inked[x - 1]);
    reading.is_digit = strokes == 1 ? 0.99f : kHardlyADigit;
    return reading;
  };
  EXPECT_EQ(ReadGroup(ink.plane, ink.groups[0], 100, kInARow, strokes_are_ones).size(), 1u);
}

TEST(ReadGroup, LooksAgainOnlyAtChosenDigitsThatAreUnsure) {
  Canvas canvas = BlankCanvas(300, 200);
  FillRect(&canvas, 50, 50, 14, 100);
  const Ink ink = InkOf(canvas);
  for (const float first_look : {0.99f, 0.6f}) {
    int again_count = 0;
    const Classifier classify = [&](const DigitImage& image, bool again) {
      DigitReading reading = BarClassifier(image, again);
      again_count += again;
      reading.confidence = reading.alternatives[0].confidence = again ? 0.95f : first_look;
      return reading;
    };
    const auto digits = ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, classify);
    ASSERT_EQ(digits.size(), 1u);
    EXPECT_EQ(again_count, first_look < kSureEnough ? 1 : 0);
    EXPECT_FLOAT_EQ(digits[0].confidence, first_look < kSureEnough ? 0.95f : first_look);
  }
}

TEST(ReadGroup, LooksAgainAtAMarkOnlyWhereItIsUnsure) {
  Canvas canvas = BlankCanvas(300, 200);
  FillRect(&canvas, 50, 50, 14, 100);
  const Ink ink = InkOf(canvas);
  for (const float first_look : {kSureMark, 0.95f}) {
    int again_count = 0;
    // The first look: no digit, a mark at `first_look`; the closer look: a sure 1.
    const Classifier classify = [&](const DigitImage& /*image*/, bool again) {
      again_count += again;
      DigitReading reading = StandInReading(1, 0.95f, again ? 1.0f : 1 - first_look);
      if (!again) reading.is_mark = first_look, reading.digit.reset();
      return reading;
    };
    const auto digits = ReadGroup(ink.plane, ink.groups.at(0), 100, kAlone, classify);
    ASSERT_EQ(digits.size(), 1u);
    EXPECT_EQ(again_count, first_look < kSureMark ? 1 : 0);
    EXPECT_EQ(digits[0].digit.has_value(), first_look < kSureMark);
  }
}

TEST(ReadGroup, LooksAgainOnlyAtTheWayItKeeps) {
  const Ink ink = InkOf(TouchingBars());
  // Each bar an unsure 1, both together hardly a digit: every way that parts them reads two unsure 1s.
  int again_count = 0;
  const Classifier unsure_bars = [&](const DigitImage& image, bool again) {
    DigitReading reading = BarClassifier(image, again);
    again_count += again;
    reading.confidence = reading.alternatives[0].confidence = 0.6f;
    return reading;
  };
  ASSERT_GT(CutWays(ink.groups.at(0).pieces, 100, kInARow).size(), 1u);
  const auto digits = ReadGroup(ink.plane, ink.groups.at(0), 100, kInARow, unsure_bars);
  ASSERT_EQ(digits.size(), 2u);
  EXPECT_EQ(again_count, 1 + 2);  // the group as geometry gave it, then the two 1s kept
}

}  // namespace
}  // namespace digits
