#include "quantized_conv.h"

#include <algorithm>
#include <climits>
#include <cstring>

#include "simd.h"

namespace digits {

namespace {

constexpr int kLanes = 4;          // int32 (or float) lanes in a vector
constexpr int kWeightMagnitude = 128;  // int8 weights lie in [-128, 127]

// To the nearest integer, halves away from zero.
int16_t Round(float value) { return static_cast<int16_t>(value + (value >= 0 ? 0.5f : -0.5f)); }

// Four values to the nearest integers (halves to even), for magnitudes below 2^22: adding 1.5 * 2^23 leaves
// the integer in the float's low bits. Two instructions where a float-to-int conversion takes V8 eight.
v4i32 Round(v4f32 values) {
  constexpr float kShift = 12582912.0f;  // 1.5 * 2^23
  const v4f32 shifted = values + kShift;
  return reinterpret_cast<v4i32>(shifted) - reinterpret_cast<v4i32>(v4f32{kShift, kShift, kShift, kShift});
}

// The activations scaled by `steps` and rounded, a pixel's channels eight at a time: written with vectors
// because compilers leave the conversions to int16 mostly scalar, which made quantizing a tenth of a
// reading in V8. Returns whether any of them rounds to a nonzero value.
bool RoundChannels(const float* source, int count, float steps, int16_t* target) {
  v8i16 any{};
  int c = 0;
  for (; c + 2 * kLanes <= count; c += 2 * kLanes) {
    v4f32 low, high;
    std::memcpy(&low, source + c, sizeof low);
    std::memcpy(&high, source + c + kLanes, sizeof high);
    const v8i16 rounded = Narrow(Round(low * steps), Round(high * steps));
    std::memcpy(target + c, &rounded, sizeof rounded);
    any |= rounded;
  }
  int16_t rest = 0;
  for (; c < count; ++c) rest |= target[c] = Round(source[c] * steps);
  for (int lane = 0; lane < 8; ++lane) rest |= any[lane];
  return rest != 0;
}

// The largest magnitude among `count` values, four lanes at a time: Eigen has no wasm SIMD, and compilers
// do not vectorize a float maximum by themselves. Magnitudes order as their bit patterns do, so the sign
// bit is cleared and the maximum taken on integers: one instruction each, where float ones take several.
float LargestMagnitude(const float* values, size_t count) {
  constexpr int32_t kMagnitudeBits = 0x7FFFFFFF;
  v4i32 largest{};
  size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    v4i32 bits;
    std::memcpy(&bits, values + i, sizeof bits);
    bits &= kMagnitudeBits;
    largest = bits > largest ? bits : largest;
  }
  int32_t result = std::max(std::max(largest[0], largest[1]), std::max(largest[2], largest[3]));
  for (; i < count; ++i) {
    int32_t bits;
    std::memcpy(&bits, values + i, sizeof bits);
    result = std::max(result, bits & kMagnitudeBits);
  }
  float magnitude;
  std::memcpy(&magnitude, &result, sizeof magnitude);
  return magnitude;
}

// A whole block of outputs is one fixed-size copy (vector stores); only a model whose output count is
// not a multiple of the block has a shorter last one.
void StoreBlock(const float* block, int valid, float* target) {
  if (valid == QuantizedConv::kBlock) std::memcpy(target, block, QuantizedConv::kBlock * sizeof(float));
  else std::copy_n(block, valid, target);
}

}  // namespace

QuantizedConv::QuantizedConv(int inputs, int outputs, int kernel, bool relu, const int8_t* weights,
                             const float* scale, const float* bias)
    : inputs_(inputs), outputs_(outputs), kernel_(kernel), relu_(relu) {
  const int taps = kernel * kernel, blocks = (outputs + kBlock - 1) / kBlock;
  // Built as new vectors rather than with assign(), whose instantiations cost 2 KB of wasm.
  packed_ = std::vector<int16_t>(static_cast<size_t>(blocks) * taps * pairs() * kBlock * 2, 0);
  scale_ = std::vector<float>(static_cast<size_t>(blocks) * kBlock, 0.0f);
  bias_ = scale_;
  for (int o = 0; o < outputs; ++o) {
    scale_[o] = scale[o];
    bias_[o] = bias[o];
    const int block = o / kBlock, vector = o % kBlock / kLanes, lane = o % kLanes;
    for (int t = 0; t < taps; ++t) {
      for (int c = 0; c < inputs; ++c) {
        const size_t at = ((static_cast<size_t>(block) * taps + t) * pairs() + c / 2) * kBlock * 2;
        packed_[at + vector * 8 + lane * 2 + c % 2] = weights[(static_cast<size_t>(o) * taps + t) * inputs + c];
      }
    }
  }
}

