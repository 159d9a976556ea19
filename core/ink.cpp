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

uint8_t MostCommonTone(const std::vector<uint8_t>& luma) {
  std::array<uint32_t, 256> histogram{};
  const size_t stride = luma.size() / kToneSamples + 1;
  for (size_t i = 0; i < luma.size(); i += stride) ++histogram[luma[i]];
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
  InkPlane plane{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height)};
  // Restrict-qualified: canvas and plane are both bytes, which the compiler must otherwise assume overlap.
  const uint8_t* __restrict pixels = rgba;
  uint8_t* __restrict luma = plane.ink.data();
  const size_t count = plane.ink.size();
  for (size_t i = 0; i < count; ++i) luma[i] = LumaOverWhite(pixels + 4 * i);

  const std::array<uint8_t, 256> ink = InkOfTone(MostCommonTone(plane.ink));
  for (uint8_t& v : plane.ink) v = ink[v];
  return plane;
}

}  // namespace digits
