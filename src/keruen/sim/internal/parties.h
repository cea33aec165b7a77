// The companies and people of the simulated world, and the many ways each is written.
//
// A company is generated once, from name parts (roots such as Жибек, Алатау, Восток and
// business words such as Транзит, Логистик, Трейд), with a legal form, identifiers with
// valid check digits, an address and a bank account. It then carries a handful of
// spellings: Cyrillic with «» or "", the legal form spelled out, romanized by BGN/PCGN,
// ICAO or Kazakh Latin rules, English business words with an English legal form
// (ТОО/TOO/LLP, ООО/OOO/LLC, ОсОО/OsOO, АО/AO/JSC, GmbH, Sp. z o.o....). Each document picks
// one, mostly the usual one — which is how the same company reaches a screening engine.
#ifndef KERUEN_SIM_INTERNAL_PARTIES_H_
#define KERUEN_SIM_INTERNAL_PARTIES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/time.h"
#include "keruen/sim/internal/ids.h"
#include "keruen/sim/internal/listed_names.h"
#include "keruen/sim/internal/random.h"

namespace keruen::sim_internal {

struct Company {
  std::string country;                 // ISO 3166-1 alpha-2
  std::vector<std::string> spellings;  // [0] is the usual one; all distinct
  std::vector<Identifier> ids;
  std::string address;  // empty when unknown
  std::optional<Date> registered_on;
  std::string city;  // Kazakh companies: the road-network waypoint they ship from
  BankAccount bank;
  std::string document_prefix;  // the initials it numbers its invoices with ("ZT-00042")
};

// Two Latin initials of a company name without its legal form, the prefix of its document
// numbers: "Elektronik Handel GmbH" -> "EH", "ТОО «Жибек Транзит»" -> "ZT", "Ulan LLP" -> "UL".
std::string DocumentPrefix(const std::string& name);

// Which spelling a document uses: the usual one about two times in three.
const std::string& PickSpelling(const Company& company, Rng& rng);
// The party as a document writes it, with `spelling`.
Party ToParty(const Company& company, const std::string& spelling);
inline Party ToParty(const Company& company, Rng& rng) {
  return ToParty(company, PickSpelling(company, rng));
}
// How truth records name a party: "<id kind>:<value>" of its first identifier ("bin:...",
// "inn:..."), or its name as written when it has none.
std::string PartyRef(const Party& party);

// Business roles, which steer the words in a name ("Транзит" for a forwarder, "Транс"
// for a carrier).
enum class CompanyRole { kTrader, kForwarder, kCarrier };

// A Kazakh city companies ship from: its road-network waypoint name and how addresses
// write it.
struct KzCity {
  const char* waypoint;
  const char* cyrillic;
  const char* latin;
  double weight;  // share of trading companies
};
std::span<const KzCity> KzCities();

class CompanyFactory {
 public:
  // `today` is the first simulated day: companies are registered before it. With `listed`
  // (which must outlive the factory), no company gets a spelling that is a listed name:
  // such a company is drawn again (listed_names.h says why). These companies are the clean
  // world; the simulator writes listed ones itself (SanctionedVariantSpelling).
  explicit CompanyFactory(Date today, const ListedNames* listed = nullptr)
      : today_(today), listed_(listed) {}

  // A company of `country` (KZ RU KG UZ CN, the EU states DE PL IT LT NL CZ FI AT LV, and TR).
  Company Make(std::string_view country, CompanyRole role, Rng& rng) const;
  // A Kazakh individual entrepreneur (ИП), identified by IIN; they run many of the trucks.
  Company KzEntrepreneur(Rng& rng) const;
  // A trading company in Hong Kong, the UAE or Turkey, the places payments for goods bound
  // for Russia are routed through.
  Company OffshoreTrader(std::string_view country, Rng& rng) const;
  // A Kazakh trading company registered on `registered` (for recently founded shells).
  Company KzTraderRegisteredOn(Date registered, Rng& rng) const;

  // How many companies were drawn again because one of their spellings is a listed name.
  int64_t redrawn() const { return redrawn_; }
  // How many kept such a spelling because kMaxDraws draws in a row all had one (none with
  // the name parts of parties.cc and the shared lists; a count above zero means a list now
  // holds the generator's common names and the name parts need widening).
  int64_t kept_listed() const { return kept_listed_; }
  static constexpr int kMaxDraws = 100;

 private:
  // The first of up to kMaxDraws companies from `draw` none of whose spellings is listed.
  Company Unlisted(const std::function<Company()>& draw) const;
  Company DrawCompany(std::string_view country, CompanyRole role, Rng& rng) const;
  Company DrawEntrepreneur(Rng& rng) const;
  Company DrawOffshoreTrader(std::string_view country, Rng& rng) const;
  Date RegistrationDate(Rng& rng) const;
  Date today_;
  const ListedNames* listed_;
  // Statistics of a const factory (companies are made through const methods).
  mutable int64_t redrawn_ = 0;
  mutable int64_t kept_listed_ = 0;
};

// An entity of a sanctions list that the simulator writes under another spelling.
struct SanctionedEntity {
  std::string list_ref;     // "OFAC SDN 43997"
  std::string listed_name;  // as the list writes it: "OOO RADIOTEKHSNAB"
  std::string core;         // the name without its legal form: "RADIOTEKHSNAB"
  std::string form;         // "LLC", "JSC", "PJSC", "OJSC" or "CJSC"
  std::string inn, ogrn;    // from the list's remarks, empty when not given
};

// Parses an OFAC SDN entity name of a Russian company ("OOO RADIOTEKHSNAB",
// "LIMITED LIABILITY COMPANY KMT", "TSENTRKVARTS PAO") into a SanctionedEntity; nullopt
// when the name has no Russian legal form or its core reads as English words (those have
// no transliteration to vary).
std::optional<SanctionedEntity> ParseSdnCompanyName(std::string_view name);

// A spelling of `entity` that differs from the listed one by transliteration: its core in
// Cyrillic ("ООО «Радиотехснаб»") or romanized by another system ("Radiotehsnab LLC").
std::string SanctionedVariantSpelling(const SanctionedEntity& entity, Rng& rng);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_PARTIES_H_
