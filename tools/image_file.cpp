#include "image_file.h"

#include <png.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>

#include "ink.h"

namespace digits {

namespace {

bool ReadPng(const std::string& path, Canvas* canvas, std::string* error) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) {
    *error = image.message;
    return false;
  }
  if (static_cast<long long>(image.width) * image.height > kMaxPixels) {
    png_image_free(&image);
    *error = "image is larger than the recognizer accepts";
    return false;
  }
  image.format = PNG_FORMAT_RGBA;
  canvas->width = static_cast<int>(image.width);
  canvas->height = static_cast<int>(image.height);
  canvas->rgba.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, canvas->rgba.data(), 0, nullptr)) {
    *error = image.message;
    return false;
  }
  return true;
}

// Netpbm header fields are separated by white space and may carry '#' comments.
bool ReadPgmField(std::istream& in, long* value) {
  for (int c = in.peek(); in && (std::isspace(c) || c == '#'); c = in.peek()) {
    if (c == '#') in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    else in.get();
  }
  return static_cast<bool>(in >> *value);
}

bool ReadPgm(std::istream& in, bool binary, Canvas* canvas, std::string* error) {
  long width = 0, height = 0, max_value = 0;
  if (!ReadPgmField(in, &width) || !ReadPgmField(in, &height) || !ReadPgmField(in, &max_value) || width <= 0 ||
      height <= 0 || width * height > kMaxPixels || max_value <= 0 || max_value > 65535) {
    *error = "bad PGM header";
    return false;
  }
  in.get();  // the single white-space byte before binary samples
  *canvas = BlankCanvas(static_cast<int>(width), static_cast<int>(height));
  for (long i = 0; i < width * height; ++i) {
    long sample = 0;
    if (binary) {
      sample = in.get();
      if (max_value > 255) sample = sample << 8 | in.get();
    } else if (!ReadPgmField(in, &sample)) {
      break;
    }
    if (!in) break;
    const auto tone = static_cast<uint8_t>(std::min(sample, max_value) * 255 / max_value);
    canvas->rgba[4 * i] = canvas->rgba[4 * i + 1] = canvas->rgba[4 * i + 2] = tone;
  }
  if (!in) {
    *error = "PGM file ends before its last pixel";
    return false;
  }
  return true;
}

}  // namespace

bool ReadImageFile(const std::string& path, Canvas* canvas, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open file";
    return false;
  }
  char magic[2] = {};
  in.read(magic, 2);
  if (magic[0] == 'P' && (magic[1] == '5' || magic[1] == '2')) return ReadPgm(in, magic[1] == '5', canvas, error);
  if (static_cast<unsigned char>(magic[0]) == 0x89 && magic[1] == 'P') return ReadPng(path, canvas, error);
  *error = "not a PNG or PGM file";
  return false;
}

}  // namespace digits
