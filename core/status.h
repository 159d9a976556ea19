// Error reporting for the public entry points: a code callers can branch on and a message people can read.
#pragma once

#include <string>

namespace digits {

enum class StatusCode {
  kOk = 0,
  kNullPointer = 1,
  kBadSize = 2,        // width or height zero, negative or beyond the limits
  kShortBuffer = 3,    // fewer bytes than width * height * 4
  kBadModel = 4,       // embedded weights failed validation
};

struct Status {
  StatusCode code = StatusCode::kOk;
  std::string message;

  bool ok() const { return code == StatusCode::kOk; }
  static Status Ok() { return {}; }
  static Status Error(StatusCode code, std::string message) { return {code, std::move(message)}; }
};

}  // namespace digits
