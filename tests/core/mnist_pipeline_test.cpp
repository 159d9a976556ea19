// All 10,000 MNIST test digits, each drawn onto a canvas and read through the whole pipeline.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>

#include "canvas.h"
#include "mnist.h"
#include "recognizer.h"

namespace digits {
namespace {

// The native figures (99.61% as drawn by the benchmark, 99.62% at 28x28; the model card gives the wasm ones),
// rounded down: the pipeline must not fall below them.
constexpr double kModelCardAccuracy = 0.995;

// The share of the test set read right, each digit drawn by `draw(image, index)`.
double Accuracy(const std::function<Canvas(const MnistImage&, size_t)>& draw) {
  MnistSet set;
  std::string error;
  EXPECT_TRUE(ReadMnist(MNIST_DIR, "t10k", &set, &error)) << error;
  Recognizer recognizer;
  EXPECT_TRUE(Recognizer::Create(&recognizer).ok());
  size_t right = 0;
  for (size_t i = 0; i < set.images.size(); ++i) {
    const Canvas canvas = draw(set.images[i], i);
    Reading reading;
    EXPECT_TRUE(recognizer.Recognize(canvas.rgba.data(), canvas.width, canvas.height, canvas.rgba.size(), &reading).ok());
    right += reading.numbers.size() == 1 && reading.numbers[0].text == std::to_string(set.labels[i]);
  }
  return set.images.empty() ? 0.0 : static_cast<double>(right) / set.images.size();
}

TEST(MnistPipeline, ReadsTheTestSetAtTheModelCardAccuracy) {
  const double accuracy = Accuracy([](const MnistImage& image, size_t i) {
    // Sizes and places vary with the index: from a third of the canvas to nearly all of it.
    const float scale = 3.0f + static_cast<float>(i % 7);
    Canvas canvas = BlankCanvas(280, 280);
    const int free = 280 - static_cast<int>(28 * scale);
    DrawMnistDigit(image, scale, static_cast<int>(i * 37 % (free + 1)), static_cast<int>(i * 53 % (free + 1)), &canvas);
    return canvas;
  });
  std::printf("MNIST test through the pipeline: %.2f%%\n", 100 * accuracy);
  EXPECT_GE(accuracy, kModelCardAccuracy);
}

// A page may hand over MNIST's pixels as they are: a 28x28 canvas reads as well as a large one.
TEST(MnistPipeline, ReadsTheTestSetAtItsOwnSize) {
  const double accuracy = Accuracy([](const MnistImage& image, size_t) {
    Canvas canvas = BlankCanvas(kMnistSide, kMnistSide);
    DrawMnistDigit(image, 1.0f, 0, 0, &canvas);
    return canvas;
  });
  std::printf("MNIST test at 28x28 through the pipeline: %.2f%%\n", 100 * accuracy);
  EXPECT_GE(accuracy, kModelCardAccuracy);
}

}  // namespace
}  // namespace digits
