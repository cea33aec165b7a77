#include "keruen/sim/detection.h"

#include <simdjson.h>

#include <algorithm>
#include <set>

#include "keruen/core/csv.h"

namespace keruen {
namespace {

Status ReadStrings(simdjson::dom::object records, std::string_view key,
                   std::vector<std::string>& out) {
  simdjson::dom::array array;
  if (records.at_key(key).get_array().get(array) != simdjson::SUCCESS) {
    return InvalidArgument("records." + std::string(key), "expected an array of strings");
  }
  for (simdjson::dom::element e : array) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      return InvalidArgument("records." + std::string(key), "expected strings");
    }
    out.emplace_back(s);
  }
  return Ok();
}

Result<TruthRecord> ParseTruthLine(simdjson::dom::parser& parser, std::string_view line) {
  simdjson::dom::element doc;
  if (auto error = parser.parse(line.data(), line.size()).get(doc); error) {
    return ParseError(std::string("not valid JSON: ") + simdjson::error_message(error));
  }
  TruthRecord t;
  std::string_view scheme;
  if (doc["scheme"].get_string().get(scheme) != simdjson::SUCCESS) {
    return InvalidArgument("scheme", "expected a string");
  }
  auto parsed = ParseScheme(scheme);
  if (!parsed) return InvalidArgument("scheme", "unknown scheme \"" + std::string(scheme) + "\"");
  t.scheme = *parsed;
  simdjson::dom::object records;
  if (doc["records"].get_object().get(records) != simdjson::SUCCESS) {
    return InvalidArgument("records", "expected an object");
  }
  for (auto [key, field] : {std::pair{"declarations", &t.declarations},
                            {"payments", &t.payments},
                            {"devices", &t.devices},
                            {"parties", &t.parties}}) {
    if (auto s = ReadStrings(records, key, *field); !s) return tl::unexpected(s.error());
  }
  std::string_view note;
  if (doc["note"].get_string().get(note) == simdjson::SUCCESS) t.note = note;
  return t;
}

}  // namespace

Result<std::vector<TruthRecord>> ReadTruthFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return tl::unexpected(text.error());
  simdjson::dom::parser parser;
  std::vector<TruthRecord> truth;
  int64_t line_number = 0;
  for (size_t pos = 0; pos < text->size();) {
    ++line_number;
    size_t end = text->find('\n', pos);
    if (end == std::string::npos) end = text->size();
    const std::string_view line = std::string_view(*text).substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto record = ParseTruthLine(parser, line);
    if (!record) return tl::unexpected(record.error().WithSource(path, line_number));
    truth.push_back(std::move(*record));
  }
  return truth;
}

const std::map<Scheme, std::vector<std::string>>& DefaultSchemeRules() {
  static const std::map<Scheme, std::vector<std::string>> rules = {
      // A ghost transit also leaves its declared route (T3) on the way to Russia.
      {Scheme::kGhostTransit, {"T1", "T3"}}, {Scheme::kPassThroughReexport, {"Q2"}},
      {Scheme::kQuantityImbalance, {"Q1"}},  {Scheme::kNewShellTrader, {"P1"}},
      {Scheme::kThirdPartyPayer, {"F1"}},    {Scheme::kSanctionedPartyVariant, {"P6"}},
      {Scheme::kSealBreach, {"T4"}},         {Scheme::kRouteDeviation, {"T3"}},
      {Scheme::kSplitShipments, {"Q6"}},
  };
  return rules;
}

Result<DetectionReport> CheckDetection(Store& store, const std::vector<TruthRecord>& truth,
                                       const std::map<Scheme, std::vector<std::string>>& rules) {
  DetectionReport report;
  // Which documents carry an alert of which rule.
  std::set<std::pair<std::string, std::string>> alerted;  // (rule, subject id)
  std::vector<std::pair<std::string, std::string>> all;
  for (AlertQuery q{.limit = 1000};;) {
    auto page = store.FindAlerts(q);
    if (!page) return tl::unexpected(page.error());
    for (const Alert& a : page->items) {
      ++report.alerts_by_rule[a.rule];
      alerted.emplace(a.rule, a.subject.id);
      all.emplace_back(a.rule, a.subject.id);
    }
    if (page->next.empty()) break;
    q.after = page->next;
  }
  std::set<std::pair<std::string, std::string>> explained;
  for (const auto& [scheme, scheme_rules] : rules) {
    SchemeDetection d;
    d.scheme = scheme;
    d.rules = scheme_rules;
    for (const TruthRecord& t : truth) {
      if (t.scheme != scheme) continue;
      ++d.planted;
      bool caught = false;
      for (const std::string& rule : scheme_rules) {
        for (const auto* ids : {&t.declarations, &t.payments}) {
          for (const std::string& id : *ids) {
            explained.emplace(rule, id);
            caught |= alerted.count({rule, id}) > 0;
          }
        }
      }
      if (caught) {
        ++d.detected;
      } else {
        d.missed.push_back(t.note.empty() ? (t.declarations.empty() ? "" : t.declarations[0])
                                          : t.note);
      }
    }
    report.schemes.push_back(std::move(d));
  }
  // Every document of every planted instance, for precision.
  std::set<std::string> planted_documents;
  for (const TruthRecord& t : truth) {
    planted_documents.insert(t.declarations.begin(), t.declarations.end());
    planted_documents.insert(t.payments.begin(), t.payments.end());
  }
  for (SchemeDetection& d : report.schemes) {
    for (const auto& [rule, subject] : all) {
      if (std::find(d.rules.begin(), d.rules.end(), rule) == d.rules.end()) continue;
      ++d.alerts;
      d.alerts_on_planted += planted_documents.count(subject) ? 1 : 0;
    }
  }
  for (const auto& [rule, subject] : all) {
    bool rule_checked = false;
    for (const auto& [scheme, scheme_rules] : rules) {
      for (const std::string& r : scheme_rules) rule_checked |= r == rule;
    }
    if (rule_checked && explained.count({rule, subject}) == 0) ++report.unexplained_by_rule[rule];
  }
  return report;
}

}  // namespace keruen
