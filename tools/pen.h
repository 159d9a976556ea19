// Handwriting as a canvas holds it, made from glyph bitmaps: a glyph is thinned to its skeleton, traced into
// short segments, and redrawn with a round pen of any width, size, slant and wobble. Evaluation sets and
// training data are both drawn this way.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "canvas.h"

namespace digits {

// A line from (x0, y0) to (x1, y1) in a glyph's own frame: the glyph is 1 unit tall, centred on (0, 0).
struct Segment {
  float x0, y0, x1, y1;
};

struct Glyph {
  std::vector<Segment> strokes;
  float width = 0;  // of the glyph's box, in units of its height
  // Where three or more strokes of a traced skeleton meet (a 4's bar and stem, a 9's loop and stem), in the
  // glyph's frame: where a writer's second stroke may stop short of the first.
  std::vector<std::pair<float, float>> junctions;
  // Whether the trace keeps the bitmap it was traced from (TraceBitmap): a scan's faint strokes vanish or break
  // into dots, and a bold loop fills in and thins to a hook (a 6 becomes an L). A glyph redrawn from such a
  // trace is no longer the digit its label says, and no pen writes it.
  bool faithful = true;
};

// A grey bitmap (0 paper .. 255 ink), row-major.
struct Bitmap {
  int width = 0, height = 0;
  std::vector<uint8_t> ink;
};

// Thins the bitmap's ink to a one-pixel skeleton (Zhang-Suen) and joins neighbouring skeleton pixels. Ink
// from the first of kTraceLevels whose trace is faithful is traced: a pen of the typical stroke's width drawn
// along it leaves at most kMostLostInk of the bitmap's ink uncovered and kMostBlot of the ink traced, and it
// has no fragment. Where no level's trace is, the first, marked unfaithful.
constexpr uint8_t kTraceLevels[] = {128, 192, 240};
constexpr float kMostLostInk = 0.1f;
constexpr float kMostBlot = 0.15f;
// A piece of the trace whose longer side is under this share of the glyph's height is a fragment.
constexpr float kFragment = 0.2f;
Glyph TraceBitmap(const Bitmap& bitmap);

// A stroke that leaves the junction (x, y) heading (dx, dy), in the glyph's frame, now stops `radius` short of
// it: the gap where a digit's second stroke does not quite reach its first.
void StopShort(float x, float y, float dx, float dy, float radius, Glyph* glyph);

// Where and how a glyph is written.
struct Pen {
  float x = 0, y = 0;      // canvas position of the glyph's centre
  float height = 100;      // in canvas pixels
  float slant = 0;         // horizontal shear: x += slant * y
  float rotation = 0;      // radians
  float stretch = 1;       // width factor
  float radius = 4;        // half the pen's width, in canvas pixels
  float wobble = 0;        // amplitude of slow hand tremor, in units of height
  float phase = 0;         // of the tremor, so that two glyphs differ
};

// Draws the glyph with round caps and anti-aliased edges, dark ink on the canvas.
void DrawGlyph(const Glyph& glyph, const Pen& pen, Canvas* canvas);

// The glyph as pen strokes on the canvas: its segments chained into polylines, in canvas pixels.
using Polyline = std::vector<std::pair<float, float>>;
std::vector<Polyline> GlyphStrokes(const Glyph& glyph, const Pen& pen);

// The glyph's box on the canvas once drawn with this pen (ignoring the tremor), as {x0, y0, x1, y1}.
Segment GlyphExtent(const Glyph& glyph, const Pen& pen);

}  // namespace digits
