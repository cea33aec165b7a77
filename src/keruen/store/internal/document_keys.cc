#include "keruen/store/internal/document_keys.h"

#include <xxhash.h>

#include <algorithm>

#include "keruen/store/internal/fold_case.h"

namespace keruen {
namespace {

// Documents have a handful of keys, so a linear scan beats any set.
void AddDistinct(std::vector<std::string_view>& values, std::string_view value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

// Lists are space-delimited on both sides, so " KG " finds exactly the code KG.
void AddCountry(std::string& countries, std::string_view country) {
  if (country.empty()) return;
  if (countries.empty()) countries.push_back(' ');
  if (countries.find(CountryNeedle(country)) != std::string::npos) return;
  countries.append(country);
  countries.push_back(' ');
}

void AddName(std::string& names, std::string_view name) {
  if (!names.empty()) names.push_back('\n');
  AppendFoldedCase(name, names);
}

void AddParty(const Party& party, std::vector<std::string_view>& ids, std::string& countries,
              std::string& names) {
  for (const Identifier& id : party.ids) AddDistinct(ids, id.value);
  AddCountry(countries, party.country);
  AddName(names, party.name);
}

}  // namespace

std::string ContentHash(std::string_view canonical_json) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t hash = XXH3_64bits(canonical_json.data(), canonical_json.size());
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) hex[static_cast<size_t>(i)] = kHex[hash & 0xF];
  return hex;
}

void CollectKeys(const Declaration& d, DeclarationKeys& keys) {
  keys.item_hs.clear();
  keys.party_ids.clear();
  keys.countries.clear();
  keys.party_names.clear();
  for (const GoodsItem& item : d.items) keys.item_hs.push_back(item.hs);
  AddCountry(keys.countries, d.country_of_dispatch);
  AddCountry(keys.countries, d.country_of_destination);
  AddParty(d.declarant, keys.party_ids, keys.countries, keys.party_names);
  for (const auto* party : {&d.consignor, &d.consignee, &d.carrier}) {
    if (party->has_value()) AddParty(**party, keys.party_ids, keys.countries, keys.party_names);
  }
}

void CollectKeys(const Payment& p, PaymentKeys& keys) {
  keys.party_keys.clear();
  keys.countries.clear();
  keys.party_names.clear();
  for (const PaymentParty* side : {&p.debtor, &p.creditor}) {
    AddParty(side->party, keys.party_keys, keys.countries, keys.party_names);
    AddDistinct(keys.party_keys, side->account);
    AddDistinct(keys.party_keys, side->agent_bic);
  }
  for (const std::string& bic : p.intermediary_bics) AddDistinct(keys.party_keys, bic);
}

std::string CountryNeedle(std::string_view country) {
  std::string needle = " ";
  needle.append(country);
  needle.push_back(' ');
  return needle;
}

}  // namespace keruen
