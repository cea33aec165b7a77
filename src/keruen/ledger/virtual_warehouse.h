// The virtual warehouse: per company and HS-6 code, a running balance of what came in and
// what went out, kept up to date as declarations arrive, and the two findings it supports.
//
// Kazakhstan's tracking of goods since April 2023 rests on this logic: a company cannot export
// more of a product than it imported or made. Each goods item moves one company's stock:
// - an import adds to the consignee's stock (from the country of dispatch);
// - an export, or an EAEU accompanying waybill (Kazakhstan -> Russia without a customs
//   declaration), takes from the consignor's stock (to the country of destination);
// - a transit touches no one's stock: the goods never enter Kazakhstan's economy.
// Quantities are kept in net kg (every item has one) and in the declared unit when the
// company always declares the code in the same unit.
//
// Findings (rule ids of shared/reference/detection-rules.md):
// - Q1 quantity balance: cumulative exports of a code exceed imports by more than
//   `balance_tolerance` (default 5 %) and at least `min_excess_kg`. Raised once per company and
//   code, when the balance first crosses the line. Only for a company that imports the code:
//   declarations carry no production or opening stock, so one that only exports it is taken
//   for its maker, not for a trader selling what it never bought.
// - Q2 pass-through: an export to Russia or Belarus of a code the company imported within
//   `pass_through_days` (default 30) before, in a quantity within `pass_through_quantity`
//   (default 20 %) of that import. Either document may arrive first: the pair is found when
//   the second is added.
// Each finding names the company, the code, the declarations and the numbers behind it.
//
// Not thread-safe; one writer (the ingest listener) at a time.
#ifndef KERUEN_LEDGER_VIRTUAL_WAREHOUSE_H_
#define KERUEN_LEDGER_VIRTUAL_WAREHOUSE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/string_map.h"
#include "keruen/core/time.h"

namespace keruen::ledger {

// How a company is named in the ledger, the findings and the simulator's truth file:
// "<id kind>:<value>" for its first identifier in the order BIN, IIN, INN, OGRN, EORI, VAT
// ("bin:180940021234"), else its name as written.
std::string PartyKey(const Party& party);

// The PartyKey of a declaration's declarant, consignor, consignee and carrier, indexed by the
// constants below (the risk engine's role order); empty for a party the declaration does not
// name. Made once per declaration by whoever books it in several places: the warehouse, the
// party graph and the risk rules all name parties by it.
using DeclarationPartyKeys = std::array<std::string, 4>;
inline constexpr size_t kDeclarantKey = 0, kConsignorKey = 1, kConsigneeKey = 2, kCarrierKey = 3;
DeclarationPartyKeys PartyKeysOf(const Declaration& d);

enum class Flow { kIn, kOut };

// One goods item's effect on one company's stock.
struct LedgerEntry {
  std::string party;  // PartyKey
  std::string hs6;
  Flow flow = Flow::kIn;
  double quantity = 0;
  std::string unit;
  double net_kg = 0;
  Date date = 0;
  std::string country;  // where the goods came from (in) or went to (out), ISO alpha-2
  std::string declaration;
  int32_t item = 0;  // the goods item's seq
};

// The entries a declaration makes: one per goods item with an HS code of six digits or more,
// for the consignee of an import and the consignor of an export or waybill; none for a
// transit, or when that party is missing.
std::vector<LedgerEntry> EntriesOf(const Declaration& declaration);
// The same, with the parties' keys made already (PartyKeysOf(declaration)).
std::vector<LedgerEntry> EntriesOf(const Declaration& declaration,
                                   const DeclarationPartyKeys& keys);
// The same entries handed to `fn` one at a time, in item order, in one LedgerEntry reused
// from item to item: booking a declaration this way copies its party and id once.
void ForEachEntry(const Declaration& declaration, const DeclarationPartyKeys& keys,
                  const std::function<void(const LedgerEntry&)>& fn);

struct Balance {
  double in_kg = 0;
  double out_kg = 0;
  double out_to_russia_kg = 0;  // the part of out_kg exported to RU or BY
  double in_quantity = 0;       // in `unit`, when `unit` is set
  double out_quantity = 0;
  std::string unit;  // the unit every entry used; empty when they differ
  int64_t in_declarations = 0;
  int64_t out_declarations = 0;
  Date first = 0;
  Date last = 0;

  // Exports beyond imports, kg (negative: stock left).
  double excess_kg() const { return out_kg - in_kg; }
  // What came in and left for Russia or Belarus: min(in_kg, out_to_russia_kg).
  double reexported_to_russia_kg() const;
};

struct Finding {
  std::string rule;  // "Q1" or "Q2"
  std::string party;
  std::string hs6;
  std::vector<std::string> declarations;  // Q2: the import, then the export
  std::string explanation;                // one sentence with the numbers
  double in_kg = 0;                       // Q1: the balance's; Q2: the import's
  double out_kg = 0;                      // Q1: the balance's; Q2: the export's
};

class VirtualWarehouse {
 public:
  struct Options {
    double balance_tolerance = 0.05;
    double min_excess_kg = 10;
    int pass_through_days = 30;
    double pass_through_quantity = 0.2;
  };
  VirtualWarehouse() : VirtualWarehouse(Options{}) {}
  explicit VirtualWarehouse(Options options) : options_(options) {}

  // Books one entry; appends to `findings` what it triggers.
  void Add(const LedgerEntry& entry, std::vector<Finding>& findings);

  // The balance of a company and code, or null when it has none.
  const Balance* Find(std::string_view party, std::string_view hs6) const;
  // A company's balances by code, in code order; `hs_prefix` keeps the codes that start with it.
  std::vector<std::pair<std::string, Balance>> PartyBalances(std::string_view party,
                                                             std::string_view hs_prefix = {}) const;

  struct Reexporter {
    std::string party;
    double reexported_to_russia_kg = 0;  // sum over its codes of Balance::reexported_to_russia_kg
    double in_kg = 0;
    double out_to_russia_kg = 0;
    size_t codes = 0;  // codes with something re-exported
  };
  // The `n` companies that passed the most goods on to Russia or Belarus, most first (ties by
  // party key); `hs_prefix` restricts the codes counted.
  std::vector<Reexporter> TopReexporters(size_t n, std::string_view hs_prefix = {}) const;

  size_t balances() const;
  size_t parties() const { return parties_.size(); }

 private:
  struct Recent {
    Date date;
    double net_kg;
    std::string declaration;
    bool to_russia;  // out entries only
  };
  struct Stock {
    Balance balance;
    bool q1_raised = false;
    bool unit_set = false;
    // Entries within twice the pass-through window of the newest one, in booking order.
    std::vector<Recent> recent_in;
    std::vector<Recent> recent_out;
  };

  void CheckBalance(const std::string& party, const std::string& hs6, Stock& stock,
                    std::vector<Finding>& findings) const;
  void CheckPassThrough(const LedgerEntry& entry, Stock& stock,
                        std::vector<Finding>& findings) const;

  Options options_;
  // party -> hs6 -> stock. Open addressing: every declaration item looks up both levels, and
  // a lookup by a string_view allocates nothing.
  StringMap<StringMap<Stock>> parties_;
};

}  // namespace keruen::ledger

#endif  // KERUEN_LEDGER_VIRTUAL_WAREHOUSE_H_
