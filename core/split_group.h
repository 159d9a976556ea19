// Splits a group of ink into digits by recognition: of all the ways to read its pieces left to right as
// digits, the one the classifier finds most likely wins, so neighbours that geometry joined come apart.
// Only when that reading is unsure are wide pieces also cut where little ink crosses (where touching
// digits meet) and the choice made again: most groups cost one run of the network.
#pragma once

#include <functional>
#include <vector>

#include "normalize.h"
#include "reading.h"
#include "segment.h"
#include "stem.h"

namespace digits {

// Pieces at least this wide, in line heights, may hold touching digits and get cut candidates.
constexpr double kCutWidthShare = 0.75;
// Each way of cutting cuts a piece at most this often. 4 rather than 3, once each way's parts are cut again
// (CutWays): 5 more of 6,000 numbers read right and none fewer (seeds 11, 29 and 31, board included); seed 7
// read every set the same, marks too.
constexpr int kMaxCutsPerPiece = 4;
// Cuts leave parts at least this wide, in line heights: apart from each other and from the piece's ends.
constexpr double kNarrowestDigit = 0.25;
// Except a 1: a part this narrow whose ink is this tall, in line heights, may be cut off a piece's end.
constexpr double kNarrowestStem = 0.05;
constexpr double kStemHeight = 0.7;
// A reading whose every digit is at least this likely is taken without trying cuts.
constexpr float kSureEnough = 0.9f;
// The probability that the reading is right: that the mark is a digit, and this one (0 for a mark read as none).
float Sureness(const DigitReading& reading);
// Whether the reading is a digit, and that digit, with a probability of kSureEnough or more.
bool Sure(const DigitReading& reading);
// A reading that is no digit and a mark at least this likely is sure too, and not looked at again: the closer
// look at unsure digits, which averages shifted views, read some such marks as digits (a mark written before
// "496843" as a 6): 108 more of 3,000 marked numbers read right and 12 more of 6,000 marks rejected (seeds 7, 29
// and 31); on seeds 7 and 31 every other set read the same.
// From kSureEnough instead, 95 more of seeds 7 and 29's 4,000 marks were rejected (9 from this), but 5 more of
// their 20,000 pen digits were misread: digits the first look took for a mark.
constexpr float kSureMark = 0.98f;
// Whether the reading is no digit, and a mark with a probability of kSureMark or more.
bool SureMark(const DigitReading& reading);
// A digit is made of at most this many consecutive pieces.
constexpr int kMaxPiecesPerDigit = 4;
// Reading one more digit costs this much log-probability: halves of one digit often look like digits
// themselves, so a split must be clearly more likely than the whole. 4 was chosen when marks shared this cost
// (4 rather than 3 turned away 60.8% of marks rather than 57.1%); alone on their canvases, they now have
// kDigitCostAlone. In rows, 3 rather than 4 read 29 more of 6,000 numbers right and 4 fewer (fresh canvases,
// seeds 11, 19 and 3, page's board included): a 1 touching its neighbour was read as one wide mark that is no
// digit rather than as two sure digits. 2: 51 more and 20 fewer.
constexpr double kDigitCost = 3.0;
// A group alone on the canvas is no number's neighbour: a letter or a scribble is far likelier there than in a
// row of digits, and is cut into digit-like parts less readily. 6 rather than 4 turned away 68.6% of marks
// rather than 60.8%, and read as many numbers right, two-digit ones too, which touching makes one group (7:
// 72.7% and 3 more of 714 two-digit numbers misread; 8: 76.1% and 5 more). With session 25's network, 7 rather
// than 6 read 30 fewer of 6,000 marks as digits and 1 more of 3,000 numbers wrong (seeds 7, 29 and 31).
constexpr double kDigitCostAlone = 7.0;
// One writer's digits are about as tall as their line: a part far shorter is more likely a stray stroke of its
// neighbour (a tick beside a 1) than a digit. Below kShortestDigit line heights, each line height shorter
// costs kShortDigitCost in log-probability.
constexpr double kShortestDigit = 0.55;
constexpr double kShortDigitCost = 12.0;
// Nor is a digit much wider than its line is tall: beyond kWidestDigit line heights, each line height wider
// costs kWideDigitCost. A stricter width (0.9 line heights) read 11 more of 3,000 numbers right but forced 39
// more of 6,000 marks into digits.
constexpr double kWidestDigit = 1.3;
constexpr double kWideDigitCost = 2.0;
// Where the line height is measured on several groups, a piece wider than this is more likely touching digits
// than one: it read 8 more of 1,000 numbers right and none fewer (7 more and 3 fewer on other canvases). A group
// alone on the canvas is its own line's height, so there the width says only its shape: kWidestDigit stays,
// or a V or a U would be cut into two 1s.
constexpr double kWidestDigitInRow = 0.75;

// A cut that crosses one ink pixel rather than the paper beside it costs this many steps sideways.
constexpr int kCrossInkCost = 12;

// Cuts a piece near up to kMaxCutsPerPiece columns where its ink dips deepest between more ink on both sides,
// each cut along the path that crosses the least ink; the piece itself when it is not wide enough for two
// digits.
std::vector<Piece> CutCandidates(const Piece& piece, int line_height);

// Cuts a piece near up to kMaxCutsPerPiece columns where the outline of its ink has a notch above and below,
// where round digits touch (two 0s: there the ink profile peaks rather than dips); the piece itself when it is
// not wide enough for two digits.
std::vector<Piece> CutAtNotches(const Piece& piece, int line_height);
// A notch is at least this deep, above and below together, in shares of the piece's height.
constexpr double kShallowestNotch = 0.1;

using Split = std::vector<Piece> (*)(const Piece& piece, int line_height);
// A way to cut pieces, and whether it takes a stroke out rather than cutting between columns: a letter's own
// stroke comes out as readily (an H, an R).
struct SplitWay {
  Split split;
  bool takes_out_a_stroke;
};
// The ways a group's pieces are cut where the group reads unsurely, tried in turn: where touching digits' ink
// dips, where their outlines notch, and a 1 written across its neighbour taken out (stem.h): the tallest
// straight stroke, or the tallest apart from it.
inline constexpr SplitWay kSplits[] = {
    {CutCandidates, false}, {CutAtNotches, false}, {SplitOffStem, true}, {SplitOffOtherStem, true}};
// Each piece cut by `split`, the parts in the pieces' order.
std::vector<Piece> CutEach(const std::vector<Piece>& pieces, Split split, int line_height);

// The pieces as one way of kSplits cuts them.
struct CutPieces {
  std::vector<Piece> pieces;
  bool takes_out_a_stroke;
};
// Every way the pieces are cut where their group reads unsurely, leaving out ways that cut nothing: each of
// kSplits, and in a row each of those ways' parts cut once more between columns by the other column cuts, so
// that a 1 taken out of "3916" leaves "39" to be cut too: 56 more of 8,000 numbers read right and 10 fewer
// (seeds 7, 11, 29 and 31, board included). Alone on the canvas, cutting twice changed no reading (seed 29, every
// set) and would only cost runs of the network on unsure marks.
std::vector<CutPieces> CutWays(const std::vector<Piece>& pieces, int line_height, bool alone);
// The pieces left to right by their centres: the order in which ReadGroup reads them as digits.
void SortLeftToRight(std::vector<Piece>& pieces);

// Reads one normalized mark. `again` asks for a closer look (more runs of the network) at a mark the
// chosen reading keeps but the first look found unsure; the many trial readings of pieces get one look each.
using Classifier = std::function<DigitReading(const DigitImage& image, bool again)>;

// The digits in the group, left to right, each with its box and reading. `alone`: the group is the only one on
// the canvas, and `line_height` its own height.
std::vector<DigitReading> ReadGroup(const InkPlane& plane, const DigitInk& group, int line_height, bool alone,
                                    const Classifier& classify);

}  // namespace digits
