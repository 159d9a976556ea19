// The weights file, compiled in by the build (see cmake/embed_file.cmake): no file I/O at run time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace digits {

extern const uint8_t kEmbeddedModel[];
extern const size_t kEmbeddedModelSize;

}  // namespace digits
