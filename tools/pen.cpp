#include "pen.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "components.h"

namespace digits {

namespace {

// One Zhang-Suen pass over `on` (1 = ink); returns whether any pixel was removed.
bool ThinPass(std::vector<uint8_t>& on, int w, int h, int pass) {
  std::vector<size_t> remove;
  for (int y = 1; y < h - 1; ++y) {
    for (int x = 1; x < w - 1; ++x) {
      if (!on[y * w + x]) continue;
      // Neighbours clockwise from north: P2 .. P9.
      const int p[8] = {on[(y - 1) * w + x],     on[(y - 1) * w + x + 1], on[y * w + x + 1],
                        on[(y + 1) * w + x + 1], on[(y + 1) * w + x],     on[(y + 1) * w + x - 1],
                        on[y * w + x - 1],       on[(y - 1) * w + x - 1]};
      int count = 0, transitions = 0;
      for (int i = 0; i < 8; ++i) count += p[i], transitions += !p[i] && p[(i + 1) % 8];
      if (count < 2 || count > 6 || transitions != 1) continue;
      const bool keep = pass == 0 ? (p[0] && p[2] && p[4]) || (p[2] && p[4] && p[6])
                                  : (p[0] && p[2] && p[6]) || (p[0] && p[4] && p[6]);
      if (!keep) remove.push_back(static_cast<size_t>(y) * w + x);
    }
  }
  for (size_t i : remove) on[i] = 0;
  return !remove.empty();
}

// How many skeleton pixels pixel i links to, 8-connected. A diagonal neighbour counts only when no pixel beside
// both links them already, or every step of a staircase would count as a junction.
int Links(const std::vector<uint8_t>& on, int w, size_t i) {
  int links = 0;
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      const bool beside = dx && dy && (on[i + dx] || on[i + dy * w]);
      links += (dx || dy) && on[i + dy * w + dx] && !beside;
    }
  }
  return links;
}

// A scan draws a hand's quick, light strokes faint, and thresholding breaks them. A stroke end of the skeleton
// is joined to the nearest skeleton pixel of another piece at most kBridgeReach away (in the twice-magnified
// frame) when the scan has at least kFaintInk all along the way: a pen would not have lifted there.
constexpr int kBridgeReach = 8;
constexpr uint8_t kFaintInk = 24;

struct Bridge {
  int from, to;  // pixel indices
  float length;
};

// The 8-connected pieces of a skeleton (1 = on), as the core finds pieces of ink.
std::vector<Component> SkeletonPieces(const std::vector<uint8_t>& on, int w, int h) {
  InkPlane plane{w, h, std::vector<uint8_t>(on.size())};
  std::transform(on.begin(), on.end(), plane.ink.begin(), [](uint8_t pixel) { return pixel ? 255 : 0; });
  return FindComponents(plane);
}

// A piece number per pixel of the skeleton, -1 off it.
std::vector<int> LabelPieces(const std::vector<uint8_t>& on, int w, int h) {
  std::vector<int> label(on.size(), -1);
  const std::vector<Component> pieces = SkeletonPieces(on, w, h);
  for (size_t k = 0; k < pieces.size(); ++k) {
    for (const Run& run : pieces[k].runs) std::fill_n(label.begin() + run.y * w + run.x0, run.x1 - run.x0, static_cast<int>(k));
  }
  return label;
}

