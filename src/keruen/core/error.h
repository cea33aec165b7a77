// Errors and results for the Keruen core.
//
// Every fallible operation returns `Result<T>` (a tl::expected) or `Status` (a
// `Result<void>`). An `Error` says what kind of failure happened, a human message, and
// where: the field path inside a document (`items[1].hs`), and when the document came
// from a file, the file and line. Callers add location as an error travels outwards
// (`WithSource`), so the message a user finally sees names file, line and field.
//
// Exceptions are not used across module boundaries; asserts guard only broken internal
// invariants, never bad outside input.
#ifndef KERUEN_CORE_ERROR_H_
#define KERUEN_CORE_ERROR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace keruen {

enum class ErrorCode {
  kInvalidArgument,  // the input is well-formed but a value is not acceptable
  kParse,            // the input is not well-formed (JSON, XML, CSV)
  kNotFound,
  kConflict,     // the operation contradicts stored state
  kIo,           // file or database I/O failed
  kUnavailable,  // a dependency (database, port) cannot be used right now
  kInternal,
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;   // JSON-style path of the offending field, empty when not about one
  std::string source;  // file name or other origin, empty when unknown
  int64_t line = 0;    // 1-based line in `source`, 0 when unknown

  // "file:line: field: message", leaving out the parts that are unknown.
  std::string ToString() const;

  // Returns a copy located in `source` at `line` (keeps an existing location).
  Error WithSource(std::string_view source_name, int64_t line_number) const;
  // Returns a copy whose field path is `prefix` + "." + field (or `prefix` alone).
  Error WithFieldPrefix(std::string_view prefix) const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message,
                                       std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), {}, 0});
}
inline tl::unexpected<Error> InvalidArgument(std::string field, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
inline tl::unexpected<Error> ParseError(std::string message) {
  return MakeError(ErrorCode::kParse, std::move(message));
}
inline tl::unexpected<Error> NotFound(std::string message) {
  return MakeError(ErrorCode::kNotFound, std::move(message));
}
inline tl::unexpected<Error> IoError(std::string message) {
  return MakeError(ErrorCode::kIo, std::move(message));
}

inline Status Ok() { return {}; }

}  // namespace keruen

#endif  // KERUEN_CORE_ERROR_H_
