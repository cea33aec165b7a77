#include "keruen/core/error.h"

namespace keruen {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kParse:
      return "parse error";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kIo:
      return "i/o error";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal error";
  }
  return "unknown error";
}

std::string Error::ToString() const {
  std::string out;
  if (!source.empty()) {
    out += source;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  if (!field.empty()) {
    out += field;
    out += ": ";
  }
  out += message;
  return out;
}

Error Error::WithSource(std::string_view source_name, int64_t line_number) const {
  Error copy = *this;
  if (copy.source.empty()) {
    copy.source = std::string(source_name);
    copy.line = line_number;
  }
  return copy;
}

Error Error::WithFieldPrefix(std::string_view prefix) const {
  Error copy = *this;
  if (copy.field.empty()) {
    copy.field = std::string(prefix);
  } else if (copy.field.front() == '[') {
    copy.field = std::string(prefix) + copy.field;
  } else {
    copy.field = std::string(prefix) + "." + copy.field;
  }
  return copy;
}

}  // namespace keruen