// The activations as int16 in a frame of zeros `kernel / 2` wide (the "same" padding), each pixel's
// channels padded to an even count. The largest magnitude maps to the largest value for which no sum of
// products can overflow int32; `unit` receives the real value of one step.
QuantizedConv::FramedInput QuantizedConv::QuantizeInput(const Activations& in, int side, float* unit) const {
  const int pad = kernel_ / 2, framed = side + 2 * pad, channels = 2 * pairs();
  FramedInput out{std::vector<int16_t>(static_cast<size_t>(framed) * framed * channels, 0),
                  std::vector<uint8_t>(static_cast<size_t>(framed) * framed, 0)};
  const float largest = LargestMagnitude(in.data(), static_cast<size_t>(in.size()));
  const long long fan_in = static_cast<long long>(kernel_) * kernel_ * channels;
  const float limit = static_cast<float>(std::min<long long>(SHRT_MAX, INT_MAX / (fan_in * kWeightMagnitude)));
  *unit = largest / limit;
  if (!(largest > 0)) return out;
  const float steps = limit / largest;
  for (int y = 0; y < side; ++y) {
    const size_t first = static_cast<size_t>(y + pad) * framed + pad;
    int16_t* row = out.values.data() + first * channels;
    for (int x = 0; x < side; ++x) {
      out.inked[first + x] = RoundChannels(in.row(y * side + x).data(), inputs_, steps, row + x * channels);
    }
  }
  return out;
}

