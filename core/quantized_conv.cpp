#include "quantized_conv.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <memory>

#include "simd.h"

namespace digits {

namespace {

constexpr int kLanes = 4;              // int32 (or float) lanes in a vector
constexpr int kChunk = 8;              // int16 lanes in a vector
constexpr int kWeightMagnitude = 128;  // int8 weights lie in [-128, 127]
constexpr int kVectors = QuantizedConv::kBlock / kLanes;  // int32 accumulators per point of a tile

// F(2x2, 3x3): a tile of 4x4 input pixels (the frame included), overlapping its neighbours by two, gives 2x2
// outputs. Its transformed values are indexed by point, row-major over 4x4.
constexpr int kTileSide = 4, kOutputSide = 2, kPoints = kTileSide * kTileSide;
// The weights are transformed as 2G g (2G)^T rather than G g G^T, four times as large and whole numbers: the
// rows of 2G sum to at most 3 in magnitude, so the values stay within 3 * 3 * 128.
constexpr int kWeightTransformScale = 4;
constexpr int kTransformedWeightMagnitude = 9 * kWeightMagnitude;
// The input transform B^T d B sums four activations, with signs, into each value.
constexpr int kInputGrowth = 4;

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
// reading in V8.
void RoundChannels(const float* source, int count, float steps, int16_t* target) {
  int c = 0;
  for (; c + kChunk <= count; c += kChunk) {
    v4f32 low, high;
    std::memcpy(&low, source + c, sizeof low);
    std::memcpy(&high, source + c + kLanes, sizeof high);
    const v8i16 rounded = Narrow(Round(low * steps), Round(high * steps));
    std::memcpy(target + c, &rounded, sizeof rounded);
  }
  for (; c < count; ++c) target[c] = Round(source[c] * steps);
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

// Winograd's transforms along one axis of a tile; applied to the rows and then the columns.
// B^T x: four input values into four.
template <typename Vector>
void InputTransform(const Vector (&x)[kTileSide], Vector (&out)[kTileSide]) {
  out[0] = x[0] - x[2];
  out[1] = x[1] + x[2];
  out[2] = x[2] - x[1];
  out[3] = x[1] - x[3];
}
// A^T m: four products into two outputs.
template <typename Vector>
void OutputTransform(const Vector (&m)[kTileSide], Vector (&out)[kOutputSide]) {
  out[0] = m[0] + m[1] + m[2];
  out[1] = m[1] - m[2] - m[3];
}

// 2G g (2G)^T for one 3x3 kernel g (row-major, entries `step` apart): four times its Winograd transform.
std::array<int, kPoints> TransformKernel(const int8_t* g, int step) {
  constexpr int kG[kTileSide][QuantizedConv::kKernel] = {{2, 0, 0}, {1, 1, 1}, {1, -1, 1}, {0, 0, 2}};
  int rows[kTileSide][QuantizedConv::kKernel] = {};
  for (int i = 0; i < kTileSide; ++i)
    for (int j = 0; j < QuantizedConv::kKernel; ++j)
      for (int k = 0; k < QuantizedConv::kKernel; ++k) {
        rows[i][j] += kG[i][k] * g[(k * QuantizedConv::kKernel + j) * step];
      }
  std::array<int, kPoints> u{};
  for (int i = 0; i < kTileSide; ++i)
    for (int j = 0; j < kTileSide; ++j)
      for (int k = 0; k < QuantizedConv::kKernel; ++k) u[i * kTileSide + j] += rows[i][k] * kG[j][k];
  return u;
}

}  // namespace

QuantizedConv::QuantizedConv(int inputs, int outputs, bool relu, const int8_t* weights, const float* scale,
                             const float* bias)
    : inputs_(inputs), outputs_(outputs), relu_(relu) {
  const int blocks = (outputs + kBlock - 1) / kBlock;
  // Built as new vectors rather than with assign(), whose instantiations cost 2 KB of wasm.
  packed_ = std::vector<int16_t>(static_cast<size_t>(blocks) * kPoints * pairs() * kBlock * 2, 0);
  scale_ = std::vector<float>(static_cast<size_t>(blocks) * kBlock, 0.0f);
  bias_ = scale_;
  for (int o = 0; o < outputs; ++o) {
    scale_[o] = scale[o];
    bias_[o] = bias[o];
    const int block = o / kBlock, vector = o % kBlock / kLanes, lane = o % kLanes;
    const int8_t* kernels = weights + static_cast<size_t>(o) * kKernel * kKernel * inputs;  // this output's
    for (int c = 0; c < inputs; ++c) {
      const std::array<int, kPoints> u = TransformKernel(kernels + c, inputs);
      for (int p = 0; p < kPoints; ++p) {
        const size_t at = ((static_cast<size_t>(block) * kPoints + p) * pairs() + c / 2) * kBlock * 2;
        packed_[at + vector * 8 + lane * 2 + c % 2] = static_cast<int16_t>(u[p]);
      }
    }
  }
}

// The input, quantized to int16 and transformed tile by tile. Only the tiles whose window holds ink are
// multiplied: elsewhere every product is zero and the outputs are the bias.
struct QuantizedConv::Tiles {
  int across = 0;              // tiles across (and down) the image
  int stride = 0;              // int16 values per point of a tile: the channels, padded to whole vectors
  std::vector<int> inked;      // the tiles with ink in their window, as y * across + x
  std::vector<int> paper;      // the others
  std::unique_ptr<int16_t[]> values;  // per inked tile, kPoints * stride transformed values
};

namespace {

// B^T d B for one tile, eight channels at a time: the 4x4 window at `window` (pixels `stride` values apart,
// rows `row_stride`) into kPoints runs of `stride` values at `out`. Returns whether any value is nonzero,
// which (B being invertible) is whether the window holds any ink. Out of line, as MultiplyTiles below, so that
// V8 optimizes it during the first reading.
[[gnu::noinline]] bool TransformTile(const int16_t* window, size_t row_stride, int stride, int16_t* out) {
  v8i16 any{};
  for (int c = 0; c < stride; c += kChunk) {
    v8i16 rows[kTileSide][kTileSide];  // [row][point across]
    for (int r = 0; r < kTileSide; ++r) {
      v8i16 pixels[kTileSide];
      for (int x = 0; x < kTileSide; ++x) {
        std::memcpy(&pixels[x], window + r * row_stride + x * stride + c, sizeof pixels[x]);
      }
      InputTransform(pixels, rows[r]);
    }
    for (int x = 0; x < kTileSide; ++x) {
      const v8i16 column[kTileSide] = {rows[0][x], rows[1][x], rows[2][x], rows[3][x]};
      v8i16 points[kTileSide];
      InputTransform(column, points);
      for (int y = 0; y < kTileSide; ++y) {
        std::memcpy(out + (y * kTileSide + x) * stride + c, &points[y], sizeof points[y]);
        any |= points[y];
      }
    }
  }
  int64_t halves[2];
  std::memcpy(halves, &any, sizeof any);
  return (halves[0] | halves[1]) != 0;
}

}  // namespace

// The activations as int16 in a frame of zeros one pixel wide (the "same" padding) and as much wider as whole
// tiles need, then transformed. The largest magnitude maps to the largest value for which neither a
// transformed value leaves int16 nor a sum of products int32; `unit` receives the real value of one step.
QuantizedConv::Tiles QuantizedConv::TransformInput(const Activations& in, int side, float* unit) const {
  Tiles tiles;
  tiles.across = (side + kOutputSide - 1) / kOutputSide;
  tiles.stride = (inputs_ + kChunk - 1) / kChunk * kChunk;
  const float largest = LargestMagnitude(in.data(), static_cast<size_t>(in.size()));
  const long long bound = 2LL * pairs() * kInputGrowth * kTransformedWeightMagnitude;
  const float limit = static_cast<float>(std::min<long long>(SHRT_MAX / kInputGrowth, INT_MAX / bound));
  *unit = largest / limit;
  if (!(largest > 0)) {
    for (int t = 0; t < tiles.across * tiles.across; ++t) tiles.paper.push_back(t);
    return tiles;
  }

  const int framed = kOutputSide * tiles.across + 2;
  const size_t row_stride = static_cast<size_t>(framed) * tiles.stride;
  std::vector<int16_t> frame(framed * row_stride, 0);
  const float steps = limit / largest;
  for (int y = 0; y < side; ++y) {
    int16_t* row = frame.data() + (y + 1) * row_stride + tiles.stride;
    for (int x = 0; x < side; ++x) RoundChannels(in.row(y * side + x).data(), inputs_, steps, row + x * tiles.stride);
  }
  const size_t tile_size = static_cast<size_t>(kPoints) * tiles.stride;
  tiles.values.reset(new int16_t[static_cast<size_t>(tiles.across) * tiles.across * tile_size]);  // no zeros needed
  for (int t = 0; t < tiles.across * tiles.across; ++t) {
    const int ty = t / tiles.across, tx = t % tiles.across;
    const bool inked = TransformTile(frame.data() + kOutputSide * (ty * row_stride + tx * tiles.stride), row_stride,
                                     tiles.stride, tiles.values.get() + tiles.inked.size() * tile_size);
    (inked ? tiles.inked : tiles.paper).push_back(t);
  }
  return tiles;
}

namespace {

using PointSums = v4i32[kPoints][kVectors];

// What turns one block's int32 sums into outputs: per output, the weight scale times the activations' unit
// (over the weight transform's scale), the bias, and ReLU if the layer has it.
struct BlockOutput {
  v4f32 scale[kVectors], bias[kVectors];
  int valid;  // outputs in this block: kBlock, or fewer in the last block
  bool relu;
};

// ReLU if asked for. Negative floats have the sign bit set, so an integer maximum with 0 is ReLU: one instruction.
v4f32 Activate(v4f32 value, bool relu) {
  if (!relu) return value;
  const v4i32 bits = reinterpret_cast<v4i32>(value);
  return reinterpret_cast<v4f32>(bits > 0 ? bits : 0);
}

// Where a tile's outputs go: the image's side, and its pixels' outputs `stride` floats apart from `first`
// (the block's first output at pixel 0).
struct OutputImage {
  int side;
  int stride;
  float* first;

