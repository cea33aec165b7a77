#include "keruen/screening/lists/list_entry.h"

#include <array>
#include <utility>

namespace keruen::screening {
namespace {

constexpr std::array<std::pair<EntityType, std::string_view>, 5> kEntityTypeNames = {{
    {EntityType::kPerson, "person"},
    {EntityType::kOrganization, "organization"},
    {EntityType::kVessel, "vessel"},
    {EntityType::kAircraft, "aircraft"},
    {EntityType::kUnknown, "unknown"},
}};

constexpr std::array<std::pair<ListFormat, std::string_view>, 7> kListFormatNames = {{
    {ListFormat::kOfacSdn, "ofac-sdn"},
    {ListFormat::kOfacConsolidated, "ofac-cons"},
    {ListFormat::kUn, "un"},
    {ListFormat::kEu, "eu"},
    {ListFormat::kUk, "uk"},
    {ListFormat::kOpenSanctions, "opensanctions"},
    {ListFormat::kCustomCsv, "csv"},
}};

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  for (const auto& [t, name] : kEntityTypeNames) {
    if (t == type) return name;
  }
  return "unknown";
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (const auto& [t, n] : kEntityTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view ListFormatName(ListFormat format) {
  for (const auto& [f, name] : kListFormatNames) {
    if (f == format) return name;
  }
  return "csv";
}

std::optional<ListFormat> ParseListFormat(std::string_view name) {
  for (const auto& [f, n] : kListFormatNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

const std::string& ListEntry::Caption() const {
  for (const ListName& n : names) {
    if (n.primary) return n.full;
  }
  if (!names.empty()) return names.front().full;
  static const std::string kEmpty;
  return kEmpty;
}

}  // namespace keruen::screening
