// Reads PNG (any colour type, through libpng) and PGM (P2 or P5) files into RGBA canvases.
#pragma once

#include <string>

#include "canvas.h"

namespace digits {

// Returns false with `error` set when the file is missing, unreadable or not a supported image.
bool ReadImageFile(const std::string& path, Canvas* canvas, std::string* error);

}  // namespace digits
