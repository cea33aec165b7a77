#include "keruen/cases/cases.h"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace keruen::cases {
namespace {

// Union-find over document keys.
class Components {
 public:
  size_t Node(const std::string& key) {
    auto [it, added] = index_.emplace(key, parent_.size());
    if (added) parent_.push_back(parent_.size());
    return it->second;
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);  // the older root stays
  }

 private:
  std::unordered_map<std::string, size_t> index_;
  std::vector<size_t> parent_;
};

struct AlertFacts {
  std::vector<std::string> documents;  // "d:<declaration>" or "p:<payment>"
  std::string feedback_key;            // facts an analyst's false positive clears; may be empty
};

void ReadIds(simdjson::dom::object evidence, std::string_view field, std::string_view prefix,
             std::vector<std::string>& out) {
  simdjson::dom::array array;
  if (evidence[field].get_array().get(array) != simdjson::SUCCESS) return;
  for (simdjson::dom::element e : array) {
    std::string_view id;
    if (e.get_string().get(id) == simdjson::SUCCESS)
      out.push_back(std::string(prefix) + std::string(id));
  }
}

std::string_view StringAt(simdjson::dom::element e, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    if (e.at_key(key).get(e) != simdjson::SUCCESS) return {};
  }
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS ? s : std::string_view{};
}

AlertFacts FactsOf(simdjson::dom::parser& parser, const Alert& a) {
  AlertFacts f;
  if (a.subject.type == "declaration" || a.subject.type == "movement") {
    f.documents.push_back("d:" + a.subject.id);
  } else if (a.subject.type == "payment") {
    f.documents.push_back("p:" + a.subject.id);
  } else {
    f.documents.push_back(a.subject.type + ":" + a.subject.id);
  }
  simdjson::dom::element doc;
  if (parser.parse(a.evidence_json).get(doc) != simdjson::SUCCESS) return f;
  simdjson::dom::object evidence;
  if (doc.get_object().get(evidence) != simdjson::SUCCESS) return f;
  ReadIds(evidence, "related_declarations", "d:", f.documents);
  ReadIds(evidence, "linked_declarations", "d:", f.documents);
  ReadIds(evidence, "related_payments", "p:", f.documents);
  if (a.rule == "P6") {
    const std::string_view name = StringAt(doc, {"party", "name"});
    const std::string_view list = StringAt(doc, {"hit", "list"});
    const std::string_view id = StringAt(doc, {"hit", "id"});
    if (!list.empty()) {
      f.feedback_key = "P6|" + std::string(name) + '|' + std::string(list) + '|' + std::string(id);
    }
  } else if (a.rule == "P1" || a.rule == "P3" || a.rule == "P5") {
    const std::string_view party = StringAt(doc, {"party"});
    if (!party.empty()) f.feedback_key = a.rule + '|' + std::string(party);
  }
  return f;
}

int SeverityRank(Severity s) { return static_cast<int>(s); }

Result<std::vector<Alert>> AllAlerts(Store& store) {
  std::vector<Alert> all;
  for (AlertQuery q{.limit = 1000};;) {
    auto page = store.FindAlerts(q);
    if (!page) return tl::unexpected(page.error());
    for (Alert& a : page->items) all.push_back(std::move(a));
    if (page->next.empty()) break;
    q.after = page->next;
  }
  return all;
}

std::string Summary(const Case& c) {
  std::string s;
  for (const std::string& r : c.rules) s += (s.empty() ? "" : "+") + r;
  s += " on ";
  const size_t shown = std::min<size_t>(c.declarations.size(), 3);
  for (size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + c.declarations[i];
  if (c.declarations.size() > shown) {
    s += " and " + std::to_string(c.declarations.size() - shown) + " more declarations";
  }
  if (!c.payments.empty()) {
    s += std::string(c.declarations.empty() ? "" : "; ") + std::to_string(c.payments.size()) +
         " payment(s)";
  }
  return s;
}

bool Matches(const Case& c, const CaseFilter& f) {
  if (!f.status.empty() && CaseStatusName(c.status) != f.status) return false;
  if (!f.assignee.empty() && c.assignee != f.assignee) return false;
  if (!f.rule.empty() && !std::binary_search(c.rules.begin(), c.rules.end(), f.rule)) return false;
  if (!f.document.empty() &&
      !std::binary_search(c.declarations.begin(), c.declarations.end(), f.document) &&
      !std::binary_search(c.payments.begin(), c.payments.end(), f.document)) {
    return false;
  }
  return true;
}

Status RecordOnCase(Store& store, const Case& c, const std::string& kind,
                    const std::string& outcome, const std::string& analyst,
                    const std::string& reason, AlertStatus alert_status, const Clock& clock) {
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  for (const Alert& a : c.alerts) {
    if (kind == "assignment" && a.status != AlertStatus::kOpen) continue;
    if (auto s = (*txn)->SetAlertStatus(a.id, alert_status, analyst, reason); !s) return s;
  }
  Decision d;
  d.subject = {"case", c.id};
  d.kind = kind;
  d.outcome = outcome;
  if (!reason.empty()) d.reasons.push_back(reason);
  d.decided_by = analyst;
  d.decided_at = clock.Now();
  if (auto put = (*txn)->PutDecision(d); !put) return tl::unexpected(put.error());
  return (*txn)->Commit();
}

}  // namespace

std::string_view CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kOpen:
      return "open";
    case CaseStatus::kAssigned:
      return "assigned";
    case CaseStatus::kTruePositive:
      return "true_positive";
    case CaseStatus::kFalsePositive:
      return "false_positive";
  }
  return "?";
}