// The shortest bridges that join the skeleton's pieces where the scan's faint ink joins them.
std::vector<Bridge> Bridges(const std::vector<uint8_t>& on, int w, int h, const Bitmap& bitmap) {
  const std::vector<int> piece = LabelPieces(on, w, h);
  auto scan_ink = [&](float x, float y) {  // (x, y) in the magnified frame, which has a 1-pixel border
    const int bx = std::clamp(static_cast<int>(x - 1) / 2, 0, bitmap.width - 1);
    const int by = std::clamp(static_cast<int>(y - 1) / 2, 0, bitmap.height - 1);
    return bitmap.ink[static_cast<size_t>(by) * bitmap.width + bx];
  };
  auto inked_between = [&](int x0, int y0, int x1, int y1) {
    const int steps = 2 * std::max(std::abs(x1 - x0), std::abs(y1 - y0));
    for (int i = 1; i < steps; ++i) {
      const float t = static_cast<float>(i) / steps;
      if (scan_ink(x0 + 0.5f + t * (x1 - x0), y0 + 0.5f + t * (y1 - y0)) < kFaintInk) return false;
    }
    return true;
  };
  std::vector<Bridge> candidates;
  for (int y = 1; y < h - 1; ++y) {
    for (int x = 1; x < w - 1; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      if (!on[i]) continue;
      int neighbours = 0;
      for (int dy = -1; dy <= 1; ++dy) for (int dx = -1; dx <= 1; ++dx) neighbours += (dx || dy) && on[i + dy * w + dx];
      if (neighbours > 1) continue;  // not the end of a stroke
      Bridge best{0, 0, kBridgeReach + 1.0f};
      for (int ny = std::max(0, y - kBridgeReach); ny <= std::min(h - 1, y + kBridgeReach); ++ny) {
        for (int nx = std::max(0, x - kBridgeReach); nx <= std::min(w - 1, x + kBridgeReach); ++nx) {
          const size_t n = static_cast<size_t>(ny) * w + nx;
          const float length = std::hypot(static_cast<float>(nx - x), static_cast<float>(ny - y));
          if (on[n] && piece[n] != piece[i] && length < best.length && inked_between(x, y, nx, ny)) {
            best = {static_cast<int>(i), static_cast<int>(n), length};
          }
        }
      }
      if (best.length <= kBridgeReach) candidates.push_back(best);
    }
  }
  // Shortest first, one bridge between any two pieces: joined[p] names the pieces already joined with p.
  std::sort(candidates.begin(), candidates.end(), [](const Bridge& a, const Bridge& b) { return a.length < b.length; });
  std::vector<int> joined(1 + *std::max_element(piece.begin(), piece.end()));
  std::iota(joined.begin(), joined.end(), 0);
  std::vector<Bridge> bridges;
  for (const Bridge& b : candidates) {
    const int a = joined[piece[b.from]], c = joined[piece[b.to]];
    if (a == c) continue;
    std::replace(joined.begin(), joined.end(), a, c);
    bridges.push_back(b);
  }
  return bridges;
}

float DistanceToSegment(float px, float py, float ax, float ay, float bx, float by) {
  const float dx = bx - ax, dy = by - ay;
  const float length2 = dx * dx + dy * dy;
  const float t = length2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / length2, 0.0f, 1.0f) : 0.0f;
  return std::hypot(px - ax - t * dx, py - ay - t * dy);
}

struct Point {
  float x, y;
};

Point Place(const Pen& pen, float gx, float gy) {
  // A slow tremor: smooth in position, different for each glyph through the phase.
  const float tremor_x = pen.wobble * std::sin(7.0f * gy + 3.0f * gx + pen.phase);
  const float tremor_y = pen.wobble * std::sin(6.0f * gx - 4.0f * gy + 1.7f * pen.phase);
  const float x = (gx * pen.stretch + pen.slant * gy + tremor_x) * pen.height;
  const float y = (gy + tremor_y) * pen.height;
  const float c = std::cos(pen.rotation), s = std::sin(pen.rotation);
  return {pen.x + c * x - s * y, pen.y + s * x + c * y};
}

void DrawCapsule(Point a, Point b, float radius, Canvas* canvas) {
  const int x0 = std::max(0, static_cast<int>(std::floor(std::min(a.x, b.x) - radius - 1)));
  const int x1 = std::min(canvas->width - 1, static_cast<int>(std::ceil(std::max(a.x, b.x) + radius + 1)));
  const int y0 = std::max(0, static_cast<int>(std::floor(std::min(a.y, b.y) - radius - 1)));
  const int y1 = std::min(canvas->height - 1, static_cast<int>(std::ceil(std::max(a.y, b.y) + radius + 1)));
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1; ++x) {
      const float d = DistanceToSegment(x + 0.5f, y + 0.5f, a.x, a.y, b.x, b.y);
      const float cover = std::clamp(radius + 0.5f - d, 0.0f, 1.0f);
      if (cover <= 0) continue;
      uint8_t* p = &canvas->rgba[(static_cast<size_t>(y) * canvas->width + x) * 4];
      const auto tone = static_cast<uint8_t>(std::lround(255 * (1 - cover)));
      p[0] = p[1] = p[2] = std::min(p[0], tone);
    }
  }
}

