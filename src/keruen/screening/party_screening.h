// Screening the parties of declarations and payments, and alerting on hits (rule P6 of the
// red-flag catalogue: "any party matches a sanctions list entry by name or identifier").
//
// Every party a document names is a query: declarant, consignor, consignee and carrier of a
// declaration; debtor and creditor of a payment with their identifiers, and the banks (their
// BICs, as identifier-only queries). A hit becomes one alert per (document, role, listed
// subject). Its id is derived from those facts, so screening the same document again, after
// an amendment or a list update, never duplicates an alert nor reopens one an analyst closed.
//
// Parties repeat: the same few thousand companies lodge most declarations. Results are
// cached per distinct query for the life of the PartyScreening (which lives no longer than
// the list versions it was built over). Nearly every query of a busy day is in the cache, so a
// lookup allocates nothing: its key is written into a per-thread buffer and found by hash.
#ifndef KERUEN_SCREENING_PARTY_SCREENING_H_
#define KERUEN_SCREENING_PARTY_SCREENING_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/string_map.h"
#include "keruen/core/time.h"
#include "keruen/ingest/ingest.h"
#include "keruen/screening/match/screener.h"
#include "keruen/store/store.h"

namespace keruen::screening {

// The catalogue rule screening alerts carry.
inline constexpr std::string_view kSanctionsHitRule = "P6";

struct PartyQuery {
  std::string role;  // "declarant", "consignee", "debtor", "debtor_bank", ...
  ScreeningQuery query;
};

// The queries for every party of a document, in a fixed order.
std::vector<PartyQuery> PartyQueries(const Declaration& d);
std::vector<PartyQuery> PartyQueries(const Payment& p);

struct PartyFinding {
  std::string role;
  ScreeningQuery query;
  Hit hit;
};

class PartyScreening final : public IngestListener {
 public:
  // `screener` and `clock` must outlive this object.
  PartyScreening(const Screener& screener, const Clock& clock, ScreenOptions options = {});

  std::vector<PartyFinding> Screen(const std::vector<PartyQuery>& parties) const;
  // Screen(PartyQueries(d)), the same findings, without building the queries: the parties of
  // a declaration are nearly always in the cache, and a lookup then copies no name.
  std::vector<PartyFinding> Screen(const Declaration& d) const;

  // The alert for `finding` on `subject`.
  Alert AlertFor(const SubjectRef& subject, const PartyFinding& finding) const;
  // Raises the alerts for `findings`; returns how many were new.
  Result<int64_t> RaiseAlerts(Transaction& txn, const SubjectRef& subject,
                              const std::vector<PartyFinding>& findings) const;

  // IngestListener: screens and alerts inside the ingest transaction.
  Status OnDeclaration(Transaction& txn, const Declaration& d) override;
  Status OnPayment(Transaction& txn, const Payment& p) override;

  int64_t alerts_raised() const { return alerts_raised_; }
  int64_t queries() const { return queries_; }
  int64_t cache_hits() const { return cache_hits_; }

 private:
  std::vector<Hit> ScreenCached(const ScreeningQuery& query) const;
  // Counts a query; when `key` is cached, sets `hits` to its hits.
  bool FindCached(std::string_view key, std::vector<Hit>& hits) const;
  // Screens a query not cached and caches its hits under `key`.
  std::vector<Hit> ScreenAndCache(const ScreeningQuery& query, std::string_view key) const;

  const Screener& screener_;
  const Clock& clock_;
  ScreenOptions options_;
  // The hits by the query's key, open addressing, looked up by view: every party of every
  // declaration is looked up, so a hit allocates nothing and touches one slot and its key (a
  // node-based map spent most of each lookup waiting for memory).
  mutable std::mutex cache_mutex_;
  mutable StringMap<std::vector<Hit>> cache_;
  mutable std::atomic<int64_t> queries_{0};
  mutable std::atomic<int64_t> cache_hits_{0};
  std::atomic<int64_t> alerts_raised_{0};
};

// Screens every stored declaration and payment again (after a list update) and raises the
// alerts not raised before, in one transaction. `progress`, when set, is called with the
// documents done so far.
struct RescreenReport {
  int64_t declarations = 0;
  int64_t payments = 0;
  int64_t findings = 0;
  int64_t alerts_raised = 0;  // new alerts; findings already alerted are left alone
};
Result<RescreenReport> RescreenStore(Store& store, const PartyScreening& screening,
                                     const std::function<void(int64_t documents)>& progress = {});

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_PARTY_SCREENING_H_
