// MNIST's IDX files. Their md5 sums are checked by scripts/mnist-data.mjs before any tool reads them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace digits {

constexpr int kMnistSide = 28;
using MnistImage = std::array<uint8_t, kMnistSide * kMnistSide>;  // white ink on black, row-major

struct MnistSet {
  std::vector<MnistImage> images;
  std::vector<uint8_t> labels;
};

// Reads `<prefix>-images-idx3-ubyte` and `<prefix>-labels-idx1-ubyte` ("train" or "t10k") from dir.
// Returns false with `error` set when a file is missing or malformed.
bool ReadMnist(const std::string& dir, const std::string& prefix, MnistSet* set, std::string* error);

}  // namespace digits
