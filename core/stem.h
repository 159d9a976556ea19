// Finds a 1 written across its neighbour: a tall, straight, nearly upright stroke inside a wider piece of
// ink. No cut between columns separates the two, since the 1 overlaps the other digit's ink; taking the
// stroke's own pixels out does.
#pragma once

#include <vector>

#include "segment.h"

namespace digits {

// A stroke this tall, in line heights, may be a 1 of its own.
constexpr double kStemLength = 0.7;
// Slants tried, in columns per row either way from upright, and the step between them.
constexpr double kStemSlant = 0.5;
constexpr double kStemSlantStep = 0.05;

// The piece as two parts, its tallest straight stroke and the rest, when that stroke is at least kStemLength
// line heights tall and the rest has ink down both halves of it (not a P's bowl); otherwise the piece alone.
std::vector<Piece> SplitOffStem(const Piece& piece, int line_height);

// The same with the tallest stroke at least kStemsApart line heights from the tallest one: a 1 touching a 4
// whose own stem is taller, where taking out the tallest stroke leaves the 1 and the 4's arm.
std::vector<Piece> SplitOffOtherStem(const Piece& piece, int line_height);
constexpr double kStemsApart = 0.15;

}  // namespace digits