// The bitmap magnified twice, so that thin parts keep their skeleton, with a one-pixel border of paper.
std::vector<uint8_t> Magnified(const Bitmap& bitmap, int w, int h) {
  std::vector<uint8_t> grey(static_cast<size_t>(w) * h, 0);
  for (int y = 1; y < h - 1; ++y) {
    for (int x = 1; x < w - 1; ++x) grey[y * w + x] = bitmap.ink[((y - 1) / 2) * bitmap.width + (x - 1) / 2];
  }
  return grey;
}

// Half the typical width of the strokes: the median, over the skeleton's pixels, of their distance to the paper
// in the ink it was thinned from (a two-pass 3-4 chamfer distance, in pixels).
float StrokeRadius(const std::vector<uint8_t>& ink, const std::vector<uint8_t>& skeleton, int w, int h) {
  std::vector<int> distance(ink.size());
  for (size_t i = 0; i < ink.size(); ++i) distance[i] = ink[i] ? 1 << 20 : 0;
  auto relax = [&](int x, int y, int dx, int dy, int cost) {
    if (x + dx < 0 || x + dx >= w || y + dy < 0 || y + dy >= h) return;
    int& d = distance[y * w + x];
    d = std::min(d, distance[(y + dy) * w + x + dx] + cost);
  };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) relax(x, y, -1, 0, 3), relax(x, y, 0, -1, 3), relax(x, y, -1, -1, 4), relax(x, y, 1, -1, 4);
  }
  for (int y = h - 1; y >= 0; --y) {
    for (int x = w - 1; x >= 0; --x) relax(x, y, 1, 0, 3), relax(x, y, 0, 1, 3), relax(x, y, 1, 1, 4), relax(x, y, -1, 1, 4);
  }
  std::vector<int> radii;
  for (size_t i = 0; i < skeleton.size(); ++i) {
    if (skeleton[i]) radii.push_back(distance[i]);
  }
  if (radii.empty()) return 0;
  std::nth_element(radii.begin(), radii.begin() + radii.size() / 2, radii.end());
  return radii[radii.size() / 2] / 3.0f;
}

// The share of `weight`, over the magnified frame, that lies farther than `reach` from every pixel of the trace:
// what a pen drawn along the trace `reach` wide on either side does not cover.
float Uncovered(const std::vector<uint8_t>& trace, int reach, const std::vector<uint8_t>& weight, int w, int h) {
  std::vector<uint8_t> covered(trace.size(), 0);
  for (size_t i = 0; i < trace.size(); ++i) {
    if (!trace[i]) continue;
    const int cx = static_cast<int>(i % w), cy = static_cast<int>(i / w);
    for (int y = std::max(0, cy - reach); y <= std::min(h - 1, cy + reach); ++y) {
      for (int x = std::max(0, cx - reach); x <= std::min(w - 1, cx + reach); ++x) {
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= reach * reach) covered[y * w + x] = 1;
      }
    }
  }
  double all = 0, lost = 0;
  for (size_t i = 0; i < weight.size(); ++i) all += weight[i], lost += covered[i] ? 0 : weight[i];
  return all > 0 ? static_cast<float>(lost / all) : 0.0f;
}

