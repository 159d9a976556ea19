#include "cut_parts.h"

#include <algorithm>

#include "recognizer.h"
#include "split_group.h"

namespace digits {

namespace {

// Ink pixels of each glyph among the runs.
std::vector<int> InkHeld(const std::vector<Run>& runs, const std::vector<int>& owner, int width, size_t glyphs) {
  std::vector<int> held(glyphs, 0);
  for (const Run& run : runs) {
    for (int x = run.x0; x < run.x1; ++x) {
      const int g = owner[static_cast<size_t>(run.y) * width + x];
      if (g >= 0) ++held[g];
    }
  }
  return held;
}

// The part's label (see kOwnInk), or -1.
int PartLabel(const std::vector<int>& held, const std::vector<int>& glyph_ink, const std::vector<int>& digits) {
  int all = 0;
  for (int h : held) all += h;
  if (all == 0 || held.size() < 2) return -1;
  std::vector<size_t> order(held.size());
  for (size_t g = 0; g < order.size(); ++g) order[g] = g;
  std::partial_sort(order.begin(), order.begin() + 2, order.end(), [&](size_t a, size_t b) { return held[a] > held[b]; });
  // The share of a glyph's ink the part holds; a glyph drawn wholly under its neighbour owns no pixel.
  const auto kept = [&](size_t g) { return static_cast<double>(held[g]) / (glyph_ink[g] + 1); };
  const size_t first = order[0], second = order[1];
  if (held[first] >= kOwnInk * all && kept(first) >= kKeptInk) return digits[first];
  if (kept(first) >= kTouchingKeptInk && kept(second) >= kTouchingKeptInk && held[second] >= kTouchingShare * all) {
    return kTouchingDigits;
  }
  return -1;
}

}  // namespace

std::vector<int> InkOwners(const std::vector<std::pair<Glyph, Pen>>& drawn, int width, int height) {
  const size_t pixels = static_cast<size_t>(width) * height;
  std::vector<int> owner(pixels, -1);
  std::vector<uint8_t> darkest(pixels, 255);
  for (size_t g = 0; g < drawn.size(); ++g) {
    Canvas alone = BlankCanvas(width, height);
    DrawGlyph(drawn[g].first, drawn[g].second, &alone);
    for (size_t i = 0; i < pixels; ++i) {
      if (alone.rgba[4 * i] < darkest[i]) darkest[i] = alone.rgba[4 * i], owner[i] = static_cast<int>(g);
    }
  }
  return owner;
}

std::vector<CutPart> CutParts(const InkPlane& plane, const std::vector<int>& owner, const std::vector<int>& digits) {
  std::vector<Component> components = FindComponents(plane);
  std::vector<Run> ink;
  for (const Component& c : components) ink.insert(ink.end(), c.runs.begin(), c.runs.end());
  const std::vector<int> glyph_ink = InkHeld(ink, owner, plane.width, digits.size());
  const std::vector<DigitInk> groups = SegmentDigits(std::move(components));
  const int line_height = LineHeight(groups);

  std::vector<CutPart> parts;
  auto label = [&](const std::vector<Run>& runs) {
    return PartLabel(InkHeld(runs, owner, plane.width, digits.size()), glyph_ink, digits);
  };
  const bool alone = groups.size() == 1;
  for (const DigitInk& group : groups) {
    if (label(group.runs()) != kTouchingDigits) continue;
    std::vector<CutPieces> ways = CutWays(group.pieces, line_height, alone);
    ways.push_back({group.pieces, false});  // and the group as geometry gives it
    for (CutPieces& way : ways) {
      std::vector<Piece>& pieces = way.pieces;
      SortLeftToRight(pieces);
      for (size_t first = 0; first < pieces.size(); ++first) {
        std::vector<Run> runs;
        for (size_t last = first; last < std::min(pieces.size(), first + kMaxPiecesPerDigit); ++last) {
          runs.insert(runs.end(), pieces[last].runs.begin(), pieces[last].runs.end());
          const int part = label(runs);
          if (part >= 0) parts.push_back({runs, part});
        }
      }
    }
  }
  return parts;
}

}  // namespace digits
