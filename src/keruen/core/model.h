// The Keruen domain model: the facts the engines reason about.
//
// These are plain value types. They carry no behaviour beyond small helpers; parsing lives
// in json_codec.h and ncts/, checking in validate.h, persistence in store/. Field names
// follow the interchange documents in shared/spec (declaration.example.json,
// payment.example.json) so a field path in an error message is the path in the document.
#ifndef KERUEN_CORE_MODEL_H_
#define KERUEN_CORE_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/time.h"

namespace keruen {

// A decimal amount held exactly as ten-thousandths, so sums and comparisons never drift.
struct Money {
  static constexpr int64_t kScale = 10000;
  int64_t units = 0;     // amount * kScale
  std::string currency;  // ISO 4217 alphabetic code, e.g. "EUR"

  double amount() const { return static_cast<double>(units) / kScale; }
  bool operator==(const Money&) const = default;
};

// National and trade identifiers. Kazakhstan: BIN (companies), IIN (persons), both 12
// digits. Russia and Kyrgyzstan: INN, OGRN. EU: EORI, VAT.
enum class IdKind { kBin, kIin, kInn, kOgrn, kEori, kVat };
inline constexpr IdKind kAllIdKinds[] = {IdKind::kBin,  IdKind::kIin,  IdKind::kInn,
                                         IdKind::kOgrn, IdKind::kEori, IdKind::kVat};
std::string_view IdKindName(IdKind kind);  // "bin", "iin", ...
std::optional<IdKind> ParseIdKind(std::string_view name);

struct Identifier {
  IdKind kind;
  std::string value;
  bool operator==(const Identifier&) const = default;
};

struct Party {
  std::string name;     // as written, any script
  std::string country;  // ISO 3166-1 alpha-2
  std::vector<Identifier> ids;
  std::string address;
  std::optional<Date> registered_on;

  // The value of the first identifier of `kind`, or empty.
  std::string_view Id(IdKind kind) const;
  bool operator==(const Party&) const = default;
};

enum class DeclarationKind { kImport, kExport, kTransit, kWaybill };
std::string_view DeclarationKindName(DeclarationKind kind);
std::optional<DeclarationKind> ParseDeclarationKind(std::string_view name);

struct Itinerary {
  std::string entry_post;  // as written (any spelling); see reference.h to resolve
  std::string exit_post;
  std::optional<Timestamp> limit_date;
  bool operator==(const Itinerary&) const = default;
};

struct Transport {
  std::string mode;  // road, rail, air, sea, ...
  std::string vehicle;
  std::string trailer;
  std::vector<std::string> seals;  // electronic navigation seal ids
  bool operator==(const Transport&) const = default;
};

struct GoodsItem {
  int32_t seq = 0;
  std::string hs;  // 6 to 10 digits
  std::string description;
  double quantity = 0;
  std::string unit;
  double net_kg = 0;
  double gross_kg = 0;
  Money value;
  std::string origin;  // ISO 3166-1 alpha-2, may be empty
  bool operator==(const GoodsItem&) const = default;
};

struct DocumentRef {
  std::string type;  // invoice, cmr, contract, ...
  std::string ref;
  bool operator==(const DocumentRef&) const = default;
};

// A customs declaration, or the EAEU accompanying waybill used between Kazakhstan and
// Russia where no customs declaration exists.
struct Declaration {
  std::string id;
  DeclarationKind kind = DeclarationKind::kImport;
  Timestamp lodged_at = 0;
  Party declarant;
  std::optional<Party> consignor;
  std::optional<Party> consignee;
  std::optional<Party> carrier;
  std::string country_of_dispatch;
  std::string country_of_destination;
  Itinerary itinerary;
  Transport transport;
  std::vector<GoodsItem> items;
  std::vector<DocumentRef> documents;
  bool operator==(const Declaration&) const = default;
};

// A party of a payment: who pays or is paid, their account and their bank.
struct PaymentParty {
  Party party;
  std::string account;    // IBAN or national account number
  std::string agent_bic;  // BIC of the party's bank
  bool operator==(const PaymentParty&) const = default;
};

// A cross-border credit transfer, with the fields a bank takes from ISO 20022 pacs.008.
struct Payment {
  std::string id;
  Timestamp executed_at = 0;
  Money amount;
  PaymentParty debtor;
  PaymentParty creditor;
  std::vector<std::string> intermediary_bics;
  std::string remittance;
  std::string purpose;
  bool operator==(const Payment&) const = default;
};

// The physical journey of a transit or export declaration, modelled on NCTS:
//   lodged -> released -> entered -> exited -> discharged
// with the branches overdue (limit date passed before exit) and diverted (left the
// approved route or country). See movement.h for the allowed transitions.
enum class MovementState {
  kLodged,
  kReleased,
  kEntered,
  kExited,
  kDischarged,
  kOverdue,
  kDiverted
};
std::string_view MovementStateName(MovementState state);
std::optional<MovementState> ParseMovementState(std::string_view name);

struct MovementEvent {
  MovementState state;
  Timestamp at = 0;
  std::string reason;
  bool operator==(const MovementEvent&) const = default;
};

struct Movement {
  std::string id;  // the declaration id
  MovementState state = MovementState::kLodged;
  std::vector<std::string> seals;
  std::string entry_post_id;  // resolved border post ids, empty when unknown
  std::string exit_post_id;
  std::optional<Timestamp> limit_date;
  std::vector<MovementEvent> history;
  bool operator==(const Movement&) const = default;
};

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };
std::string_view SeverityName(Severity s);
std::optional<Severity> ParseSeverity(std::string_view name);

// What an alert or decision is about.
struct SubjectRef {
  std::string type;  // "declaration", "payment", "movement", "party"
  std::string id;
  bool operator==(const SubjectRef&) const = default;
};

enum class AlertStatus { kOpen, kAssigned, kTruePositive, kFalsePositive, kClosed };
std::string_view AlertStatusName(AlertStatus s);
std::optional<AlertStatus> ParseAlertStatus(std::string_view name);

// A finding of a detection rule, with the facts that support it.
struct Alert {
  std::string id;
  std::string rule;  // catalogue id, e.g. "T1"
  Severity severity = Severity::kMedium;
  SubjectRef subject;
  std::string evidence_json;  // JSON object: the facts (positions, list entries, amounts)
  std::string explanation;    // one sentence a person reads
  AlertStatus status = AlertStatus::kOpen;
  Timestamp raised_at = 0;
  bool operator==(const Alert&) const = default;
};

// An outcome chosen for a subject: a lane for a declaration, release / hold / block for a
// payment, a disposition for an alert.
struct Decision {
  std::string id;
  SubjectRef subject;
  std::string kind;     // "lane", "payment", "disposition"
  std::string outcome;  // "green", "hold", "false_positive", ...
  std::vector<std::string> reasons;
  std::string decided_by;  // "engine" or an analyst id
  Timestamp decided_at = 0;
  bool operator==(const Decision&) const = default;
};

}  // namespace keruen

#endif  // KERUEN_CORE_MODEL_H_