// Whether the trace keeps the bitmap (`grey`, magnified): a pen of the strokes' typical width drawn along it
// covers all but kMostLostInk of the bitmap's ink from kFaintInk (with a pixel of anti-aliasing to spare), and
// all but kMostBlot of the ink it was traced from. A faint stroke the trace dropped, or a blot (a loop filled
// in, which thins to a hook), is left uncovered.
bool Keeps(const std::vector<uint8_t>& grey, const std::vector<uint8_t>& ink, const std::vector<uint8_t>& trace, int w,
           int h) {
  std::vector<uint8_t> faint = grey;
  for (uint8_t& g : faint) g = g >= kFaintInk ? g : 0;
  const int stroke = static_cast<int>(std::ceil(StrokeRadius(ink, trace, w, h)));
  return Uncovered(trace, stroke + 2, faint, w, h) <= kMostLostInk && Uncovered(trace, stroke + 1, ink, w, h) <= kMostBlot;
}

// The skeleton with its bridges drawn in.
std::vector<uint8_t> Bridged(std::vector<uint8_t> skeleton, int w, const std::vector<Bridge>& bridges) {
  for (const Bridge& b : bridges) {
    const int x0 = b.from % w, y0 = b.from / w, x1 = b.to % w, y1 = b.to / w;
    const int steps = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
    for (int k = 1; k < steps; ++k) skeleton[(y0 + (y1 - y0) * k / steps) * w + x0 + (x1 - x0) * k / steps] = 1;
  }
  return skeleton;
}

// Whether a piece of the trace is a fragment: shorter either way than kFragment of the glyph's height.
bool HasFragments(const std::vector<uint8_t>& trace, int w, int h, int glyph_height) {
  const std::vector<Component> pieces = SkeletonPieces(trace, w, h);
  return std::any_of(pieces.begin(), pieces.end(), [&](const Component& c) {
    return std::max(c.box.width(), c.box.height()) < kFragment * glyph_height;
  });
}

// The bitmap's ink from `level` on, traced; `grey` is the bitmap magnified.
Glyph TraceAt(const Bitmap& bitmap, const std::vector<uint8_t>& grey, uint8_t level) {
  const int w = bitmap.width * 2 + 2, h = bitmap.height * 2 + 2;
  std::vector<uint8_t> ink = grey;
  for (uint8_t& g : ink) g = g >= level;
  std::vector<uint8_t> on = ink;
  while (ThinPass(on, w, h, 0) | ThinPass(on, w, h, 1)) {
  }
  int top = h, bottom = -1, left = w, right = -1;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (on[y * w + x]) top = std::min(top, y), bottom = std::max(bottom, y), left = std::min(left, x), right = std::max(right, x);
    }
  }
  Glyph glyph;
  glyph.faithful = bottom >= 0;  // no ink at this level: nothing of the bitmap is kept
  if (bottom < 0) return glyph;
  const float unit = static_cast<float>(std::max(1, bottom - top));
  const float cx = (left + right) / 2.0f, cy = (top + bottom) / 2.0f;
  glyph.width = (right - left) / unit;
  auto frame = [&](int x, int y) { return Point{(x - cx) / unit, (y - cy) / unit}; };
  const int forward[4][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}};  // each neighbour pair joined once
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (!on[y * w + x]) continue;
      const Point a = frame(x, y);
      bool joined = false;
      for (const auto& d : forward) {
        const int nx = x + d[0], ny = y + d[1];
        if (nx < 0 || nx >= w || ny >= h || !on[ny * w + nx]) continue;
        const Point b = frame(nx, ny);
        glyph.strokes.push_back({a.x, a.y, b.x, b.y});
        joined = true;
      }
      if (!joined) glyph.strokes.push_back({a.x, a.y, a.x, a.y});  // a dot, or the end of a stroke
    }
  }
  for (size_t i = static_cast<size_t>(w); i < on.size() - w; ++i) {
    if (!on[i] || Links(on, w, i) < 3) continue;
    const Point j = frame(static_cast<int>(i % w), static_cast<int>(i / w));
    glyph.junctions.push_back({j.x, j.y});
  }
  const std::vector<Bridge> bridges = Bridges(on, w, h, bitmap);
  for (const Bridge& b : bridges) {
    const Point a = frame(b.from % w, b.from / w), c = frame(b.to % w, b.to / w);
    glyph.strokes.push_back({a.x, a.y, c.x, c.y});
  }
  const std::vector<uint8_t> trace = Bridged(std::move(on), w, bridges);
  glyph.faithful = Keeps(grey, ink, trace, w, h) && !HasFragments(trace, w, h, bottom - top + 1);
  return glyph;
}

}  // namespace