namespace {

constexpr int kVectors = QuantizedConv::kBlock / kLanes;  // int32 accumulators per output pixel
using BlockSums = v4i32[kVectors];

// Where one output pixel's window lies in the framed int16 input.
struct Window {
  int rows;                 // the kernel side
  int row_pairs;            // channel pairs across one row of the window
  int pixel_stride;         // int16 values per input pixel
  size_t row_stride;        // int16 values per input row
  int framed;               // pixels per input row
};

// Adds to `sums` the window sums of kPixels horizontally adjacent output pixels for one block of outputs:
// over the window's rows and the channel pairs along each, one broadcast pair of activations times the
// pair's weights. Neighbours share each weight load. Window rows where every pixel is zero (paper, and
// what ReLU cut) are skipped. Nothing finer is tested: a branch per pair of channels, or per pixel of the
// window, is taken at random in the inner layers and costs more in mispredictions than it saves.
template <int kPixels, int kUsed>
void Accumulate(const int16_t* window, const uint8_t* inked, const Window& shape, const v8i16_unaligned* weights,
                BlockSums (&sums)[kPixels]) {
  const int span = kPixels + shape.rows - 1;  // input pixels across one row of the windows
  for (int dy = 0; dy < shape.rows; ++dy, window += shape.row_stride, inked += shape.framed) {
    if (std::none_of(inked, inked + span, [](uint8_t v) { return v != 0; })) {
      weights += shape.row_pairs * kVectors;
      continue;
    }
    for (int i = 0; i < shape.row_pairs; ++i, weights += kVectors) {
      for (int p = 0; p < kPixels; ++p) {
        int32_t pair;  // loaded straight into all lanes (one load32_splat)
        std::memcpy(&pair, window + p * shape.pixel_stride + 2 * i, sizeof pair);
        const v8i16 a = reinterpret_cast<v8i16>(v4i32{pair, pair, pair, pair});
        for (int j = 0; j < kUsed; ++j) sums[p][j] += DotPairs(a, weights[j]);
      }
    }
  }
}

// What turns one block's int32 sums into outputs: per output, the weight scale times the activations' unit,
// the bias, and ReLU if the layer has it.
struct BlockOutput {
  v4f32 scale[kVectors], bias[kVectors];
  int valid;  // outputs in this block: kBlock, or fewer in the last block
  bool relu;
};

template <int kUsed>
void Finish(const BlockSums& sums, const BlockOutput& block, float* target) {
  float result[QuantizedConv::kBlock];
  for (int j = 0; j < kUsed; ++j) {
    v4f32 value = __builtin_convertvector(sums[j], v4f32) * block.scale[j] + block.bias[j];
    if (block.relu) {  // negative floats have the sign bit set, so an integer maximum with 0 is ReLU: one instruction
      const v4i32 bits = reinterpret_cast<v4i32>(value);
      value = reinterpret_cast<v4f32>(bits > 0 ? bits : 0);
    }
    std::memcpy(result + j * kLanes, &value, sizeof value);
  }
  StoreBlock(result, block.valid, target);
}

// One row of output pixels for one block of outputs, two pixels at a time; `out` is the row's first pixel's
// block, `out_stride` the floats from one pixel to the next.
// Out of line on purpose: V8 starts wasm functions in its baseline compiler and runs a function's optimized
// code only from its next call. At one call per row and block (dozens per digit), the hot loop is optimized
// during the first reading, and as a small function it is optimized in milliseconds; inlined into the layer,
// or the layer into the network, it would run unoptimized for whole readings. (wasm.cmake keeps wasm-opt,
// which ignores this attribute, from inlining it back.)
template <int kUsed>
[[gnu::noinline]] void RowBlock(const int16_t* row, const uint8_t* inked, const Window& shape, int side,
                                const v8i16_unaligned* weights, const BlockOutput& block, float* out, int out_stride) {
  int x = 0;
  for (; x + 2 <= side; x += 2) {
    BlockSums sums[2] = {};
    Accumulate<2, kUsed>(row + x * shape.pixel_stride, inked + x, shape, weights, sums);
    Finish<kUsed>(sums[0], block, out + x * out_stride);
    Finish<kUsed>(sums[1], block, out + (x + 1) * out_stride);
  }
  if (x < side) {
    BlockSums sums[1] = {};
    Accumulate<1, kUsed>(row + x * shape.pixel_stride, inked + x, shape, weights, sums);
    Finish<kUsed>(sums[0], block, out + x * out_stride);
  }
}

}  // namespace

Activations QuantizedConv::Run(const Activations& in, int side) const {
  float unit = 0;
  const FramedInput input = QuantizeInput(in, side, &unit);
  const int framed = side + kernel_ - 1, taps = kernel_ * kernel_, channels = 2 * pairs();
  const Window shape{kernel_, kernel_ * pairs(), channels, static_cast<size_t>(framed) * channels, framed};
  const int blocks = (outputs_ + kBlock - 1) / kBlock;
  Activations out(side * side, outputs_);
  for (int b = 0; b < blocks; ++b) {
    const auto* weights = reinterpret_cast<const v8i16_unaligned*>(packed_.data()) +
                          static_cast<size_t>(b) * taps * pairs() * kVectors;
    BlockOutput block{{}, {}, std::min(kBlock, outputs_ - b * kBlock), relu_};
    for (int j = 0; j < kVectors; ++j) {
      std::memcpy(&block.scale[j], scale_.data() + b * kBlock + j * kLanes, sizeof block.scale[j]);
      std::memcpy(&block.bias[j], bias_.data() + b * kBlock + j * kLanes, sizeof block.bias[j]);
      block.scale[j] *= unit;
    }
    // A last block of at most half a block's outputs (40 = 16 + 16 + 8) computes only that half.
    const auto row_block = block.valid <= kBlock / 2 ? RowBlock<kVectors / 2> : RowBlock<kVectors>;
    for (int y = 0; y < side; ++y) {
      row_block(input.values.data() + y * shape.row_stride, input.inked.data() + y * framed, shape, side, weights,
                block, out.row(y * side).data() + b * kBlock, outputs_);
    }
  }
  return out;
}

}  // namespace digits
