#include "network.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "crc32.h"

namespace digits {

// Sequential little-endian reads that fail instead of running past the end.
class Network::Reader {
 public:
  Reader(const uint8_t* bytes, size_t size) : bytes_(bytes), size_(size) {}

  bool U32(uint32_t* value) { return Copy(value, sizeof *value); }
  bool F32(float* value) { return Copy(value, sizeof *value); }
  bool F32s(float* values, size_t count) { return Copy(values, count * sizeof(float)); }
  bool I8s(int8_t* values, size_t count) { return Copy(values, count) && Skip((4 - count % 4) % 4); }
  bool done() const { return offset_ == size_; }

 private:
  bool Copy(void* out, size_t count) {
    if (count > size_ - offset_) return false;
    std::memcpy(out, bytes_ + offset_, count);
    offset_ += count;
    return true;
  }
  bool Skip(size_t count) {
    if (count > size_ - offset_) return false;
    offset_ += count;
    return true;
  }

  const uint8_t* bytes_;
  size_t size_;
  size_t offset_ = 0;
};

namespace {

Status BadModel(const std::string& why) { return Status::Error(StatusCode::kBadModel, "weights: " + why); }

constexpr uint32_t kMaxChannels = 4096;  // far beyond any model we ship; rejects corrupt sizes early

}  // namespace

Status Network::Load(const uint8_t* bytes, size_t size, Network* network) {
  constexpr size_t kHeaderSize = 16;
  if (bytes == nullptr || size < kHeaderSize) return BadModel("file is shorter than its header");
  if (std::memcmp(bytes, kWeightsMagic, 4) != 0) return BadModel("wrong magic, not a weights file");
  Reader header(bytes + 4, kHeaderSize - 4);
  uint32_t version = 0, payload_size = 0, checksum = 0;
  header.U32(&version);
  header.U32(&payload_size);
  header.U32(&checksum);
  if (version != kWeightsVersion) return BadModel("version " + std::to_string(version) + " is not supported");
  if (payload_size != size - kHeaderSize) return BadModel("payload size does not match the file");
  if (Crc32(bytes + kHeaderSize, payload_size) != checksum) return BadModel("checksum mismatch");

  Reader reader(bytes + kHeaderSize, payload_size);
  uint32_t input_size = 0, class_count = 0;
  if (!reader.U32(&input_size) || !reader.U32(&class_count) || !reader.F32(&network->temperature_) ||
      !reader.F32(&network->not_a_digit_from_)) {
    return BadModel("truncated model header");
  }
  if (input_size != kInputSize) return BadModel("input size differs from the core's " + std::to_string(kInputSize));
  if (class_count == 0 || class_count > kMaxChannels) return BadModel("bad class count");
  if (!(network->temperature_ > 0)) return BadModel("temperature must be positive");
  if (!(network->not_a_digit_from_ > 0)) return BadModel("the not-a-digit threshold must be positive");
  network->class_count_ = static_cast<int>(class_count);
  return network->ReadLayers(reader);
}

Status Network::ReadLayers(Reader& reader) {
  uint32_t layer_count = 0;
  if (!reader.U32(&layer_count) || layer_count > 64) return BadModel("bad layer count");
  int side = kInputSize, channels = 1;  // shape of the activations entering the next layer
  bool flat = false;
  layers_.clear();
  for (uint32_t l = 0; l < layer_count; ++l) {
    uint32_t kind = 0;
    if (!reader.U32(&kind)) return BadModel("truncated layer list");
    Layer layer{static_cast<Kind>(kind), {}, {}, {}, false};
    if (layer.kind == Kind::kMaxPool) {
      uint32_t window = 0;
      if (!reader.U32(&window) || window != 2) return BadModel("only 2x2 max pooling is supported");
      if (flat || side < 2) return BadModel("pooling after the activations became too small");
      side /= 2;
      layers_.push_back(std::move(layer));
      continue;
    }
    if (layer.kind != Kind::kConv && layer.kind != Kind::kDense) return BadModel("unknown layer kind");
    uint32_t inputs = 0, outputs = 0, kernel = 1, relu = 0;
    const bool conv = layer.kind == Kind::kConv;
    if (!reader.U32(&inputs) || !reader.U32(&outputs) || (conv && !reader.U32(&kernel)) || !reader.U32(&relu)) {
      return BadModel("truncated layer header");
    }
    const uint32_t expected_inputs = conv ? channels : static_cast<uint32_t>(side * side * channels);
    if (inputs != expected_inputs || outputs == 0 || outputs > kMaxChannels || (conv && flat)) {
      return BadModel("layer " + std::to_string(l) + " does not fit the activations before it");
    }
    if (conv && kernel != QuantizedConv::kKernel) return BadModel("the core runs 3x3 convolutions only");
    const size_t fan_in = static_cast<size_t>(kernel) * kernel * inputs;
    std::vector<float> scales(outputs), bias(outputs);
    std::vector<int8_t> quantized(fan_in * outputs);
    if (!reader.F32s(scales.data(), outputs) || !reader.F32s(bias.data(), outputs) ||
        !reader.I8s(quantized.data(), quantized.size())) {
      return BadModel("truncated weights in layer " + std::to_string(l));
    }
    if (conv) {
      layer.conv = QuantizedConv(static_cast<int>(inputs), static_cast<int>(outputs), relu != 0, quantized.data(),
                                 scales.data(), bias.data());
    } else {
      layer.weights.resize(outputs, fan_in);
      for (uint32_t o = 0; o < outputs; ++o) {
        for (size_t i = 0; i < fan_in; ++i) layer.weights(o, i) = scales[o] * quantized[o * fan_in + i];
      }
      layer.bias = Eigen::Map<const Eigen::RowVectorXf>(bias.data(), outputs);
      layer.relu = relu != 0;
    }
    channels = static_cast<int>(outputs);
    flat = flat || !conv;
    if (!conv) side = 1;
    layers_.push_back(std::move(layer));
  }
  if (!flat || channels != class_count_) return BadModel("the last layer must be dense with one output per class");
  if (!reader.done()) return BadModel("trailing bytes after the last layer");
  return Status::Ok();
}

Activations Network::MaxPool(const Activations& in, int side) {
  const int half = side / 2, channels = static_cast<int>(in.cols());
  Activations out(half * half, channels);
  for (int y = 0; y < half; ++y) {
    for (int x = 0; x < half; ++x) {
      const float* top = in.row(2 * y * side + 2 * x).data();
      const float* bottom = top + static_cast<size_t>(side) * channels;
      float* pooled = out.row(y * half + x).data();
      // A plain loop over channels, which compilers turn into vector code; Eigen's row expressions stayed scalar.
      for (int c = 0; c < channels; ++c) {
        pooled[c] = std::max(std::max(top[c], top[c + channels]), std::max(bottom[c], bottom[c + channels]));
      }
    }
  }
  return out;
}

Eigen::VectorXf Network::Logits(const DigitImage& image) const {
  // Activations are (pixels x channels), row-major: the flattened order is height, width, channel.
  Activations a = Eigen::Map<const Activations>(image.data(), kInputSize * kInputSize, 1);
  int side = kInputSize;
  for (const Layer& layer : layers_) {
    switch (layer.kind) {
      case Kind::kMaxPool:
        a = MaxPool(a, side);
        side /= 2;
        continue;
      case Kind::kConv:
        a = layer.conv.Run(a, side);
        continue;
      case Kind::kDense: {
        const Eigen::Map<const Eigen::RowVectorXf> flat(a.data(), a.size());
        a = (flat * layer.weights.transpose() + layer.bias).eval();
        if (layer.relu) a = a.cwiseMax(0.0f);
        side = 1;
        continue;
      }
    }
  }
  return Eigen::Map<const Eigen::VectorXf>(a.data(), a.size());
}

}  // namespace digits