  float* At(int y, int x) const { return first + (static_cast<size_t>(y) * side + x) * stride; }
};

// One block's outputs for a tile's 2x2 pixels, [row][column][output].
using TileOutputs = float[kOutputSide][kOutputSide][QuantizedConv::kBlock];

// Writes a tile's outputs where they fall inside the image.
void StoreTile(const TileOutputs& outputs, int valid, int tile_y, int tile_x, const OutputImage& image) {
  for (int r = 0; r < kOutputSide; ++r) {
    const int y = kOutputSide * tile_y + r;
    for (int c = 0; c < kOutputSide; ++c) {
      const int x = kOutputSide * tile_x + c;
      if (y < image.side && x < image.side) StoreBlock(outputs[r][c], valid, image.At(y, x));
    }
  }
}

// Y = A^T M A: a tile's 2x2 outputs of one block from its point sums, scaled, biased and ReLU'd, written
// where they fall inside the image. The transform adds and subtracts up to nine sums, which may leave int32
// on the way, but the outputs themselves fit (they are four times a direct convolution's, whose bound the
// input's rounding keeps): so it runs in unsigned arithmetic, which wraps, and the outputs come out exact.
template <int kUsed>
void FinishTile(const PointSums& sums, const BlockOutput& block, int tile_y, int tile_x, const OutputImage& image) {
  TileOutputs result;
  for (int j = 0; j < kUsed; ++j) {
    v4u32 rows[kOutputSide][kTileSide];  // [output row][point across]
    for (int x = 0; x < kTileSide; ++x) {
      v4u32 column[kTileSide], outputs[kOutputSide];
      for (int y = 0; y < kTileSide; ++y) column[y] = reinterpret_cast<v4u32>(sums[y * kTileSide + x][j]);
      OutputTransform(column, outputs);
      for (int r = 0; r < kOutputSide; ++r) rows[r][x] = outputs[r];
    }
    for (int r = 0; r < kOutputSide; ++r) {
      v4u32 outputs[kOutputSide];
      OutputTransform(rows[r], outputs);
      for (int c = 0; c < kOutputSide; ++c) {
        const v4f32 sum = __builtin_convertvector(reinterpret_cast<v4i32>(outputs[c]), v4f32);
        const v4f32 value = Activate(sum * block.scale[j] + block.bias[j], block.relu);
        std::memcpy(result[r][c] + j * kLanes, &value, sizeof value);
      }
    }
  }
  StoreTile(result, block.valid, tile_y, tile_x, image);
}

// Two tiles' products with one block of transformed weights, summed over input channels: per point, a
// broadcast pair of activations against four weight vectors, the two tiles sharing each weight load.
// Out of line on purpose: V8 starts wasm functions in its baseline compiler and runs a function's optimized
// code only from its next call. At one call per pair of tiles and block (dozens per digit), the hot loop is
// optimized during the first reading, and as a small function it is optimized in milliseconds; inlined into
// the layer, or the layer into the network, it would run unoptimized for whole readings. (wasm.cmake keeps
// wasm-opt, which ignores this attribute, from inlining it back.)
template <int kUsed>
[[gnu::noinline]] void MultiplyTiles(const int16_t* first, const int16_t* second, int stride, int pairs,
                                     const v8i16_unaligned* weights, PointSums& first_sums, PointSums& second_sums) {
  for (int p = 0; p < kPoints; ++p, first += stride, second += stride) {
    v4i32 a[kVectors] = {}, b[kVectors] = {};
    for (int i = 0; i < pairs; ++i, weights += kVectors) {
      int32_t pair_a, pair_b;  // loaded straight into all lanes (one load32_splat each)
      std::memcpy(&pair_a, first + 2 * i, sizeof pair_a);
      std::memcpy(&pair_b, second + 2 * i, sizeof pair_b);
      const v8i16 x = reinterpret_cast<v8i16>(v4i32{pair_a, pair_a, pair_a, pair_a});
      const v8i16 y = reinterpret_cast<v8i16>(v4i32{pair_b, pair_b, pair_b, pair_b});
      for (int j = 0; j < kUsed; ++j) {
        a[j] += DotPairs(x, weights[j]);
        b[j] += DotPairs(y, weights[j]);
      }
    }
    for (int j = 0; j < kUsed; ++j) first_sums[p][j] = a[j], second_sums[p][j] = b[j];
  }
}

// The outputs of a tile of paper: the bias, after ReLU, at every pixel.
void PaperOutputs(const BlockOutput& block, TileOutputs& outputs) {
  for (int j = 0; j < kVectors; ++j) {
    const v4f32 value = Activate(block.bias[j], block.relu);
    for (auto& row : outputs)
      for (float* pixel : row) std::memcpy(pixel + j * kLanes, &value, sizeof value);
  }
}

// One block of outputs: the inked tiles two at a time (an odd last one paired with itself), then the paper.
template <int kUsed>
void RunBlock(const QuantizedConv::Tiles& tiles, int pairs, const v8i16_unaligned* weights, const BlockOutput& block,
              const OutputImage& image) {
  TileOutputs paper;
  PaperOutputs(block, paper);
  for (int t : tiles.paper) StoreTile(paper, block.valid, t / tiles.across, t % tiles.across, image);
  const size_t tile_size = static_cast<size_t>(kPoints) * tiles.stride;
  for (size_t i = 0; i < tiles.inked.size(); i += 2) {
    const size_t j = std::min(i + 1, tiles.inked.size() - 1);
    PointSums sums[2];
    MultiplyTiles<kUsed>(tiles.values.get() + i * tile_size, tiles.values.get() + j * tile_size, tiles.stride, pairs,
                         weights, sums[0], sums[1]);
    for (size_t k = i; k <= j; ++k) {
      FinishTile<kUsed>(sums[k - i], block, tiles.inked[k] / tiles.across, tiles.inked[k] % tiles.across, image);
    }
  }
}

}  // namespace

Activations QuantizedConv::Run(const Activations& in, int side) const {
  float unit = 0;
  const Tiles tiles = TransformInput(in, side, &unit);
  Activations out(side * side, outputs_);

  const int blocks = (outputs_ + kBlock - 1) / kBlock;
  for (int b = 0; b < blocks; ++b) {
    const auto* weights = reinterpret_cast<const v8i16_unaligned*>(packed_.data()) +
                          static_cast<size_t>(b) * kPoints * pairs() * kVectors;
    BlockOutput block{{}, {}, std::min(kBlock, outputs_ - b * kBlock), relu_};
    for (int j = 0; j < kVectors; ++j) {
      std::memcpy(&block.scale[j], scale_.data() + b * kBlock + j * kLanes, sizeof block.scale[j]);
      std::memcpy(&block.bias[j], bias_.data() + b * kBlock + j * kLanes, sizeof block.bias[j]);
      block.scale[j] *= unit / kWeightTransformScale;
    }
    const OutputImage image{side, outputs_, out.data() + b * kBlock};
    // A last block of at most half a block's outputs (40 = 16 + 16 + 8) computes only that half.
    if (block.valid <= kBlock / 2) RunBlock<kVectors / 2>(tiles, pairs(), weights, block, image);
    else RunBlock<kVectors>(tiles, pairs(), weights, block, image);
  }
  return out;
}

}  // namespace digits
