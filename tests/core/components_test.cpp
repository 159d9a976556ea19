#include "components.h"

#include <gtest/gtest.h>

#include "test_canvas.h"

namespace digits {
namespace {

std::vector<Component> ComponentsOf(const Canvas& canvas) {
  return FindComponents(ExtractInk(canvas.rgba.data(), canvas.width, canvas.height));
}

TEST(FindComponents, SeparateBlobsAreSeparate) {
  Canvas canvas = BlankCanvas(30, 10);
  FillRect(&canvas, 2, 2, 5, 5);
  FillRect(&canvas, 20, 3, 4, 6);
  const auto components = ComponentsOf(canvas);
  ASSERT_EQ(components.size(), 2u);
  EXPECT_EQ(components[0].box.x0, 2);
  EXPECT_EQ(components[0].box.width(), 5);
  EXPECT_NEAR(components[0].mass, 25, 1e-6);
  EXPECT_EQ(components[1].box.y1, 9);
}

TEST(FindComponents, DiagonalNeighboursConnect) {
  Canvas canvas = BlankCanvas(10, 10);
  for (int i = 0; i < 8; ++i) Paint(&canvas, i, i, 0);
  EXPECT_EQ(ComponentsOf(canvas).size(), 1u);
}

TEST(FindComponents, UShapeJoinsAtTheBottom) {
  Canvas canvas = BlankCanvas(20, 20);
  FillRect(&canvas, 2, 2, 3, 15);
  FillRect(&canvas, 12, 2, 3, 15);
  FillRect(&canvas, 2, 15, 13, 3);
  const auto components = ComponentsOf(canvas);
  ASSERT_EQ(components.size(), 1u);
  EXPECT_EQ(components[0].box.width(), 13);
}

TEST(FindComponents, FaintAntiAliasingIsNotAStroke) {
  Canvas canvas = BlankCanvas(10, 10);
  FillRect(&canvas, 2, 2, 3, 3, 240);  // ink 15 of 255
  EXPECT_TRUE(ComponentsOf(canvas).empty());
}

}  // namespace
}  // namespace digits
