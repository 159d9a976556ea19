// CRC-32 (IEEE 802.3, as zlib computes it): the weights file's checksum.
#pragma once

#include <cstddef>
#include <cstdint>

namespace digits {

uint32_t Crc32(const uint8_t* bytes, size_t size);

}  // namespace digits
