// A minimal streaming JSON writer that appends to a std::string.
//
// The store keeps every document in a canonical compact form and hashes it to tell an
// unchanged re-ingest from an amendment; the API answers with the same bytes. A direct
// writer makes that cheap (no intermediate tree) and the output deterministic: keys in the
// order written, numbers in their shortest round-trip form. Commas are inserted
// automatically; callers only open, close, name and write values.
#ifndef KERUEN_CORE_JSON_WRITER_H_
#define KERUEN_CORE_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace keruen {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);
  // A fixed-point decimal with `scale` (a power of ten) units per whole.
  JsonWriter& Decimal(int64_t units, int64_t scale);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialised JSON (trusted: produced by this writer or validated).
  JsonWriter& Raw(std::string_view json);

  // Key + value helpers.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }

 private:
  void Separate();
  void Open();
  void Close();

  std::string& out_;
  // Bit d is set once the container open at depth d holds an element; documents here nest
  // a few levels, so 64 is far beyond need (deeper nesting is an internal error).
  uint64_t has_element_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string with the escapes RFC 8259 requires.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace keruen

#endif  // KERUEN_CORE_JSON_WRITER_H_
