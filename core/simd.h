// 128-bit vectors in GCC/Clang's generic vector extensions: SSE natively, wasm SIMD under -msimd128,
// with no target header in the core.
#pragma once

#include <cstdint>

namespace digits {

typedef int16_t v8i16 __attribute__((vector_size(16)));
typedef int32_t v4i32 __attribute__((vector_size(16)));
typedef uint32_t v4u32 __attribute__((vector_size(16)));  // wraps on overflow, where int32 lanes may not
typedef float v4f32 __attribute__((vector_size(16)));
typedef uint8_t v16u8 __attribute__((vector_size(16)));
typedef uint8_t v4u8 __attribute__((vector_size(4)));  // four bytes, to widen
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

// Two vectors of int32 as one of int16, saturating: a's four values, then b's.
inline v8i16 Narrow(v4i32 a, v4i32 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_narrow_s_i16x8_i32x4(a, b);
#elif defined(__SSE2__)
  return __builtin_ia32_packssdw128(a, b);
#else
  v8i16 out;
  for (int i = 0; i < 4; ++i) {
    out[i] = static_cast<int16_t>(a[i] < -32768 ? -32768 : a[i] > 32767 ? 32767 : a[i]);
    out[i + 4] = static_cast<int16_t>(b[i] < -32768 ? -32768 : b[i] > 32767 ? 32767 : b[i]);
  }
  return out;
#endif
}

// Two vectors of int16 as one of uint8, saturating: a's eight values, then b's.
inline v16u8 NarrowToBytes(v8i16 a, v8i16 b) {
#if defined(__wasm_simd128__)
  return reinterpret_cast<v16u8>(__builtin_wasm_narrow_u_i8x16_i16x8(a, b));
#elif defined(__SSE2__)
  return reinterpret_cast<v16u8>(__builtin_ia32_packuswb128(a, b));
#else
  v16u8 out;
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<uint8_t>(a[i] < 0 ? 0 : a[i] > 255 ? 255 : a[i]);
    out[i + 8] = static_cast<uint8_t>(b[i] < 0 ? 0 : b[i] > 255 ? 255 : b[i]);
  }
  return out;
#endif
}

}  // namespace digits
