// Hand-made parties, declarations and payments for the payments tests: a Kazakh importer
// buying from a German seller, a Kazakh exporter selling to a Russian buyer, and a Hong Kong
// company that pays for others, written the way the simulator and real documents write them.
#ifndef KERUEN_PAYMENTS_TESTING_FIXTURES_H_
#define KERUEN_PAYMENTS_TESTING_FIXTURES_H_

#include <string>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/time.h"

namespace keruen::payments::testing {

inline constexpr Timestamp kDay = 86400;
// 2026-03-02T00:00:00Z
inline const Timestamp kMonday = StartOfDate(DaysFromCivil(2026, 3, 2));

inline Party KzImporter() {
  return Party{
      .name = "ТОО «Достык Импэкс»", .country = "KZ", .ids = {{IdKind::kBin, "180340012345"}}};
}
inline Party EuSeller() {
  return Party{.name = "Elektronik Handel GmbH",
               .country = "DE",
               .ids = {{IdKind::kEori, "DE123456789012345"}}};
}
inline Party KzExporter() {
  return Party{
      .name = "TOO \"Zhibek Tranzit\"", .country = "KZ", .ids = {{IdKind::kBin, "180940021234"}}};
}
inline Party RuBuyer() {
  return Party{.name = "ООО «Северный Поток Электро»",
               .country = "RU",
               .ids = {{IdKind::kInn, "7707083893"}}};
}
inline Party HkPayer() {
  return Party{.name = "Golden Bridge Trading Ltd", .country = "HK", .ids = {}};
}

// A declaration of one goods item worth `value` (currency units) from `origin`, with
// invoice `invoice`.
inline Declaration MakeDeclaration(const std::string& id, DeclarationKind kind, Timestamp lodged,
                                   const Party& consignor, const Party& consignee,
                                   const std::string& invoice, double value,
                                   const std::string& currency, const std::string& origin) {
  Declaration d;
  d.id = id;
  d.kind = kind;
  d.lodged_at = lodged;
  d.declarant = kind == DeclarationKind::kImport ? consignee : consignor;
  d.consignor = consignor;
  d.consignee = consignee;
  d.country_of_dispatch = consignor.country;
  d.country_of_destination = consignee.country;
  GoodsItem item;
  item.seq = 1;
  item.hs = "854231";
  item.description = "processors";
  item.quantity = 100;
  item.unit = "pcs";
  item.net_kg = 10;
  item.gross_kg = 12;
  item.value = Money{static_cast<int64_t>(value * Money::kScale), currency};
  item.origin = origin;
  d.items = {item};
  d.documents = {{"cmr", "CMR 1234567"}, {"invoice", invoice}};
  return d;
}

// The usual import: the German seller invoices EH-2026-0311 for EUR 84,000 of German goods.
inline Declaration EuImport(const std::string& id = "I-1", Timestamp lodged = kMonday) {
  return MakeDeclaration(id, DeclarationKind::kImport, lodged, EuSeller(), KzImporter(),
                         "EH-2026-0311", 84000, "EUR", "DE");
}

// The Kazakh exporter sells to the Russian buyer, invoice ZT-00417.
inline Declaration RuExport(const std::string& id = "E-1", Timestamp lodged = kMonday,
                            const std::string& origin = "KZ", double value = 5'000'000,
                            const std::string& currency = "RUB") {
  return MakeDeclaration(id, DeclarationKind::kExport, lodged, KzExporter(), RuBuyer(), "ZT-00417",
                         value, currency, origin);
}

inline Payment MakePayment(const std::string& id, Timestamp at, const Party& debtor,
                           const std::string& debtor_bic, const Party& creditor,
                           const std::string& creditor_bic, double amount,
                           const std::string& currency, const std::string& remittance) {
  Payment p;
  p.id = id;
  p.executed_at = at;
  p.amount = Money{static_cast<int64_t>(amount * Money::kScale), currency};
  p.debtor.party = debtor;
  p.debtor.agent_bic = debtor_bic;
  p.debtor.account = "ACC-" + id;
  p.creditor.party = creditor;
  p.creditor.agent_bic = creditor_bic;
  p.remittance = remittance;
  p.purpose = "GDDS";
  return p;
}

// The importer pays the seller for EuImport.
inline Payment ImportPayment(const std::string& id, double amount, const std::string& remittance,
                             Timestamp at = kMonday + 3 * kDay) {
  return MakePayment(id, at, KzImporter(), "HSBKKZKX", EuSeller(), "COBADEFFXXX", amount, "EUR",
                     remittance);
}

}  // namespace keruen::payments::testing

#endif  // KERUEN_PAYMENTS_TESTING_FIXTURES_H_
