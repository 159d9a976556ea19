// Puts every MNIST image through the core's preprocessing, as the recognizer will see it at run time:
// drawn on a canvas at a random size and place, found, cut out and normalized. Training reads the result,
// so the network learns exactly the images the core gives it.
//
//   mnist_prepare MNIST_DIR PREFIX OUTPUT_STEM SEED
// writes OUTPUT_STEM.images.f32 (N x 28 x 28 float32) and OUTPUT_STEM.labels.u8 (N bytes).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "canvas.h"
#include "find_digits.h"
#include "mnist.h"

using namespace digits;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: mnist_prepare MNIST_DIR PREFIX OUTPUT_STEM SEED\n");
    return 2;
  }
  MnistSet set;
  std::string error;
  if (!ReadMnist(argv[1], argv[2], &set, &error)) {
    std::fprintf(stderr, "mnist_prepare: %s\n", error.c_str());
    return 1;
  }
  std::mt19937 random(static_cast<unsigned>(std::stoul(argv[4])));
  std::uniform_real_distribution<float> scale_of(1.5f, 6.0f);
  std::uniform_int_distribution<int> margin_of(2, 40);

  std::ofstream images(std::string(argv[3]) + ".images.f32", std::ios::binary);
  std::ofstream labels(std::string(argv[3]) + ".labels.u8", std::ios::binary);
  size_t split = 0;
  for (size_t i = 0; i < set.images.size(); ++i) {
    const float scale = scale_of(random);
    const int left = margin_of(random), top = margin_of(random);
    const int side = static_cast<int>(kMnistSide * scale);
    Canvas canvas = BlankCanvas(side + left + margin_of(random), side + top + margin_of(random));
    DrawMnistDigit(set.images[i], scale, left, top, &canvas);
    std::vector<FoundDigit> found;
    FindDigits(canvas.rgba.data(), canvas.width, canvas.height, canvas.rgba.size(), &found);
    // A digit the segmenter breaks apart still trains as its largest piece: that is what the reader sees.
    if (found.size() != 1) ++split;
    const DigitImage* image = nullptr;
    int largest = -1;
    for (const FoundDigit& f : found) {
      if (f.box.width() * f.box.height() > largest) largest = f.box.width() * f.box.height(), image = &f.image;
    }
    const DigitImage empty{};
    if (image == nullptr) image = &empty;
    images.write(reinterpret_cast<const char*>(image->data()), sizeof *image);
    labels.put(static_cast<char>(set.labels[i]));
  }
  std::printf("%zu images prepared, %zu of them not found as exactly one digit\n", set.images.size(), split);
  return images && labels ? 0 : 1;
}
