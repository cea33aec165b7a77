// Analysts' risk profiles: conditions on declaration fields, written in a plain text file
// (docs/risk-profiles.md), that add to a declaration's risk score or raise its lane.
//
// Why a language of its own and not scripts: a profile file is written by customs analysts
// and reloaded into a running server, so it must be readable without programming, checked
// before it takes effect (every mistake reported with file, line and column), and unable to
// run code, include files or loop. Conditions are comparisons joined by `and`, with optional
// `any of ... end` groups; nothing else.
//
// This library does not know the risk engine. The caller describes what a declaration offers
// in a `ProfileSchema` (field names and types, the rules' tunable parameters) and answers
// questions about one declaration through a `FactSource`. Field names are resolved to indexes
// and lists normalised (case-folded, sorted) when the file is parsed, so evaluating a
// declaration looks nothing up by name and allocates only for the profiles that match.
//
// Besides profiles a file holds the lane configuration (thresholds, expected selection rates
// and the minimum random rate, as in ASYCUDA: lanes.h) and settings of the built-in rules'
// parameters. Lane assignment itself is the LaneSelector's; this library parses and checks
// the configuration.
#ifndef KERUEN_RISK_PROFILE_H_
#define KERUEN_RISK_PROFILE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/time.h"
#include "keruen/risk/lanes.h"

namespace keruen::risk {

// ---------------------------------------------------------------------------------------
// What the caller offers.

enum class FieldType { kNumber, kText, kDate };

struct FieldSpec {
  std::string name;  // "destination", "item.hs", "consignee.country", "rule.G1"
  FieldType type = FieldType::kText;
  // Asked once per goods item. The item conditions of one profile must all hold for the same
  // item: "item.hs starts with 8542 and item.value_eur > 10000" means one item is both.
  bool per_item = false;
  std::string help;  // one line for `keruen risk fields`
};

// A tunable parameter of a built-in rule ("Q6" "min_parts"); a file may set it within
// [min, max], otherwise it keeps `default_value`. `rule` may also name a group of settings
// that is no rule ("decision"): a file sets its parameters the same way ("rule decision
// hold_threshold 0.7") but cannot switch it off.
struct ParamSpec {
  std::string rule;
  std::string name;
  double default_value = 0;
  double min = 0;
  double max = 0;
  std::string help;
};

struct ProfileSchema {
  std::vector<FieldSpec> fields;
  std::vector<ParamSpec> params;
  // The rules a file may switch off ("rule P1 enabled no"), besides those with an "enabled"
  // parameter.
  std::vector<std::string> rules;
};

// The facts of one declaration. `field` indexes ProfileSchema::fields; `item` is the goods
// item (0-based) for per-item fields and is ignored for the others.
class FactSource {
 public:
  virtual ~FactSource() = default;
  virtual size_t item_count() const = 0;
  // kNumber fields, and kDate fields as days since 1970-01-01 (keruen::Date).
  // nullopt or NaN: the value is missing.
  virtual std::optional<double> Number(size_t field, size_t item) const = 0;
  // kText fields. nullopt or empty: the value is missing. The view need only stay valid until
  // the next call on this source.
  virtual std::optional<std::string_view> Text(size_t field, size_t item) const = 0;
};

// ---------------------------------------------------------------------------------------
// Profiles as parsed.

enum class Op {
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kIn,
  kNotIn,
  kStartsWith,
  kContains,
  kMissing,
  kPresent
};
std::string_view OpName(Op op);  // "=", "not in", "starts with", ...

struct Condition {
  size_t field = 0;  // index into ProfileSchema::fields
  Op op = Op::kEq;
  double number = 0;  // numbers; dates as days since 1970-01-01
  // Text operands as written, for explanations, and as compared: case-folded; for
  // `starts with` also without dots and spaces; for `in`/`not in` sorted (then not aligned
  // with `values`).
  std::vector<std::string> values;
  std::vector<std::string> keys;
  int line = 0;
};

// Holds when any of its conditions holds: a single condition or an `any of` group.
struct ConditionGroup {
  std::vector<Condition> any_of;
  bool per_item = false;  // some condition is on an item field
};

struct Profile {
  std::string name;    // unique in the file
  std::string title;   // the quoted text after the name, may be empty
  std::string reason;  // `reason "..."`, else the title
  double score = 0;    // added to the declaration's score; negative for allow-listing
  std::optional<Lane> lane_floor;
  Severity severity = Severity::kMedium;
  std::optional<Date> valid_from;  // inclusive
  std::optional<Date> valid_to;    // inclusive
  bool enabled = true;
  std::vector<ConditionGroup> declaration_groups;  // all must hold
  std::vector<ConditionGroup> item_groups;         // all must hold for one same item
  int line = 0;
};

// A checked profile file: immutable once parsed.
class ProfileSet {
 public:
  const std::string& source() const { return source_; }
  const ProfileSchema& schema() const { return schema_; }
  const std::vector<Profile>& profiles() const { return profiles_; }
  // LaneConfig's defaults, with what the file's `lanes` block changes (rates as fractions).
  const LaneConfig& lanes() const { return lanes_; }
  // The value a file set, else the schema's default. `rule`.`name` must be in the schema the
  // set was parsed with (asserted; NaN in release builds).
  double Param(std::string_view rule, std::string_view name) const;
  // False only when the file says `rule RULE enabled no` (which also sets the rule's
  // "enabled" parameter to 0 when the schema declares one).
  bool RuleEnabled(std::string_view rule) const;

 private:
  friend Result<ProfileSet> ParseProfiles(std::string_view, std::string_view, const ProfileSchema&);
  ProfileSet() = default;

  std::string source_;
  ProfileSchema schema_;
  std::vector<Profile> profiles_;
  LaneConfig lanes_;
  std::vector<double> param_values_;  // aligned with schema_.params
  std::vector<std::string> disabled_rules_;
};

// Parses and checks a whole file. A file with any mistake is refused whole; the error's
// message lists up to 20 mistakes, one a line, each as "source:line:column: reason", e.g.
//   profiles.krp:7:9: unknown field "destinaton" (did you mean "destination"?)
// (its `source` and `line` stay empty: every line carries its own location).
Result<ProfileSet> ParseProfiles(std::string_view text, std::string_view source_name,
                                 const ProfileSchema& schema);

// Reads `path` (at most kMaxProfileFileBytes) and parses it with `path` as the source name.
inline constexpr size_t kMaxProfileFileBytes = 1 << 20;
Result<ProfileSet> LoadProfiles(const std::string& path, const ProfileSchema& schema);

// ---------------------------------------------------------------------------------------
// Evaluation.

struct ProfileMatch {
  std::string profile;  // the profile's name
  std::string title;
  std::string reason;
  double score = 0;
  std::optional<Lane> lane_floor;
  Severity severity = Severity::kMedium;
  std::optional<size_t> item;  // the goods item (0-based) that met the item conditions
  // Why, one line per condition group, with the value that satisfied it:
  //   "item 2: item.hs 85423100 starts with 8542"   (items are numbered from 1 here)
  //   "destination RU in RU, BY"
  std::vector<std::string> evidence;
};

// The enabled profiles valid on `on` whose conditions hold, in file order. A condition on a
// missing value never holds, except `is missing`; a profile with item conditions needs an
// item.
std::vector<ProfileMatch> Evaluate(const ProfileSet& set, const FactSource& facts, Date on);

}  // namespace keruen::risk

#endif  // KERUEN_RISK_PROFILE_H_
