#include "keruen/tracking/epcis/event.h"

#include <array>
#include <utility>

namespace keruen::tracking {
namespace {

constexpr std::array<std::pair<EpcisEventType, std::string_view>, 5> kTypeNames = {{
    {EpcisEventType::kObject, "ObjectEvent"},
    {EpcisEventType::kAggregation, "AggregationEvent"},
    {EpcisEventType::kTransaction, "TransactionEvent"},
    {EpcisEventType::kTransformation, "TransformationEvent"},
    {EpcisEventType::kAssociation, "AssociationEvent"},
}};

}  // namespace

std::string_view EpcisEventTypeName(EpcisEventType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return {};
}

std::optional<EpcisEventType> ParseEpcisEventType(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::string_view EpcisActionName(EpcisAction action) {
  switch (action) {
    case EpcisAction::kAdd:
      return "ADD";
    case EpcisAction::kObserve:
      return "OBSERVE";
    case EpcisAction::kDelete:
      return "DELETE";
    case EpcisAction::kNone:
      break;
  }
  return {};
}

std::optional<EpcisAction> ParseEpcisAction(std::string_view name) {
  if (name == "ADD") return EpcisAction::kAdd;
  if (name == "OBSERVE") return EpcisAction::kObserve;
  if (name == "DELETE") return EpcisAction::kDelete;
  return std::nullopt;
}

}  // namespace keruen::tracking
