#include "layout.h"

#include <gtest/gtest.h>

namespace digits {
namespace {

using Numbers = std::vector<std::vector<size_t>>;

TEST(GroupIntoNumbers, ReadsLeftToRightWhateverTheInputOrder) {
  const std::vector<Box> boxes = {{60, 0, 90, 50}, {0, 0, 25, 50}, {30, 2, 55, 52}};
  EXPECT_EQ(GroupIntoNumbers(boxes), (Numbers{{1, 2, 0}}));
}

TEST(GroupIntoNumbers, WideGapStartsANewNumber) {
  const std::vector<Box> boxes = {{0, 0, 25, 50}, {30, 0, 55, 50}, {120, 0, 145, 50}};
  EXPECT_EQ(GroupIntoNumbers(boxes), (Numbers{{0, 1}, {2}}));
}

TEST(GroupIntoNumbers, LinesAreReadTopToBottom) {
  const std::vector<Box> boxes = {{0, 100, 25, 150}, {0, 0, 25, 50}, {30, 100, 55, 150}};
  EXPECT_EQ(GroupIntoNumbers(boxes), (Numbers{{1}, {0, 2}}));
}

TEST(GroupIntoNumbers, UnevenBaselineStaysOneLine) {
  const std::vector<Box> boxes = {{0, 0, 25, 50}, {30, 20, 55, 70}, {60, 5, 85, 55}};
  EXPECT_EQ(GroupIntoNumbers(boxes), (Numbers{{0, 1, 2}}));
}

TEST(GroupIntoNumbers, NumbersOnALineWrittenUphillAreReadLeftToRight) {
  // Rising 0.3 per pixel: the second number's digits overlap the first's last by less than half their height.
  const std::vector<Box> boxes = {{0, 100, 25, 150}, {30, 91, 55, 141}, {60, 82, 85, 132},
                                  {170, 49, 195, 99}, {200, 40, 225, 90}};
  EXPECT_EQ(GroupIntoNumbers(boxes), (Numbers{{0, 1, 2}, {3, 4}}));
}

TEST(GroupIntoNumbers, NothingInNothingOut) { EXPECT_TRUE(GroupIntoNumbers({}).empty()); }

}  // namespace
}  // namespace digits
