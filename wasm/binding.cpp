// The C API that wasm/digits.js calls: a handle per recognizer, byte buffers the JS side fills, and each
// reading returned as JSON text (the shape documented in the README). No Emscripten header is needed:
// the exports are listed explicitly in wasm.cmake.
#include <cstdlib>
#include <string>

#include "recognizer.h"

namespace {

struct Handle {
  digits::Recognizer recognizer;
  digits::Status status;  // of loading the weights; every call reports it until it is ok
  std::string text;       // the last reading as JSON, or the last error message
};

}  // namespace

extern "C" {

Handle* digits_create() {
  auto* handle = new Handle;
  handle->status = digits::Recognizer::Create(&handle->recognizer);
  handle->text = handle->status.message;
  return handle;
}

void digits_destroy(Handle* handle) { delete handle; }

// 0 when the recognizer is ready, else a digits::StatusCode; digits_text() says why.
int digits_status(const Handle* handle) { return static_cast<int>(handle->status.code); }

void* digits_alloc(size_t size) { return std::malloc(size); }
void digits_free(void* pointer) { std::free(pointer); }

// Returns 0 and leaves the reading as JSON in digits_text(), or a digits::StatusCode and a message there.
int digits_recognize(Handle* handle, const uint8_t* rgba, int width, int height, size_t byte_length) {
  if (!handle->status.ok()) return digits_status(handle);
  digits::Reading reading;
  const digits::Status status = handle->recognizer.Recognize(rgba, width, height, byte_length, &reading);
  handle->text = status.ok() ? digits::ToJson(reading) : status.message;
  return static_cast<int>(status.code);
}

// UTF-8, NUL-terminated, valid until the next call on the handle.
const char* digits_text(const Handle* handle) { return handle->text.c_str(); }
}
