#include "ink.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "simd.h"

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
  const unsigned luma = (p[0] * 77u + p[1] * 150u + p[2] * 29u) >> 8;
  const unsigned alpha = p[3];
  return static_cast<uint8_t>((luma * alpha + 255u * (255u - alpha)) / 255u);
}

// Opaque white and fully transparent black, most of any canvas, are white paper without arithmetic.
uint8_t Tone(const uint8_t* p) {
  uint32_t pixel;
  std::memcpy(&pixel, p, sizeof pixel);
  return pixel == 0xFFFFFFFFu || pixel == 0 ? 255 : LumaOverWhite(p);
}

// Whether the kSpan pixels at `p` are all transparent black, or, where `white_too`, all opaque white.
constexpr size_t kSpan = 16;
bool PaperSpan(const uint8_t* p, bool white_too) {
  v16u8 all = ~v16u8{}, any = v16u8{};
  for (size_t i = 0; i < 4 * kSpan; i += sizeof(v16u8)) {
    v16u8 bytes;
    std::memcpy(&bytes, p + i, sizeof bytes);
    all &= bytes;
    any |= bytes;
  }
  uint64_t halves[4];
  std::memcpy(halves, &all, sizeof all);
  std::memcpy(halves + 2, &any, sizeof any);
  return (white_too && (halves[0] & halves[1]) == ~uint64_t{0}) || (halves[2] | halves[3]) == 0;
}

// The tones of the kSpan pixels at `p` if all of them are opaque, as LumaOverWhite gives them (over white,
// an opaque pixel's tone is its luma), four at a time: most of a stroke's pixels, where the scalar path
// took a tenth of a reading. False if any pixel is not opaque.
bool OpaqueTones(const uint8_t* p, v16u8* tones) {
  v4i32 pixels[kSpan / 4];
  std::memcpy(pixels, p, sizeof pixels);
  v4i32 all = pixels[0];
  for (const v4i32& four : pixels) all &= four;
  const v4i32 opaque = (all >> 24 & 0xFF) == 0xFF;
  if (!(opaque[0] && opaque[1] && opaque[2] && opaque[3])) return false;
  // Each pixel's red and blue, and its green and alpha, as int16 pairs against the luma weights.
  const v8i16 red_blue{77, 29, 77, 29, 77, 29, 77, 29}, green_alpha{150, 0, 150, 0, 150, 0, 150, 0};
  v4i32 luma[kSpan / 4];
  for (size_t k = 0; k < kSpan / 4; ++k) {
    const v4i32 rb = pixels[k] & 0x00FF00FF, ga = pixels[k] >> 8 & 0x00FF00FF;
    luma[k] = (DotPairs(reinterpret_cast<v8i16>(rb), red_blue) + DotPairs(reinterpret_cast<v8i16>(ga), green_alpha)) >> 8;
  }
  *tones = NarrowToBytes(Narrow(luma[0], luma[1]), Narrow(luma[2], luma[3]));
  return true;
}

// The paper, the most common kind of pixel among at most kToneSamples spread evenly over the canvas: the paper
// covers most of any canvas, so a sample finds it as surely as a full count, at a fraction of the cost. Paper is
// either transparent (a canvas nothing was painted on but the writing) or opaque, of some tone.
constexpr size_t kToneSamples = 4096;

struct Paper {
  bool transparent;
  uint8_t tone;  // of opaque paper
};

Paper FindPaper(const uint8_t* rgba, size_t count) {
  std::array<uint32_t, 256> tones{};
  uint32_t transparent = 0;
  const size_t stride = count / kToneSamples + 1;
  for (size_t i = 0; i < count; i += stride) {
    const uint8_t* p = rgba + 4 * i;
    if (p[3] == 0) {
      ++transparent;
    } else {
      ++tones[Tone(p)];
    }
  }
  const auto most = std::max_element(tones.begin(), tones.end());
  return {transparent >= *most, static_cast<uint8_t>(most - tones.begin())};
}

// On transparent paper the writing is what was painted, in any colour: its ink is its opacity. (Composited
// over white, light ink on a transparent canvas would vanish.)
void InkOfOpacity(const uint8_t* rgba, size_t count, uint8_t* out) {
  for (size_t i = 0; i < count;) {
    if (i + kSpan <= count && PaperSpan(rgba + 4 * i, false)) {
      std::memset(out + i, 0, kSpan);
      i += kSpan;
      continue;
    }
    for (const size_t end = std::min(count, i + kSpan); i < end; ++i) out[i] = rgba[4 * i + 3];
  }
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
  uint8_t* out = plane.ink.data();
  const Paper paper = FindPaper(rgba, count);
  if (paper.transparent) {
    InkOfOpacity(rgba, count, out);
    return plane;
  }
  const std::array<uint8_t, 256> ink = InkOfTone(paper.tone);
  const bool white_paper = paper.tone == 255;
  for (size_t i = 0; i < count;) {
    if (i + kSpan <= count && PaperSpan(rgba + 4 * i, true)) {
      std::memset(out + i, ink[255], kSpan);
      i += kSpan;
      continue;
    }
    v16u8 tones;
    if (i + kSpan <= count && OpaqueTones(rgba + 4 * i, &tones)) {
      if (white_paper) {
        tones = 255 - tones;  // the ink of each tone on white paper, without the table
        std::memcpy(out + i, &tones, kSpan);
      } else {
        for (size_t k = 0; k < kSpan; ++k) out[i + k] = ink[tones[k]];
      }
      i += kSpan;
      continue;
    }
    for (const size_t end = std::min(count, i + kSpan); i < end; ++i) out[i] = ink[Tone(rgba + 4 * i)];
  }
  return plane;
}

}  // namespace digits
