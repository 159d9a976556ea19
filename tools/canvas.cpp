#include "canvas.h"

#include <algorithm>
#include <cmath>

namespace digits {

Canvas BlankCanvas(int width, int height) {
  return {width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height * 4, 255)};
}

namespace {

float Sample(const MnistImage& image, int x, int y) {
  if (x < 0 || y < 0 || x >= kMnistSide || y >= kMnistSide) return 0;
  return image[y * kMnistSide + x];
}

float Bilinear(const MnistImage& image, float u, float v) {
  const int x = static_cast<int>(std::floor(u)), y = static_cast<int>(std::floor(v));
  const float fx = u - x, fy = v - y;
  return (Sample(image, x, y) * (1 - fx) + Sample(image, x + 1, y) * fx) * (1 - fy) +
         (Sample(image, x, y + 1) * (1 - fx) + Sample(image, x + 1, y + 1) * fx) * fy;
}

}  // namespace

void DrawMnistDigit(const MnistImage& image, float scale, int left, int top, Canvas* canvas) {
  const int size = static_cast<int>(std::ceil(kMnistSide * scale));
  for (int y = std::max(0, top); y < std::min(canvas->height, top + size); ++y) {
    for (int x = std::max(0, left); x < std::min(canvas->width, left + size); ++x) {
      const float ink = Bilinear(image, (x - left + 0.5f) / scale - 0.5f, (y - top + 0.5f) / scale - 0.5f);
      uint8_t* p = &canvas->rgba[(static_cast<size_t>(y) * canvas->width + x) * 4];
      const auto tone = static_cast<uint8_t>(std::lround(255 - std::clamp(ink, 0.0f, 255.0f)));
      p[0] = p[1] = p[2] = std::min(p[0], tone);  // darkest wins where drawings overlap
    }
  }
}

}  // namespace digits
