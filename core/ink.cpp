#include "ink.h"

#include <algorithm>
#include <array>
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

// Luma of the pixel composited over white; transparent pixels read as paper.
uint8_t LumaOverWhite(const uint8_t* p) {
  const int luma = (p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8;
  const int alpha = p[3];
  return static_cast<uint8_t>((luma * alpha + 255 * (255 - alpha)) / 255);
}

uint8_t MostCommonTone(const std::vector<uint8_t>& luma) {
  std::array<size_t, 256> histogram{};
  for (uint8_t v : luma) ++histogram[v];
  return static_cast<uint8_t>(std::max_element(histogram.begin(), histogram.end()) - histogram.begin());
}

}  // namespace

InkPlane ExtractInk(const uint8_t* rgba, int width, int height) {
  InkPlane plane{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height)};
  for (size_t i = 0; i < plane.ink.size(); ++i) plane.ink[i] = LumaOverWhite(rgba + 4 * i);

  // Ink lies on the far side of the background tone from the paper: below it on light paper, above it
  // on dark paper. Scale so that the darkest possible ink on this paper reads as full ink.
  const int background = MostCommonTone(plane.ink);
  const bool dark_paper = background < 128;
  const int range = std::max(1, dark_paper ? 255 - background : background);
  for (uint8_t& v : plane.ink) {
    const int distance = dark_paper ? v - background : background - v;
    v = static_cast<uint8_t>(std::clamp(distance * 255 / range, 0, 255));
  }
  return plane;
}

}  // namespace digits