Glyph TraceBitmap(const Bitmap& bitmap) {
  const std::vector<uint8_t> grey = Magnified(bitmap, bitmap.width * 2 + 2, bitmap.height * 2 + 2);
  Glyph first = TraceAt(bitmap, grey, kTraceLevels[0]);
  for (size_t i = 1; i < std::size(kTraceLevels) && !first.faithful; ++i) {
    Glyph glyph = TraceAt(bitmap, grey, kTraceLevels[i]);
    if (glyph.faithful) return glyph;
  }
  return first;
}

void StopShort(float x, float y, float dx, float dy, float radius, Glyph* glyph) {
  // The stroke's part within `radius`: segments whose middles lie within 45 degrees of its heading. The
  // skeleton's other strokes leave a junction at wider angles.
  auto on_the_stroke = [&](const Segment& s) {
    const float mx = (s.x0 + s.x1) / 2 - x, my = (s.y0 + s.y1) / 2 - y, distance = std::hypot(mx, my);
    return distance < radius && mx * dx + my * dy > std::cos(0.785f) * distance * std::hypot(dx, dy);
  };
  glyph->strokes.erase(std::remove_if(glyph->strokes.begin(), glyph->strokes.end(), on_the_stroke), glyph->strokes.end());
}

void DrawGlyph(const Glyph& glyph, const Pen& pen, Canvas* canvas) {
  for (const Segment& s : glyph.strokes) {
    DrawCapsule(Place(pen, s.x0, s.y0), Place(pen, s.x1, s.y1), pen.radius, canvas);
  }
}

std::vector<Polyline> GlyphStrokes(const Glyph& glyph, const Pen& pen) {
  // Segments meet at exactly equal end points (skeleton pixel centres), so they chain by equality.
  std::map<std::pair<float, float>, std::vector<size_t>> at;
  for (size_t i = 0; i < glyph.strokes.size(); ++i) {
    at[{glyph.strokes[i].x0, glyph.strokes[i].y0}].push_back(i);
    at[{glyph.strokes[i].x1, glyph.strokes[i].y1}].push_back(i);
  }
  std::vector<bool> used(glyph.strokes.size(), false);
  auto walk = [&](std::pair<float, float> point) {
    Polyline line{{point}};
    for (bool extended = true; extended;) {
      extended = false;
      for (size_t i : at[point]) {
        if (used[i]) continue;
        used[i] = extended = true;
        const Segment& s = glyph.strokes[i];
        point = point == std::make_pair(s.x0, s.y0) ? std::make_pair(s.x1, s.y1) : std::make_pair(s.x0, s.y0);
        line.push_back(point);
        break;
      }
    }
    return line;
  };
  std::vector<Polyline> lines;
  // Start at stroke ends (points with one segment) first, then whatever loops remain.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& [point, segments] : at) {
      const bool unused = std::any_of(segments.begin(), segments.end(), [&](size_t i) { return !used[i]; });
      if (unused && (pass == 1 || segments.size() == 1)) lines.push_back(walk(point));
    }
  }
  for (Polyline& line : lines) {
    for (auto& p : line) {
      const Point placed = Place(pen, p.first, p.second);
      p = {placed.x, placed.y};
    }
  }
  return lines;
}

Segment GlyphExtent(const Glyph& glyph, const Pen& pen) {
  Segment box{1e9f, 1e9f, -1e9f, -1e9f};
  Pen still = pen;
  still.wobble = 0;
  for (const Segment& s : glyph.strokes) {
    for (const Point& p : {Place(still, s.x0, s.y0), Place(still, s.x1, s.y1)}) {
      box = {std::min(box.x0, p.x - pen.radius), std::min(box.y0, p.y - pen.radius),
             std::max(box.x1, p.x + pen.radius), std::max(box.y1, p.y + pen.radius)};
    }
  }
  return box;
}

}  // namespace digits
