#include "ink.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace digits {

Status ValidateCanvas(const uint8_t* rgba, int width, int height, size_t byte_length) {
  if (rgba == nullptr) return Status::Error(StatusCode::kNullPointer, "pixel data is null");
  if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide ||
      static_cast<long long>(width) * height > kMaxPixels) {
    return Status::Error(StatusCode::kBadSize,
                         "canvas size " + std::to_string(width) + "x" + std::to_string(height) +
                             " is outside 1x1 .. " + std::to_string(kMaxSide) + " per side and " +
                             std::to_string(kMaxPixels) + " pixels");
  }
  const size_t needed = static_cast<size_t>(width) * static_cast<size_t>(height) * 4;
  if (byte_length < needed) {
    return Status::Error(StatusCode::kShortBuffer, "pixel data has " + std::to_string(byte_length) +
                                                       " bytes, a " + std::to_string(width) + "x" +
                                                       std::to_string(height) + " RGBA canvas needs " +
                                                       std::to_string(needed));
  }
  return Status::Ok();
}

namespace {

// Luma of the pixel composited over white; transparent pixels read as paper. Branch-free, so the loop
// over the canvas vectorizes.
uint8_t LumaOverWhite(const uint8_t* p) {
  const unsigned luma = (p[0] * 77u + p[1] * 150u + p[2] * 29u) >> 8;
  const unsigned alpha = p[3];
  return static_cast<uint8_t>((luma * alpha + 255u * (255u - alpha)) / 255u);
}

// The most common tone among at most kToneSamples pixels spread evenly over the canvas: the paper covers
// most of any canvas, so a sample finds it as surely as a full count, at a fraction of the cost.
constexpr size_t kToneSamples = 16384;

uint8_t MostCommonTone(const uint8_t* rgba, size_t count) {
  std::array<uint32_t, 256> histogram{};
  const size_t stride = count / kToneSamples + 1;
  for (size_t i = 0; i < count; i += stride) ++histogram[LumaOverWhite(rgba + 4 * i)];
  return static_cast<uint8_t>(std::max_element(histogram.begin(), histogram.end()) - histogram.begin());
}

// Ink for every tone: the distance from the background tone toward the far end, scaled so that the
// darkest possible ink on this paper (or the lightest, on dark paper) is full ink.
std::array<uint8_t, 256> InkOfTone(int background) {
  const bool dark_paper = background < 128;
  const int range = std::max(1, dark_paper ? 255 - background : background);
  std::array<uint8_t, 256> ink{};
  for (int tone = 0; tone < 256; ++tone) {
    const int distance = dark_paper ? tone - background : background - tone;
    ink[tone] = static_cast<uint8_t>(std::clamp(distance * 255 / range, 0, 255));
  }
  return ink;
}

}  // namespace

InkPlane ExtractInk(const uint8_t* rgba, int width, int height) {
  const size_t count = static_cast<size_t>(width) * height;
  InkPlane plane{width, height, std::vector<uint8_t>(count)};
  const std::array<uint8_t, 256> ink = InkOfTone(MostCommonTone(rgba, count));
  const uint8_t* __restrict pixels = rgba;  // restrict: both are bytes, which could otherwise overlap
  uint8_t* __restrict out = plane.ink.data();
  for (size_t i = 0; i < count; ++i) {
    uint32_t pixel;
    std::memcpy(&pixel, pixels + 4 * i, sizeof pixel);
    // Opaque white and fully transparent black, most of a canvas, are white paper without arithmetic.
    const bool white = pixel == 0xFFFFFFFFu || pixel == 0;
    out[i] = ink[white ? 255 : LumaOverWhite(pixels + 4 * i)];
  }
  return plane;
}

}  // namespace digits
