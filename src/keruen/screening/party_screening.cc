#include "keruen/screening/party_screening.h"

#include <xxhash.h>

#include <cstdio>
#include <string_view>

#include "keruen/core/json_writer.h"

namespace keruen::screening {
namespace {

// Beyond this many distinct queries the cache starts over: memory stays bounded on a
// re-screen of millions of documents with mostly distinct parties.
constexpr size_t kMaxCachedQueries = 200'000;

// The list scheme a declaration identifier is compared under.
std::string_view ListScheme(IdKind kind) {
  switch (kind) {
    case IdKind::kVat:
      return "tax";
    case IdKind::kEori:
      return "registration";
    default:
      return IdKindName(kind);
  }
}

ScreeningQuery QueryFor(const Party& party) {
  ScreeningQuery q;
  q.name = party.name;
  q.country = party.country;
  for (const Identifier& id : party.ids) {
    q.identifiers.push_back(QueryIdentifier{std::string(ListScheme(id.kind)), id.value});
  }
  return q;
}

// A party left blank (no name, no identifier) is not screened.
bool NamesSomeone(const Party& party) { return !party.name.empty() || !party.ids.empty(); }

// Calls fn(role, party) for every party of `d` that names someone, in PartyQueries' order.
template <typename Fn>
void ForEachParty(const Declaration& d, Fn fn) {
  auto visit = [&fn](std::string_view role, const Party& party) {
    if (NamesSomeone(party)) fn(role, party);
  };
  visit("declarant", d.declarant);
  if (d.consignor) visit("consignor", *d.consignor);
  if (d.consignee) visit("consignee", *d.consignee);
  if (d.carrier) visit("carrier", *d.carrier);
}

void AddParty(std::vector<PartyQuery>& out, std::string role, const Party& party) {
  if (NamesSomeone(party)) out.push_back(PartyQuery{std::move(role), QueryFor(party)});
}

// A bank is known by its BIC only; a BIC11 ending in "XXX" is the head office, BIC8.
void AddBank(std::vector<PartyQuery>& out, std::string role, const std::string& bic) {
  if (bic.empty()) return;
  PartyQuery bank{std::move(role), {}};
  bank.query.type = EntityType::kOrganization;
  bank.query.identifiers.push_back(QueryIdentifier{"bic", bic});
  if (bic.size() == 11 && bic.ends_with("XXX")) {
    bank.query.identifiers.push_back(QueryIdentifier{"bic", bic.substr(0, 8)});
  }
  out.push_back(std::move(bank));
}

// The text a query is cached under is what Screen reads of it: KeyStart, then
// AppendKeyIdentifier for each identifier in order. Identifiers go in as written, not
// normalised: two spellings of one number are two entries, each with the hits (and the
// spelling in their explanation) Screen gives it, and no key costs a normalisation.
void KeyStart(std::string_view name, std::string_view country, std::string_view birth_date,
              EntityType type, std::string& key) {
  key = name;
  key += '\x1f';
  key += country;
  key += '\x1f';
  key += birth_date;
  key += '\x1f';
  key += EntityTypeName(type);
}

void AppendKeyIdentifier(std::string_view scheme, std::string_view value, std::string& key) {
  key += '\x1f';
  key += scheme;
  key += ':';
  key += std::to_string(value.size());  // the length: no value can pass for several
  key += ':';
  key += value;
}

void CacheKey(const ScreeningQuery& q, std::string& key) {
  KeyStart(q.name, q.country, q.birth_date, q.type, key);
  for (const QueryIdentifier& id : q.identifiers) AppendKeyIdentifier(id.scheme, id.value, key);
}

// CacheKey(QueryFor(party)), written from the party itself.
void CacheKey(const Party& party, std::string& key) {
  const ScreeningQuery none;
  KeyStart(party.name, party.country, none.birth_date, none.type, key);
  for (const Identifier& id : party.ids) AppendKeyIdentifier(ListScheme(id.kind), id.value, key);
}

// Identifier matches and near-certain names are the most serious.
Severity SeverityOf(const Hit& hit) {
  if (hit.decision == Decision::kIdentifier) return Severity::kCritical;
  return hit.score >= 0.95 ? Severity::kHigh : Severity::kMedium;
}

std::string RoleLabel(std::string_view role) {
  std::string label(role);
  for (char& c : label) {
    if (c == '_') c = ' ';
  }
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
    label[0] = static_cast<char>(label[0] - 32);
  return label;
}

}  // namespace

std::vector<PartyQuery> PartyQueries(const Declaration& d) {
  std::vector<PartyQuery> out;
  ForEachParty(d, [&out](std::string_view role, const Party& party) {
    out.push_back(PartyQuery{std::string(role), QueryFor(party)});
  });
  return out;
}

std::vector<PartyQuery> PartyQueries(const Payment& p) {
  std::vector<PartyQuery> out;
  AddParty(out, "debtor", p.debtor.party);
  AddParty(out, "creditor", p.creditor.party);
  AddBank(out, "debtor_bank", p.debtor.agent_bic);
  AddBank(out, "creditor_bank", p.creditor.agent_bic);
  for (const std::string& bic : p.intermediary_bics) AddBank(out, "intermediary_bank", bic);
  return out;
}

PartyScreening::PartyScreening(const Screener& screener, const Clock& clock, ScreenOptions options)
    : screener_(screener), clock_(clock), options_(options) {}

bool PartyScreening::FindCached(std::string_view key, std::vector<Hit>& hits) const {
  ++queries_;
  std::lock_guard lock(cache_mutex_);
  const auto cached = cache_.find(key);
  if (cached == cache_.end()) return false;
  ++cache_hits_;
  hits = cached->second;
  return true;
}

std::vector<Hit> PartyScreening::ScreenAndCache(const ScreeningQuery& query,
                                                std::string_view key) const {
  std::vector<Hit> hits = screener_.Screen(query, options_);
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kMaxCachedQueries) cache_.clear();
  // Another thread may have cached the same query meanwhile, with the same hits.
  cache_.try_emplace(key, hits);
  return hits;
}

