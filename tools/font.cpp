#include "font.h"

#include <ft2build.h>
#include FT_FREETYPE_H

namespace digits {

struct Font::Faces {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
};

std::unique_ptr<Font> Font::Load(const std::string& path, std::string* error) {
  auto faces = std::make_unique<Faces>();
  if (FT_Init_FreeType(&faces->library) != 0) {
    *error = "cannot start FreeType";
    return nullptr;
  }
  if (FT_New_Face(faces->library, path.c_str(), 0, &faces->face) != 0 || FT_Set_Pixel_Sizes(faces->face, 0, 64) != 0) {
    FT_Done_FreeType(faces->library);
    *error = "cannot load font " + path;
    return nullptr;
  }
  return std::unique_ptr<Font>(new Font(std::move(faces)));
}

Font::Font(std::unique_ptr<Faces> faces) : faces_(std::move(faces)) {}

Font::~Font() {
  FT_Done_Face(faces_->face);
  FT_Done_FreeType(faces_->library);
}

Bitmap Font::Render(char32_t character) const {
  Bitmap bitmap;
  const FT_UInt index = FT_Get_Char_Index(faces_->face, character);
  if (index == 0 || FT_Load_Glyph(faces_->face, index, FT_LOAD_RENDER) != 0) return bitmap;
  const FT_Bitmap& b = faces_->face->glyph->bitmap;
  bitmap.width = static_cast<int>(b.width);
  bitmap.height = static_cast<int>(b.rows);
  bitmap.ink.resize(static_cast<size_t>(bitmap.width) * bitmap.height);
  for (int y = 0; y < bitmap.height; ++y) {
    for (int x = 0; x < bitmap.width; ++x) bitmap.ink[y * bitmap.width + x] = b.buffer[y * b.pitch + x];
  }
  return bitmap;
}

}  // namespace digits
