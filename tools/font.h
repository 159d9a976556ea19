// Glyph bitmaps from TrueType fonts (FreeType): digits and letters in other hands than MNIST's.
#pragma once

#include <memory>
#include <string>

#include "pen.h"

namespace digits {

class Font {
 public:
  // Returns null with `error` set when the file cannot be loaded.
  static std::unique_ptr<Font> Load(const std::string& path, std::string* error);
  ~Font();

  // The character rendered about 64 pixels tall; empty when the font lacks it.
  Bitmap Render(char32_t character) const;

 private:
  struct Faces;
  explicit Font(std::unique_ptr<Faces> faces);
  std::unique_ptr<Faces> faces_;
};

}  // namespace digits
