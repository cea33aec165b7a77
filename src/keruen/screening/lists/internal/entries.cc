#include "keruen/screening/lists/internal/entries.h"

#include "keruen/screening/lists/identifiers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {

void AddName(ListEntry& entry, std::string_view full, bool primary, bool weak) {
  full = Trim(full);
  if (full.empty()) return;
  for (ListName& n : entry.names) {
    if (n.full == full) {
      n.primary = n.primary || primary;
      n.weak = n.weak && weak;
      return;
    }
  }
  entry.names.push_back(ListName{std::string(full), primary, weak});
}

void AddIdentifier(ListEntry& entry, std::string_view scheme, std::string_view value,
                   std::string_view country) {
  value = Trim(value);
  const std::string normal = NormalizeIdentifier(scheme, value);
  if (normal.empty()) return;
  for (ListIdentifier& id : entry.identifiers) {
    if (id.scheme == scheme && NormalizeIdentifier(scheme, id.value) == normal) {
      if (id.country.empty()) id.country = std::string(country);
      return;
    }
  }
  entry.identifiers.push_back(
      ListIdentifier{std::string(scheme), std::string(value), std::string(country)});
}

std::string RefineScheme(std::string_view scheme, std::string_view value, std::string_view country,
                         EntityType type) {
  const bool generic = scheme == "tax" || scheme == "registration" || scheme == "national_id";
  if (!generic) return std::string(scheme);
  std::string digits;
  for (char c : value) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-') {
      return std::string(scheme);  // letters or other marks: not one of these registers
    }
  }
  const size_t n = digits.size();
  if (country == "RU") {
    if (scheme == "tax" && (n == 10 || n == 12)) return "inn";
    if (scheme == "registration" && (n == 13 || n == 15)) return "ogrn";
  }
  if (country == "KZ" && n == 12) return type == EntityType::kPerson ? "iin" : "bin";
  return std::string(scheme);
}

std::string_view RegisterCountry(std::string_view scheme) {
  if (scheme == "inn" || scheme == "ogrn" || scheme == "kpp" || scheme == "okpo") return "RU";
  if (scheme == "bin" || scheme == "iin") return "KZ";
  return {};
}

Error RecordError(const std::string& source, int64_t line, std::string field, std::string message) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), source, line};
}

}  // namespace keruen::screening::lists_internal
