#include "network.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "crc32.h"
#include "embedded_model.h"

namespace digits {
namespace {

// weights/golden.bin, written by training/train.py: images as the network reads them (normalized, then
// softened) and the logits the quantized network gave for them in PyTorch.
struct Golden {
  std::vector<DigitImage> images;
  std::vector<std::vector<float>> logits;
};

Golden ReadGolden() {
  std::ifstream in(GOLDEN_FILE, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
  Golden golden;
  uint32_t header[3];
  if (bytes.size() < 16 || std::memcmp(bytes.data(), "HWDG", 4) != 0) return golden;
  std::memcpy(header, bytes.data() + 4, sizeof header);
  const uint32_t count = header[0], side = header[1], classes = header[2];
  if (side != kInputSize || bytes.size() != 16 + count * (side * side + classes) * sizeof(float)) return golden;
  const char* p = bytes.data() + 16;
  golden.images.resize(count);
  for (auto& image : golden.images) std::memcpy(image.data(), p, sizeof image), p += sizeof image;
  for (uint32_t i = 0; i < count; ++i) {
    golden.logits.emplace_back(classes);
    std::memcpy(golden.logits.back().data(), p, classes * sizeof(float));
    p += classes * sizeof(float);
  }
  return golden;
}

Network EmbeddedNetwork() {
  Network network;
  const Status status = Network::Load(kEmbeddedModel, kEmbeddedModelSize, &network);
  EXPECT_TRUE(status.ok()) << status.message;
  return network;
}

TEST(Network, LogitsEqualTheGoldenOnesFromTraining) {
  const Golden golden = ReadGolden();
  ASSERT_GE(golden.images.size(), 32u) << "cannot read " << GOLDEN_FILE;
  const Network network = EmbeddedNetwork();
  for (size_t i = 0; i < golden.images.size(); ++i) {
    const Eigen::VectorXf logits = network.Logits(golden.images[i]);
    ASSERT_EQ(logits.size(), static_cast<long>(golden.logits[i].size()));
    for (long c = 0; c < logits.size(); ++c) {
      // PyTorch keeps the activations in float; the core rounds them to int16 before each convolution
      // (steps of 1/8191 of the layer's largest value, so that the Winograd transform of four stays in int16),
      // which moves this model's logits by up to 0.01: most in the rows of the classes that are no digit, whose
      // weights are twice the size of the digits' (a change of 0.01 in a logit moves a probability by 1% of itself).
      EXPECT_NEAR(logits[c], golden.logits[i][c], 1.5e-2f + 5e-4f * std::abs(golden.logits[i][c]))
          << "image " << i << " class " << c;
    }
  }
}

TEST(Network, EmbeddedModelIsTheCommittedFile) {
  std::ifstream in(WEIGHTS_FILE, std::ios::binary);
  const std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)), {});
  ASSERT_EQ(file.size(), kEmbeddedModelSize);
  EXPECT_EQ(std::memcmp(file.data(), kEmbeddedModel, file.size()), 0);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(kEmbeddedModel) % 16, 0u);
}

std::vector<uint8_t> EmbeddedCopy() { return {kEmbeddedModel, kEmbeddedModel + kEmbeddedModelSize}; }

StatusCode LoadCode(const std::vector<uint8_t>& bytes) {
  Network network;
  return Network::Load(bytes.data(), bytes.size(), &network).code;
}

void Reseal(std::vector<uint8_t>* bytes) {
  const uint32_t crc = Crc32(bytes->data() + 16, bytes->size() - 16);
  std::memcpy(bytes->data() + 12, &crc, 4);
}

TEST(Network, RejectsDamagedFiles) {
  auto flipped = EmbeddedCopy();
  flipped[flipped.size() / 2] ^= 0x40;
  EXPECT_EQ(LoadCode(flipped), StatusCode::kBadModel);

  auto magic = EmbeddedCopy();
  magic[0] = 'X';
  EXPECT_EQ(LoadCode(magic), StatusCode::kBadModel);

  auto version = EmbeddedCopy();
  version[4] = 99;
  EXPECT_EQ(LoadCode(version), StatusCode::kBadModel);

  auto extra = EmbeddedCopy();
  extra.push_back(0);
  EXPECT_EQ(LoadCode(extra), StatusCode::kBadModel);

  Network network;
  EXPECT_EQ(Network::Load(nullptr, 100, &network).code, StatusCode::kBadModel);
}

TEST(Network, RejectsEveryTruncationWithoutCrashing) {
  const auto whole = EmbeddedCopy();
  for (size_t size = 0; size < whole.size(); size += 37) {
    std::vector<uint8_t> cut(whole.begin(), whole.begin() + static_cast<long>(size));
    if (cut.size() >= 16) {
      const uint32_t payload = static_cast<uint32_t>(cut.size() - 16);
      std::memcpy(cut.data() + 8, &payload, 4);  // a consistent header, so the layer parser is reached
      Reseal(&cut);
    }
    EXPECT_EQ(LoadCode(cut), StatusCode::kBadModel) << "size " << size;
  }
}

TEST(Network, RejectsLayersThatDoNotFit) {
  auto bytes = EmbeddedCopy();
  // The first layer's input channel count sits after the model header (20 bytes) and its kind (4).
  const size_t first_inputs = 16 + 20 + 4;
  bytes[first_inputs] = 3;
  Reseal(&bytes);
  EXPECT_EQ(LoadCode(bytes), StatusCode::kBadModel);
}

}  // namespace
}  // namespace digits
