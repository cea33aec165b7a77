#include "keruen/ledger/virtual_warehouse.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <utility>

#include "keruen/core/decimal_text.h"

namespace keruen::ledger {

namespace {

bool IsRussiaOrBelarus(std::string_view country) { return country == "RU" || country == "BY"; }

std::string Kg(double kg) { return FormatFixed(kg) + " kg"; }

// Drops entries more than `days` older than `newest` (documents may arrive out of order).
template <typename Entry>
void Prune(std::vector<Entry>& recent, Date newest, int days) {
  std::erase_if(recent, [&](const Entry& e) { return e.date < newest - days; });
}

}  // namespace

std::string PartyKey(const Party& party) {
  // Party::Id(kind) for every kind in one pass over the identifiers (kAllIdKinds is in enum
  // order): the first identifier of each kind.
  constexpr size_t kKinds = std::size(kAllIdKinds);
  static_assert(static_cast<size_t>(kAllIdKinds[kKinds - 1]) == kKinds - 1);
  std::array<const Identifier*, kKinds> first{};
  for (const Identifier& id : party.ids) {
    const auto kind = static_cast<size_t>(id.kind);
    if (!first[kind]) first[kind] = &id;
  }
  for (const Identifier* id : first) {
    if (id && !id->value.empty()) {
      std::string key(IdKindName(id->kind));
      return key.append(1, ':').append(id->value);
    }
  }
  return party.name;
}

DeclarationPartyKeys PartyKeysOf(const Declaration& d) {
  DeclarationPartyKeys keys;
  keys[kDeclarantKey] = PartyKey(d.declarant);
  if (d.consignor) keys[kConsignorKey] = PartyKey(*d.consignor);
  if (d.consignee) keys[kConsigneeKey] = PartyKey(*d.consignee);
  if (d.carrier) keys[kCarrierKey] = PartyKey(*d.carrier);
  return keys;
}

std::vector<LedgerEntry> EntriesOf(const Declaration& d) { return EntriesOf(d, PartyKeysOf(d)); }

std::vector<LedgerEntry> EntriesOf(const Declaration& d, const DeclarationPartyKeys& keys) {
  std::vector<LedgerEntry> entries;
  ForEachEntry(d, keys, [&entries](const LedgerEntry& e) { entries.push_back(e); });
  return entries;
}

void ForEachEntry(const Declaration& d, const DeclarationPartyKeys& keys,
                  const std::function<void(const LedgerEntry&)>& fn) {
  const Party* party = nullptr;
  size_t role = 0;
  Flow flow = Flow::kIn;
  std::string_view country;
  switch (d.kind) {
    case DeclarationKind::kImport:
      party = d.consignee ? &*d.consignee : nullptr;
      role = kConsigneeKey;
      country = d.country_of_dispatch;
      break;
    case DeclarationKind::kExport:
    case DeclarationKind::kWaybill:
      party = d.consignor ? &*d.consignor : nullptr;
      role = kConsignorKey;
      flow = Flow::kOut;
      country = d.country_of_destination;
      break;
    case DeclarationKind::kTransit:
      return;
  }
  if (party == nullptr) return;
  LedgerEntry e;
  e.party = keys[role];
  e.flow = flow;
  e.date = DateOf(d.lodged_at);
  e.country = country;
  e.declaration = d.id;
  for (const GoodsItem& item : d.items) {
    if (item.hs.size() < 6) continue;
    e.hs6.assign(item.hs, 0, 6);
    e.quantity = item.quantity;
    e.unit = item.unit;
    e.net_kg = item.net_kg;
    e.item = item.seq;
    fn(e);
  }
}

double Balance::reexported_to_russia_kg() const { return std::min(in_kg, out_to_russia_kg); }

void VirtualWarehouse::Add(const LedgerEntry& entry, std::vector<Finding>& findings) {
  Stock& stock = parties_[entry.party][entry.hs6];
  Balance& b = stock.balance;
  const bool first = b.in_declarations + b.out_declarations == 0;
  if (!stock.unit_set) {
    b.unit = entry.unit;
    stock.unit_set = true;
  } else if (b.unit != entry.unit) {
    b.unit.clear();  // mixed units: only kg add up
  }
  if (entry.flow == Flow::kIn) {
    b.in_kg += entry.net_kg;
    b.in_quantity += entry.quantity;
    ++b.in_declarations;
  } else {
    b.out_kg += entry.net_kg;
    b.out_quantity += entry.quantity;
    if (IsRussiaOrBelarus(entry.country)) b.out_to_russia_kg += entry.net_kg;
    ++b.out_declarations;
  }
  b.first = first ? entry.date : std::min(b.first, entry.date);
  b.last = first ? entry.date : std::max(b.last, entry.date);
  CheckBalance(entry.party, entry.hs6, stock, findings);
  CheckPassThrough(entry, stock, findings);
}

void VirtualWarehouse::CheckBalance(const std::string& party, const std::string& hs6, Stock& stock,
                                    std::vector<Finding>& findings) const {
  const Balance& b = stock.balance;
  if (stock.q1_raised || b.in_kg <= 0 || b.excess_kg() < options_.min_excess_kg ||
      b.out_kg <= b.in_kg * (1 + options_.balance_tolerance)) {
    return;
  }
  stock.q1_raised = true;
  Finding f;
  f.rule = "Q1";
  f.party = party;
  f.hs6 = hs6;
  f.in_kg = b.in_kg;
  f.out_kg = b.out_kg;
  const std::string ratio =
      FormatFixed(b.in_kg > 0 ? 100.0 * b.excess_kg() / b.in_kg : 100.0) + " %";
  f.explanation = party + " exported " + Kg(b.out_kg) + " of HS " + hs6 + " against " +
                  Kg(b.in_kg) + " imported (" + std::to_string(b.out_declarations) + " exports, " +
                  std::to_string(b.in_declarations) + " imports since " + FormatDate(b.first) +
                  "): " + ratio + " more out than in";
  findings.push_back(std::move(f));
}

void VirtualWarehouse::CheckPassThrough(const LedgerEntry& entry, Stock& stock,
                                        std::vector<Finding>& findings) const {
  const int window = options_.pass_through_days;
  const bool out = entry.flow == Flow::kOut;
  const bool to_russia = out && IsRussiaOrBelarus(entry.country);
  // The import an export to Russia passes on came before it; an import may be booked after
  // the export it fed when documents arrive out of order.
  auto similar = [&](double a, double b) {
    return a > 0 && b > 0 && std::fabs(a - b) <= options_.pass_through_quantity * std::max(a, b);
  };
  if (to_russia) {
    for (auto it = stock.recent_in.rbegin(); it != stock.recent_in.rend(); ++it) {
      if (it->date > entry.date || it->date < entry.date - window) continue;
      if (!similar(it->net_kg, entry.net_kg)) continue;
      Finding f{"Q2", entry.party, entry.hs6,   {it->declaration, entry.declaration},
                "",   it->net_kg,  entry.net_kg};
      f.explanation = entry.party + " imported " + Kg(it->net_kg) + " of HS " + entry.hs6 + " on " +
                      FormatDate(it->date) + " (" + it->declaration + ") and exported " +
                      Kg(entry.net_kg) + " to " + entry.country + " on " + FormatDate(entry.date) +
                      " (" + entry.declaration + "), " + std::to_string(entry.date - it->date) +
                      " days later";
      findings.push_back(std::move(f));
      break;
    }
  } else if (!out) {
    for (const Recent& r : stock.recent_out) {
      if (!r.to_russia || r.date < entry.date || r.date > entry.date + window) continue;
      if (!similar(entry.net_kg, r.net_kg)) continue;
      Finding f{"Q2", entry.party,  entry.hs6, {entry.declaration, r.declaration},
                "",   entry.net_kg, r.net_kg};
      f.explanation = entry.party + " imported " + Kg(entry.net_kg) + " of HS " + entry.hs6 +
                      " on " + FormatDate(entry.date) + " (" + entry.declaration +
                      ") and exported " + Kg(r.net_kg) + " to Russia or Belarus on " +
                      FormatDate(r.date) + " (" + r.declaration + "), " +
                      std::to_string(r.date - entry.date) + " days later";
      findings.push_back(std::move(f));
      break;
    }
  }
  auto& recent = out ? stock.recent_out : stock.recent_in;
  recent.push_back({entry.date, entry.net_kg, entry.declaration, to_russia});
  Prune(recent, stock.balance.last, 2 * window);
}

const Balance* VirtualWarehouse::Find(std::string_view party, std::string_view hs6) const {
  const auto p = parties_.find(party);
  if (p == parties_.end()) return nullptr;
  const auto s = p->second.find(hs6);
  return s == p->second.end() ? nullptr : &s->second.balance;
}

std::vector<std::pair<std::string, Balance>> VirtualWarehouse::PartyBalances(
    std::string_view party, std::string_view hs_prefix) const {
  std::vector<std::pair<std::string, Balance>> out;
  const auto p = parties_.find(party);
  if (p == parties_.end()) return out;
  for (const auto& [hs6, stock] : p->second) {
    if (hs6.starts_with(hs_prefix)) out.emplace_back(hs6, stock.balance);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::vector<VirtualWarehouse::Reexporter> VirtualWarehouse::TopReexporters(
    size_t n, std::string_view hs_prefix) const {
  std::vector<Reexporter> all;
  for (const auto& [party, stocks] : parties_) {
    Reexporter r;
    r.party = party;
    for (const auto& [hs6, stock] : stocks) {
      if (!hs6.starts_with(hs_prefix)) continue;
      const double passed = stock.balance.reexported_to_russia_kg();
      r.reexported_to_russia_kg += passed;
      r.in_kg += stock.balance.in_kg;
      r.out_to_russia_kg += stock.balance.out_to_russia_kg;
      r.codes += passed > 0 ? 1 : 0;
    }
    if (r.reexported_to_russia_kg > 0) all.push_back(std::move(r));
  }
  auto more = [](const Reexporter& a, const Reexporter& b) {
    return a.reexported_to_russia_kg != b.reexported_to_russia_kg
               ? a.reexported_to_russia_kg > b.reexported_to_russia_kg
               : a.party < b.party;
  };
  const size_t keep = std::min(n, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<ptrdiff_t>(keep), all.end(), more);
  all.resize(keep);
  return all;
}

size_t VirtualWarehouse::balances() const {
  size_t n = 0;
  for (const auto& [party, stocks] : parties_) n += stocks.size();
  return n;
}

}  // namespace keruen::ledger
