#include "stem.h"

#include <algorithm>
#include <cmath>

namespace digits {

namespace {

// The rest must hold at least this share of its ink on each side of the stroke's middle row.
constexpr double kLeastInkPerHalf = 0.25;

// The piece's ink as a bitmap over its box, one byte a pixel.
struct Bitmap {
  int width, height;
  std::vector<uint8_t> ink;

  explicit Bitmap(const Piece& piece)
      : width(piece.box.width()), height(piece.box.height()), ink(static_cast<size_t>(width) * height, 0) {
    for (const Run& run : piece.runs) {
      std::fill_n(ink.begin() + (run.y - piece.box.y0) * width + run.x0 - piece.box.x0, run.x1 - run.x0, 1);
    }
  }
  bool At(int x, int y) const { return x >= 0 && x < width && ink[y * width + x]; }
  // Ink at x or a pixel beside it: a hand-drawn straight line wavers by a pixel.
  bool Near(int x, int y) const { return At(x - 1, y) || At(x, y) || At(x + 1, y); }
};

// The fewest rows a stroke needs to be a 1 of its own.
int StemRows(int line_height) { return static_cast<int>(std::ceil(kStemLength * line_height)); }

// A straight stroke: over rows [top, bottom) of the box it runs through column x0 + slant * row.
struct Stroke {
  int top = 0, bottom = 0;
  double x0 = 0, slant = 0;

  int length() const { return bottom - top; }
  // Rounded half away from zero, as std::lround does; std::lround is a library call and took a third of the
  // search's time.
  int x(int row) const {
    const double at = x0 + slant * row;
    const int whole = static_cast<int>(at);  // toward zero
    return whole + (at - whole >= 0.5) - (at - whole <= -0.5);
  }
};

// The tallest straight line, at any slant within kStemSlant, that meets ink in every row but short gaps, and
// whose middle lies at least `distance` columns from `other`'s in the same row. A line is given up as soon as it
// can no longer outgrow the best found nor reach `shortest` rows (a shorter stroke is no 1 of its own anyway).
Stroke TallestStroke(const Bitmap& bitmap, int shortest, const Stroke& other = {}, int distance = 0) {
  const int gap = std::max(2, bitmap.height / 16);  // rows a line may miss: a pen skipping, a pixel of wobble
  Stroke best;
  const int slants = static_cast<int>(std::lround(kStemSlant / kStemSlantStep));
  for (int s = -slants; s <= slants; ++s) {
    const double slant = s * kStemSlantStep;
    const int shift = static_cast<int>(std::ceil(std::abs(slant) * bitmap.height));
    for (int x0 = slant > 0 ? -shift : 0; x0 < bitmap.width + (slant < 0 ? shift : 0); ++x0) {
      Stroke line{0, 0, static_cast<double>(x0), slant};
      int last = -gap - 1;
      for (int row = 0; row < bitmap.height; ++row) {
        const bool broken = row - last > gap;  // a stroke here would begin anew
        if (broken && bitmap.height - row < std::max(best.length() + 1, shortest)) break;  // nor grow enough
        if (!bitmap.Near(line.x(row), row)) continue;
        if (broken) line.top = row;
        last = row, line.bottom = row + 1;
        const int middle = (line.top + line.bottom) / 2;
        if (line.length() > best.length() && std::abs(line.x(middle) - other.x(middle)) >= distance) best = line;
      }
    }
  }
  return best;
}

// The run of ink in the row that the stroke passes through (or beside), as columns [x0, x1) of the box.
std::pair<int, int> RunAround(const Bitmap& bitmap, int x, int row) {
  if (!bitmap.At(x, row)) x = bitmap.At(x - 1, row) ? x - 1 : x + 1;
  if (!bitmap.At(x, row)) return {x, x};
  int x0 = x, x1 = x + 1;
  while (bitmap.At(x0 - 1, row)) --x0;
  while (bitmap.At(x1, row)) ++x1;
  return {x0, x1};
}

// The piece as the stroke's own pixels and the rest; the piece alone where the stroke is too short for a 1 or
// the rest is no digit.
std::vector<Piece> SplitAlong(const Piece& piece, const Bitmap& bitmap, const Stroke& stroke, int line_height) {
  if (stroke.length() < StemRows(line_height)) return {piece};

  // The runs of ink the stroke passes through, row by row (none in the rows it skips).
  std::vector<Run> crossed;
  for (int row = stroke.top; row < stroke.bottom; ++row) {
    const auto [x0, x1] = RunAround(bitmap, stroke.x(row), row);
    if (x1 > x0) crossed.push_back({row, x0, x1});
  }
  // The pen's width is the typical run the stroke passes through; where a run is much longer, the stroke
  // crosses the other digit's ink there and keeps only its own width of it.
  std::vector<int> widths;
  for (const Run& run : crossed) widths.push_back(run.x1 - run.x0);
  std::sort(widths.begin(), widths.end());
  const int pen = widths[widths.size() / 2];

  std::vector<uint8_t> own(bitmap.ink.size(), 0);  // pixels of the stroke
  for (Run run : crossed) {
    const int x = stroke.x(run.y);
    if (run.x1 - run.x0 > 2 * pen) run.x0 = std::max(run.x0, x - pen / 2), run.x1 = std::min(run.x1, x + pen - pen / 2);
    std::fill(own.begin() + run.y * bitmap.width + run.x0, own.begin() + run.y * bitmap.width + run.x1, 1);
  }

  Piece parts[2];  // the stroke, the rest
  for (const Run& run : piece.runs) {
    const int row = run.y - piece.box.y0;
    for (int x = run.x0; x < run.x1;) {
      const uint8_t kind = own[row * bitmap.width + x - piece.box.x0];
      int end = x + 1;
      while (end < run.x1 && own[row * bitmap.width + end - piece.box.x0] == kind) ++end;
      Piece& part = parts[kind ? 0 : 1];
      part.runs.push_back({run.y, x, end});
      part.box = part.box.united({x, run.y, end, run.y + 1});
      x = end;
    }
  }
  // A digit is left only if the rest has ink all the way down beside the stroke, not only at one end of it:
  // a P's bowl, a Y's arms or an F's bars are not a digit of their own.
  int upper = 0, lower = 0;
  const int middle = piece.box.y0 + (stroke.top + stroke.bottom) / 2;
  for (const Run& run : parts[1].runs) (run.y < middle ? upper : lower) += run.x1 - run.x0;
  if (std::min(upper, lower) < kLeastInkPerHalf * (upper + lower)) return {piece};
  return {parts[0], parts[1]};
}

}  // namespace

std::vector<Piece> SplitOffStem(const Piece& piece, int line_height) {
  const Bitmap bitmap(piece);
  return SplitAlong(piece, bitmap, TallestStroke(bitmap, StemRows(line_height)), line_height);
}

std::vector<Piece> SplitOffOtherStem(const Piece& piece, int line_height) {
  const Bitmap bitmap(piece);
  const int shortest = StemRows(line_height);
  const Stroke tallest = TallestStroke(bitmap, shortest);
  if (tallest.length() < shortest) return {piece};
  const int distance = std::max(1, static_cast<int>(kStemsApart * line_height));
  return SplitAlong(piece, bitmap, TallestStroke(bitmap, shortest, tallest, distance), line_height);
}

}  // namespace digits