std::vector<Hit> PartyScreening::ScreenCached(const ScreeningQuery& query) const {
  thread_local std::string key;  // keeps its capacity from query to query
  CacheKey(query, key);
  std::vector<Hit> hits;
  if (FindCached(key, hits)) return hits;
  return ScreenAndCache(query, key);
}

std::vector<PartyFinding> PartyScreening::Screen(const std::vector<PartyQuery>& parties) const {
  std::vector<PartyFinding> findings;
  for (const PartyQuery& party : parties) {
    for (Hit& hit : ScreenCached(party.query)) {
      findings.push_back(PartyFinding{party.role, party.query, std::move(hit)});
    }
  }
  return findings;
}

std::vector<PartyFinding> PartyScreening::Screen(const Declaration& d) const {
  std::vector<PartyFinding> findings;
  ForEachParty(d, [&](std::string_view role, const Party& party) {
    thread_local std::string key;  // keeps its capacity from party to party
    CacheKey(party, key);
    std::vector<Hit> hits;
    if (!FindCached(key, hits)) hits = ScreenAndCache(QueryFor(party), key);
    if (hits.empty()) return;
    const ScreeningQuery query = QueryFor(party);
    for (Hit& hit : hits)
      findings.push_back(PartyFinding{std::string(role), query, std::move(hit)});
  });
  return findings;
}

Alert PartyScreening::AlertFor(const SubjectRef& subject, const PartyFinding& finding) const {
  const Hit& hit = finding.hit;
  Alert alert;
  // The facts alerted on: which document, which of its parties, which listed subject.
  std::string facts =
      subject.type + '\0' + subject.id + '\0' + finding.role + '\0' + hit.list + '\0' + hit.id;
  char id[24];
  std::snprintf(id, sizeof id, "P6-%016llx",
                static_cast<unsigned long long>(XXH3_64bits(facts.data(), facts.size())));
  alert.id = id;
  alert.rule = std::string(kSanctionsHitRule);
  alert.severity = SeverityOf(hit);
  alert.subject = subject;
  alert.raised_at = clock_.Now();

  JsonWriter w(alert.evidence_json);
  w.BeginObject();
  w.Field("role", finding.role);
  w.Key("party").BeginObject();
  w.Field("name", finding.query.name);
  if (!finding.query.country.empty()) w.Field("country", finding.query.country);
  w.Key("identifiers").BeginArray();
  for (const QueryIdentifier& qid : finding.query.identifiers) {
    w.BeginObject().Field("scheme", qid.scheme).Field("value", qid.value).EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Key("hit");
  AppendJson(w, hit);
  w.EndObject();

  const std::string who = finding.query.name.empty() ? "BIC " + finding.query.identifiers[0].value
                                                     : "'" + finding.query.name + "'";
  alert.explanation = RoleLabel(finding.role) + " " + who + " matches " + hit.list + " entry " +
                      hit.id + " '" + hit.caption + "': " + ExplainHit(hit);
  return alert;
}

Result<int64_t> PartyScreening::RaiseAlerts(Transaction& txn, const SubjectRef& subject,
                                            const std::vector<PartyFinding>& findings) const {
  int64_t raised = 0;
  for (const PartyFinding& finding : findings) {
    auto stored = txn.RaiseAlert(AlertFor(subject, finding));
    if (!stored) return tl::unexpected(stored.error());
    raised += *stored ? 1 : 0;
  }
  return raised;
}

Status PartyScreening::OnDeclaration(Transaction& txn, const Declaration& d) {
  auto raised = RaiseAlerts(txn, SubjectRef{"declaration", d.id}, Screen(d));
  if (!raised) return tl::unexpected(raised.error());
  alerts_raised_ += *raised;
  return Ok();
}

Status PartyScreening::OnPayment(Transaction& txn, const Payment& p) {
  auto raised = RaiseAlerts(txn, SubjectRef{"payment", p.id}, Screen(PartyQueries(p)));
  if (!raised) return tl::unexpected(raised.error());
  alerts_raised_ += *raised;
  return Ok();
}

Result<RescreenReport> RescreenStore(Store& store, const PartyScreening& screening,
                                     const std::function<void(int64_t)>& progress) {
  RescreenReport report;
  std::vector<std::pair<SubjectRef, std::vector<PartyFinding>>> found;
  auto note = [&](SubjectRef subject, std::vector<PartyFinding> findings) {
    report.findings += static_cast<int64_t>(findings.size());
    if (!findings.empty()) found.emplace_back(std::move(subject), std::move(findings));
    if (progress) progress(report.declarations + report.payments);
  };
  auto declarations = ForEachDeclaration(store, [&](const Declaration& d) {
    ++report.declarations;
    note(SubjectRef{"declaration", d.id}, screening.Screen(d));
    return true;
  });
  if (!declarations) return tl::unexpected(declarations.error());
  auto payments = ForEachPayment(store, [&](const Payment& p) {
    ++report.payments;
    note(SubjectRef{"payment", p.id}, screening.Screen(PartyQueries(p)));
    return true;
  });
  if (!payments) return tl::unexpected(payments.error());
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  for (const auto& [subject, findings] : found) {
    auto raised = screening.RaiseAlerts(**txn, subject, findings);
    if (!raised) return tl::unexpected(raised.error());
    report.alerts_raised += *raised;
  }
  if (auto committed = (*txn)->Commit(); !committed) return tl::unexpected(committed.error());
  return report;
}

}  // namespace keruen::screening
