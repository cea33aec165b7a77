#include "keruen/core/model.h"

#include <array>
#include <utility>

namespace keruen {
namespace {

// Looks `name` up in a table of (value, name) pairs.
template <typename E, size_t N>
std::optional<E> FindByName(const std::array<std::pair<E, std::string_view>, N>& table,
                            std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, n] : table) {
    if (v == value) return n;
  }
  return "unknown";
}

constexpr std::array<std::pair<IdKind, std::string_view>, 6> kIdKinds{{
    {IdKind::kBin, "bin"},
    {IdKind::kIin, "iin"},
    {IdKind::kInn, "inn"},
    {IdKind::kOgrn, "ogrn"},
    {IdKind::kEori, "eori"},
    {IdKind::kVat, "vat"},
}};

constexpr std::array<std::pair<DeclarationKind, std::string_view>, 4> kDeclarationKinds{{
    {DeclarationKind::kImport, "import"},
    {DeclarationKind::kExport, "export"},
    {DeclarationKind::kTransit, "transit"},
    {DeclarationKind::kWaybill, "waybill"},
}};

constexpr std::array<std::pair<MovementState, std::string_view>, 7> kMovementStates{{
    {MovementState::kLodged, "lodged"},
    {MovementState::kReleased, "released"},
    {MovementState::kEntered, "entered"},
    {MovementState::kExited, "exited"},
    {MovementState::kDischarged, "discharged"},
    {MovementState::kOverdue, "overdue"},
    {MovementState::kDiverted, "diverted"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 5> kSeverities{{
    {Severity::kInfo, "info"},
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
    {Severity::kCritical, "critical"},
}};

constexpr std::array<std::pair<AlertStatus, std::string_view>, 5> kAlertStatuses{{
    {AlertStatus::kOpen, "open"},
    {AlertStatus::kAssigned, "assigned"},
    {AlertStatus::kTruePositive, "true_positive"},
    {AlertStatus::kFalsePositive, "false_positive"},
    {AlertStatus::kClosed, "closed"},
}};

}  // namespace

std::string_view IdKindName(IdKind kind) { return NameOf(kIdKinds, kind); }
std::optional<IdKind> ParseIdKind(std::string_view name) { return FindByName(kIdKinds, name); }

std::string_view DeclarationKindName(DeclarationKind kind) {
  return NameOf(kDeclarationKinds, kind);
}
std::optional<DeclarationKind> ParseDeclarationKind(std::string_view name) {
  return FindByName(kDeclarationKinds, name);
}

std::string_view MovementStateName(MovementState state) { return NameOf(kMovementStates, state); }
std::optional<MovementState> ParseMovementState(std::string_view name) {
  return FindByName(kMovementStates, name);
}

std::string_view SeverityName(Severity s) { return NameOf(kSeverities, s); }
std::optional<Severity> ParseSeverity(std::string_view name) {
  return FindByName(kSeverities, name);
}

std::string_view AlertStatusName(AlertStatus s) { return NameOf(kAlertStatuses, s); }
std::optional<AlertStatus> ParseAlertStatus(std::string_view name) {
  return FindByName(kAlertStatuses, name);
}

std::string_view Party::Id(IdKind kind) const {
  for (const auto& id : ids) {
    if (id.kind == kind) return id.value;
  }
  return {};
}

}  // namespace keruen
