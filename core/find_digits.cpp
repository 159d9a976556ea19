#include "find_digits.h"

#include "components.h"
#include "ink.h"
#include "segment.h"

namespace digits {

Status FindDigits(const uint8_t* rgba, int width, int height, size_t byte_length, std::vector<FoundDigit>* found) {
  if (found == nullptr) return Status::Error(StatusCode::kNullPointer, "output is null");
  Status status = ValidateCanvas(rgba, width, height, byte_length);
  if (!status.ok()) return status;
  const InkPlane plane = ExtractInk(rgba, width, height);
  found->clear();
  for (const DigitInk& ink : SegmentDigits(FindComponents(plane))) {
    found->push_back({ink.box, NormalizeDigit(plane, ink.runs())});
  }
  return Status::Ok();
}

}  // namespace digits
