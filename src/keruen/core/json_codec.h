// JSON in and out for the domain model, in the shapes of shared/spec.
//
// Parsing checks structure and types and names the path of the first problem
// (`items[1].quantity: expected a number, found string`); unknown fields are ignored, as
// the spec allows more fields. Value rules (HS code length, currency codes...) are
// validate.h's job. Writing produces the canonical compact form the store hashes.
#ifndef KERUEN_CORE_JSON_CODEC_H_
#define KERUEN_CORE_JSON_CODEC_H_

#include <string>
#include <string_view>

#include "keruen/core/error.h"
#include "keruen/core/model.h"

namespace keruen {

// `json` must hold exactly one JSON object. Copies the input when it is not padded;
// use a JsonDocumentParser to parse many documents without copying.
Result<Declaration> ParseDeclarationJson(std::string_view json);
Result<Payment> ParsePaymentJson(std::string_view json);

// Reuses one simdjson parser across documents. Not thread-safe: one per thread.
class JsonDocumentParser {
 public:
  JsonDocumentParser();
  ~JsonDocumentParser();
  JsonDocumentParser(const JsonDocumentParser&) = delete;
  JsonDocumentParser& operator=(const JsonDocumentParser&) = delete;

  // When `padded` is true, at least 64 readable bytes must follow `json` in memory (as in
  // a simdjson::padded_string holding a whole file); then no copy is made.
  Result<keruen::Declaration> ParseDeclaration(std::string_view json, bool padded = false);
  Result<keruen::Payment> ParsePayment(std::string_view json, bool padded = false);

 private:
  struct Impl;
  Impl* impl_;
};

// Bytes of readable padding a `padded` parse needs after the document.
inline constexpr size_t kJsonPadding = 64;

void AppendJson(const Declaration& d, std::string& out);
void AppendJson(const Payment& p, std::string& out);
void AppendJson(const Movement& m, std::string& out);
void AppendJson(const Alert& a, std::string& out);
void AppendJson(const Decision& d, std::string& out);

template <typename T>
std::string ToJson(const T& value) {
  std::string out;
  AppendJson(value, out);
  return out;
}

}  // namespace keruen

#endif  // KERUEN_CORE_JSON_CODEC_H_