Result<std::vector<Case>> BuildCases(Store& store, const CaseFilter& filter) {
  auto alerts = AllAlerts(store);
  if (!alerts) return tl::unexpected(alerts.error());
  simdjson::dom::parser parser;
  std::vector<AlertFacts> facts;
  facts.reserve(alerts->size());
  std::set<std::string> cleared;
  for (const Alert& a : *alerts) {
    facts.push_back(FactsOf(parser, a));
    if (a.status == AlertStatus::kFalsePositive && !facts.back().feedback_key.empty()) {
      cleared.insert(facts.back().feedback_key);
    }
  }
  Components components;
  std::vector<size_t> node_of(alerts->size());
  for (size_t i = 0; i < alerts->size(); ++i) {
    node_of[i] = components.Node(facts[i].documents.front());
    for (const std::string& doc : facts[i].documents) {
      components.Join(node_of[i], components.Node(doc));
    }
  }
  std::map<size_t, Case> by_root;  // ordered by root: the oldest story first
  std::vector<size_t> order;
  for (size_t i = 0; i < alerts->size(); ++i) {
    const Alert& a = (*alerts)[i];
    Case& c = by_root[components.Find(node_of[i])];
    const bool suppressed = a.status != AlertStatus::kFalsePositive &&
                            !facts[i].feedback_key.empty() && cleared.count(facts[i].feedback_key);
    for (const std::string& doc : facts[i].documents) {
      (doc[0] == 'd'   ? c.declarations
       : doc[0] == 'p' ? c.payments
                       : c.declarations)
          .push_back(doc.substr(2));
    }
    if (suppressed) {
      c.suppressed.push_back(a);
      continue;
    }
    if (c.alerts.empty()) {
      c.id = "CASE-" + a.id;
      c.opened_at = a.raised_at;
    }
    c.updated_at = std::max(c.updated_at, a.raised_at);
    c.severity = std::max(c.severity, a.severity);
    c.rules.push_back(a.rule);
    c.alerts.push_back(a);
  }
  std::vector<Case> out;
  for (auto& [root, c] : by_root) {
    if (c.alerts.empty()) continue;  // only suppressed alerts: no case
    for (auto* v : {&c.declarations, &c.payments, &c.rules}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    const auto count = [&](AlertStatus s) {
      return std::count_if(c.alerts.begin(), c.alerts.end(),
                           [s](const Alert& a) { return a.status == s; });
    };
    const auto n = static_cast<int64_t>(c.alerts.size());
    c.status = count(AlertStatus::kFalsePositive) == n ? CaseStatus::kFalsePositive
               : count(AlertStatus::kTruePositive) + count(AlertStatus::kFalsePositive) +
                           count(AlertStatus::kClosed) ==
                       n
                   ? CaseStatus::kTruePositive
               : count(AlertStatus::kAssigned) + count(AlertStatus::kTruePositive) > 0
                   ? CaseStatus::kAssigned
                   : CaseStatus::kOpen;
    if (c.status != CaseStatus::kOpen) {
      auto decisions = store.DecisionsFor({"case", c.id});
      if (!decisions) return tl::unexpected(decisions.error());
      for (const Decision& d : *decisions) {
        if (d.kind == "assignment") c.assignee = d.outcome;
      }
    }
    c.priority = SeverityRank(c.severity) * 100 + static_cast<int>(c.rules.size()) * 10 +
                 static_cast<int>(std::min<size_t>(c.alerts.size(), 9));
    c.summary = Summary(c);
    if (Matches(c, filter)) out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const Case& a, const Case& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.updated_at > b.updated_at;
  });
  return out;
}

Result<Case> GetCase(Store& store, const std::string& case_id) {
  auto all = BuildCases(store);
  if (!all) return tl::unexpected(all.error());
  for (Case& c : *all) {
    if (c.id == case_id) return std::move(c);
  }
  return NotFound("no case " + case_id);
}

Result<Case> AssignCase(Store& store, const std::string& case_id, const std::string& analyst,
                        const Clock& clock) {
  if (analyst.empty()) return InvalidArgument("analyst", "name the analyst");
  auto c = GetCase(store, case_id);
  if (!c) return c;
  if (c->status == CaseStatus::kTruePositive || c->status == CaseStatus::kFalsePositive) {
    return MakeError(ErrorCode::kConflict,
                     case_id + " is closed as " + std::string(CaseStatusName(c->status)));
  }
  if (auto s = RecordOnCase(store, *c, "assignment", analyst, analyst, "", AlertStatus::kAssigned,
                            clock);
      !s) {
    return tl::unexpected(s.error());
  }
  return GetCase(store, case_id);
}

Result<Case> DisposeCase(Store& store, const std::string& case_id, const std::string& outcome,
                         const std::string& analyst, const std::string& reason,
                         const Clock& clock) {
  if (analyst.empty()) return InvalidArgument("analyst", "name the analyst");
  AlertStatus status;
  if (outcome == "true_positive") {
    status = AlertStatus::kTruePositive;
  } else if (outcome == "false_positive") {
    if (reason.empty()) {
      return InvalidArgument("reason", "a false positive needs a reason: it clears these facts");
    }
    status = AlertStatus::kFalsePositive;
  } else {
    return InvalidArgument("outcome", "\"" + outcome + "\" is not true_positive or false_positive");
  }
  auto c = GetCase(store, case_id);
  if (!c) return c;
  if (auto s = RecordOnCase(store, *c, "disposition", outcome, analyst, reason, status, clock);
      !s) {
    return tl::unexpected(s.error());
  }
  // The case keeps its id: its first alert is unchanged.
  return GetCase(store, case_id);
}

}  // namespace keruen::cases
