// digits: reads handwritten numbers from PNG or PGM files and prints one JSON line per file.
#include <cstdio>
#include <cstring>
#include <string>

#include "image_file.h"
#include "recognizer.h"

using namespace digits;

namespace {

constexpr char kUsage[] =
    "usage: digits FILE...\n"
    "Reads the handwritten numbers in each PNG or PGM image (dark ink on light paper, or light on dark)\n"
    "and prints one JSON line per file, in the shape of recognize() in JavaScript:\n"
    "  {\"file\":\"a.png\",\"numbers\":[{\"text\":\"42\",\"digits\":[{\"digit\":4,\"confidence\":0.99,\n"
    "   \"box\":{\"x\":0,\"y\":0,\"width\":10,\"height\":20},\"alternatives\":[...]}, ...]}]}\n"
    "A file that cannot be read is reported on stderr and the exit code is 1; bad usage exits with 2.\n";

std::string JsonString(const std::string& text) {
  std::string json = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') json += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      json += escaped;
    } else {
      json += c;
    }
  }
  return json + '"';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  Recognizer recognizer;
  Status status = Recognizer::Create(&recognizer);
  if (!status.ok()) {
    std::fprintf(stderr, "digits: %s\n", status.message.c_str());
    return 1;
  }
  int exit_code = 0;
  for (int i = 1; i < argc; ++i) {
    Canvas canvas;
    std::string error;
    Reading reading;
    if (ReadImageFile(argv[i], &canvas, &error)) {
      status = recognizer.Recognize(canvas.rgba.data(), canvas.width, canvas.height, canvas.rgba.size(), &reading);
      error = status.message;
    }
    if (!error.empty()) {
      std::fprintf(stderr, "digits: %s: %s\n", argv[i], error.c_str());
      exit_code = 1;
      continue;
    }
    // The core's JSON object, with the file name put first.
    std::printf("{\"file\":%s,%s\n", JsonString(argv[i]).c_str(), ToJson(reading).c_str() + 1);
    std::fflush(stdout);
  }
  return exit_code;
}
