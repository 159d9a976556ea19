// 128-bit vectors in GCC/Clang's generic vector extensions: SSE natively, wasm SIMD under -msimd128,
// with no target header in the core.
#pragma once

#include <cstdint>

namespace digits {

typedef int16_t v8i16 __attribute__((vector_size(16)));
typedef int32_t v4i32 __attribute__((vector_size(16)));
typedef float v4f32 __attribute__((vector_size(16)));
typedef uint8_t v16u8 __attribute__((vector_size(16)));
typedef int16_t v4i16 __attribute__((vector_size(8)));  // half a vector: four int16 results
// For loads and stores at any address: heap and stack buffers are not always 16-byte aligned.
typedef int16_t v8i16_unaligned __attribute__((vector_size(16), aligned(2)));

// Sums the products of adjacent int16 lanes into int32 lanes: eight multiply-adds in one instruction.
// The compilers do not form it from plain vector code, hence the builtins.
inline v4i32 DotPairs(v8i16 a, v8i16 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_dot_s_i32x4_i16x8(a, b);
#elif defined(__SSE2__)
  return reinterpret_cast<v4i32>(__builtin_ia32_pmaddwd128(a, b));
#else
  v4i32 sum;
  for (int i = 0; i < 4; ++i) sum[i] = a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1];
  return sum;
#endif
}

}  // namespace digits
