// What the store derives from a document besides its canonical JSON: the content hash
// that tells a re-ingest from an amendment, and the search keys the queries of store.h
// look documents up by. Kept apart from the SQL so that the keys written on insert and
// the keys removed on amendment are computed by the same code.
#ifndef KERUEN_STORE_INTERNAL_DOCUMENT_KEYS_H_
#define KERUEN_STORE_INTERNAL_DOCUMENT_KEYS_H_

#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/model.h"

namespace keruen {

// 16 lower-case hex digits of the XXH3 64-bit hash of `canonical_json`.
std::string ContentHash(std::string_view canonical_json);

// Views point into the document the keys were collected from.
struct DeclarationKeys {
  std::vector<std::string_view> item_hs;    // one per goods item, in item order
  std::vector<std::string_view> party_ids;  // identifier values of all parties, distinct
  // Dispatch, destination and every party's country, distinct, as " DE KG KZ ".
  std::string countries;
  std::string party_names;  // every party name case-folded, one per line
};

struct PaymentKeys {
  // Values a payment party is matched by exactly: identifiers, accounts, the agents' BICs
  // and the intermediary BICs; distinct.
  std::vector<std::string_view> party_keys;
  std::string countries;    // debtor's and creditor's, as in DeclarationKeys
  std::string party_names;  // debtor and creditor names case-folded
};

// The form of one country in a `countries` list, to search it with a substring test.
std::string CountryNeedle(std::string_view country);

// Fill `keys` (clearing what it held, keeping its capacity for the next document).
void CollectKeys(const Declaration& d, DeclarationKeys& keys);
void CollectKeys(const Payment& p, PaymentKeys& keys);

}  // namespace keruen

#endif  // KERUEN_STORE_INTERNAL_DOCUMENT_KEYS_H_
