#include "keruen/screening/text/internal/iuliia_schema.h"

#include <simdjson.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "keruen/core/csv.h"
#include "keruen/screening/text/internal/unicode_strings.h"

namespace keruen::screening::text_internal {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// Lower case and NFC, so that an output letter written decomposed in a table ("c" + combining
// caron) compares equal to the same letter typed precomposed ("č").
std::u32string Canonical(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toLower();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) s = nfc->normalize(s, status);
  return ToUtf32(s);
}

// Reads `field` of `root` as an object of strings into `out` (keyed by the key's letters);
// null or absent means an empty map. `min_letters`..`max_letters` bound the key length.
template <typename Map, typename MakeKey>
Status ReadMapping(const object& root, const char* field, size_t min_letters, size_t max_letters,
                   Map& out, MakeKey make_key) {
  element value;
  if (root.at_key(field).get(value) != simdjson::SUCCESS || value.is_null()) return Ok();
  object mapping;
  if (value.get_object().get(mapping) != simdjson::SUCCESS) {
    return InvalidArgument(field, "expected an object or null");
  }
  for (const auto [key, letter] : mapping) {
    std::string_view latin;
    if (letter.get_string().get(latin) != simdjson::SUCCESS) {
      return InvalidArgument(std::string(field) + "." + std::string(key), "expected a string");
    }
    const std::u32string cyrillic = Canonical(key);
    if (cyrillic.size() < min_letters || cyrillic.size() > max_letters) {
      return InvalidArgument(std::string(field) + "." + std::string(key),
                             "expected a key of " + std::to_string(min_letters) + " to " +
                                 std::to_string(max_letters) + " letters");
    }
    out[make_key(cyrillic)] = Canonical(latin);
  }
  return Ok();
}

bool IsWordSeparator(char32_t c) {
  switch (c) {
    case U',':
    case U'.':
    case U':':
    case U';':
    case U'?':
    case U'!':
    case U'(':
    case U')':
    case U'"':
    case U'\'':
    case U'\uFEFF':
      return true;
    default:
      return u_isUWhiteSpace(static_cast<UChar32>(c));
  }
}

}  // namespace

Result<IuliiaSchema> IuliiaSchema::Load(const std::filesystem::path& file) {
  auto text = ReadFile(file.string());
  if (!text) return tl::unexpected(text.error());
  auto schema = Parse(*text);
  if (!schema) return tl::unexpected(schema.error().WithSource(file.string(), 0));
  return schema;
}

Result<IuliiaSchema> IuliiaSchema::Parse(std::string_view json) {
  simdjson::dom::parser parser;
  element root_element;
  if (const auto error = parser.parse(json.data(), json.size()).get(root_element);
      error != simdjson::SUCCESS) {
    return ParseError(std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  object root;
  if (root_element.get_object().get(root) != simdjson::SUCCESS) {
    return ParseError("expected a JSON object");
  }
  IuliiaSchema schema;
  std::string_view name;
  if (root.at_key("name").get_string().get(name) != simdjson::SUCCESS || name.empty()) {
    return InvalidArgument("name", "expected a non-empty string");
  }
  schema.name_ = std::string(name);

  object mapping;
  if (root.at_key("mapping").get_object().get(mapping) != simdjson::SUCCESS) {
    return InvalidArgument("mapping", "expected an object");
  }
  Status status = ReadMapping(root, "mapping", 1, 1, schema.letters_,
                              [](const std::u32string& k) { return k[0]; });
  // A one-letter key in prev_mapping is "at the start of a word", in next_mapping "at the end".
  if (status) {
    status = ReadMapping(root, "prev_mapping", 1, 2, schema.after_, [](const std::u32string& k) {
      return k.size() == 1 ? Key(0, k[0]) : Key(k[0], k[1]);
    });
  }
  if (status) {
    status = ReadMapping(root, "next_mapping", 1, 2, schema.before_, [](const std::u32string& k) {
      return k.size() == 1 ? Key(k[0], 0) : Key(k[0], k[1]);
    });
  }
  if (status) {
    status = ReadMapping(root, "ending_mapping", 2, 2, schema.ending_,
                         [](const std::u32string& k) { return Key(k[0], k[1]); });
  }
  if (!status) return tl::unexpected(status.error());

  element samples;
  if (root.at_key("samples").get(samples) == simdjson::SUCCESS && !samples.is_null()) {
    simdjson::dom::array list;
    if (samples.get_array().get(list) != simdjson::SUCCESS) {
      return InvalidArgument("samples", "expected an array of [Cyrillic, Latin] pairs");
    }
    size_t index = 0;
    for (const element pair : list) {
      std::string_view cyrillic;
      std::string_view latin;
      if (pair.at(0).get_string().get(cyrillic) != simdjson::SUCCESS ||
          pair.at(1).get_string().get(latin) != simdjson::SUCCESS) {
        return InvalidArgument("samples[" + std::to_string(index) + "]",
                               "expected a [Cyrillic, Latin] pair of strings");
      }
      schema.samples_.emplace_back(std::string(cyrillic), std::string(latin));
      ++index;
    }
  }
  return schema;
}

void IuliiaSchema::TranslateText(std::u32string_view text, std::u32string& out) const {
  size_t i = 0;
  while (i < text.size()) {
    if (IsWordSeparator(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = i;
    while (end < text.size() && !IsWordSeparator(text[end])) ++end;
    TranslateWord(text.substr(i, end - i), out);
    i = end;
  }
}

void IuliiaSchema::TranslateWord(std::u32string_view word, std::u32string& out) const {
  std::u32string_view stem = word;
  const std::u32string* ending = nullptr;
  if (word.size() > 2 && !ending_.empty()) {
    const auto it = ending_.find(Key(word[word.size() - 2], word.back()));
    // As in the reference, an ending rule that yields nothing is no rule.
    if (it != ending_.end() && !it->second.empty()) {
      ending = &it->second;
      stem = word.substr(0, word.size() - 2);
    }
  }
  for (size_t i = 0; i < stem.size(); ++i) {
    const char32_t letter = stem[i];
    if (!after_.empty()) {
      const auto it = after_.find(Key(i > 0 ? stem[i - 1] : 0, letter));
      if (it != after_.end()) {
        out += it->second;
        continue;
      }
    }
    if (!before_.empty()) {
      const auto it = before_.find(Key(letter, i + 1 < stem.size() ? stem[i + 1] : 0));
      if (it != before_.end()) {
        out += it->second;
        continue;
      }
    }
    const auto it = letters_.find(letter);
    if (it != letters_.end()) {
      out += it->second;
    } else {
      out.push_back(letter);
    }
  }
  if (ending != nullptr) out += *ending;
}

}  // namespace keruen::screening::text_internal
