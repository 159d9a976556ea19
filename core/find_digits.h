// Canvas pixels to normalized digit images: everything before the network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "normalize.h"
#include "status.h"

namespace digits {

struct FoundDigit {
  Box box;  // in canvas pixels
  DigitImage image;
};

Status FindDigits(const uint8_t* rgba, int width, int height, size_t byte_length, std::vector<FoundDigit>* found);

}  // namespace digits
