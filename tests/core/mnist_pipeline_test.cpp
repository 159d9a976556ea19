// All 10,000 MNIST test digits, each drawn onto a canvas and read through the whole pipeline.
#include <gtest/gtest.h>

#include <cstdio>

#include "canvas.h"
#include "mnist.h"
#include "recognizer.h"

namespace digits {
namespace {

// The native figure (99.54%; the model card gives the wasm one), rounded down: the pipeline must not fall below it.
constexpr double kModelCardAccuracy = 0.995;

TEST(MnistPipeline, ReadsTheTestSetAtTheModelCardAccuracy) {
  MnistSet set;
  std::string error;
  ASSERT_TRUE(ReadMnist(MNIST_DIR, "t10k", &set, &error)) << error;
  Recognizer recognizer;
  ASSERT_TRUE(Recognizer::Create(&recognizer).ok());
  size_t right = 0;
  for (size_t i = 0; i < set.images.size(); ++i) {
    // Sizes and places vary with the index: from a third of the canvas to nearly all of it.
    const float scale = 3.0f + static_cast<float>(i % 7);
    Canvas canvas = BlankCanvas(280, 280);
    const int free = 280 - static_cast<int>(28 * scale);
    DrawMnistDigit(set.images[i], scale, static_cast<int>(i * 37 % (free + 1)), static_cast<int>(i * 53 % (free + 1)), &canvas);
    Reading reading;
    ASSERT_TRUE(recognizer.Recognize(canvas.rgba.data(), canvas.width, canvas.height, canvas.rgba.size(), &reading).ok());
    right += reading.numbers.size() == 1 && reading.numbers[0].text == std::to_string(set.labels[i]);
  }
  const double accuracy = static_cast<double>(right) / set.images.size();
  std::printf("MNIST test through the pipeline: %zu / %zu = %.2f%%\n", right, set.images.size(), 100 * accuracy);
  EXPECT_GE(accuracy, kModelCardAccuracy);
}

}  // namespace
}  // namespace digits
