// Which declarations a payment pays.
//
// A bank sees a transfer; customs sees goods. Joining them is what lets the money rules (F1-F4)
// ask "is the payer the buyer?", "was more paid than invoiced?", "were these goods made in the
// EU?". The join is made the way a compliance officer makes it, most certain first:
//
// 1. Invoice reference. Remittance texts carry the invoice number in many styles ("Invoice
//    EH-2026-0311", "INV EH-2026-0311", "/INV/EH-2026-0311/2026-03-01", "Оплата по счету
//    0012/26 от 01.03.2026"). Both the declaration's invoice refs (its documents of type
//    "invoice") and the remittance are cut into words of letters and digits (Cyrillic
//    included, case folded); a ref is found when a run of consecutive remittance words, joined,
//    equals the ref's words joined, so separators and case never matter. Longer runs win over
//    the shorter runs inside them. An all-digit ref of up to eight digits ("4431", "0320/26")
//    also appears in dates and amounts ("01.03.2026" holds "032026"), so it links only when the
//    parties agree too (creditor = consignor or debtor = buyer), and never through the words of
//    a date ("11.03.2026", "2026-03-11"). When several declarations share a ref, the one whose
//    parties agree wins, then the one lodged nearest the payment.
// 2. Parties, amount and date, when no ref is found: the creditor is the declaration's
//    consignor (SameParty), the amount is within
//    `amount_tolerance` of the invoice total (same currency) and the payment falls between
//    `days_before` days before and `days_after` days after lodging. The closest amount wins.
//
// Each link says how it was made. The index is incremental (AddDeclaration, in any order; a
// known id replaces its old content) and every lookup is a hash-map probe: the remittance is
// cut into words once and at most `kMaxRefWords` words are joined per probe. A ref many
// declarations share (a seller reusing an invoice number, or one invoice across several
// consignments) costs no more than a ref of one: its declarations are held by the party keys
// that make a payment's parties agree with them, each group ordered by lodging time, so the
// winner is found by a search from the payment's time. Ties (equal agreement and distance) go
// to the declaration added first, as in LinkByScanning.
//
// Not thread-safe: the PaymentMonitor guards it.
#ifndef KERUEN_PAYMENTS_PAYMENT_LINKS_H_
#define KERUEN_PAYMENTS_PAYMENT_LINKS_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keruen/core/model.h"
#include "keruen/core/time.h"

namespace keruen::payments {

// An identifier or account number as registers and banks compare it: spaces, dashes and dots
// dropped, letters upper case ("kz86 125K-..." and "KZ86125K..." are one).
std::string CompactIdentifier(std::string_view value);

// The keys a party is recognised by across documents: "<kind>:<value>" for each identifier
// ("bin:180940021234") and "name:<words>" for its name case-folded, punctuation and legal forms
// ("ТОО", "LLP", "GmbH", ...) removed. Names vary between documents (transliterations), so
// identifiers are what usually matches; equal normalised names catch the rest.
std::vector<std::string> PartyMatchKeys(const Party& party);
// True when the two parties share an identifier, or share the normalised name and have no
// identifier of one kind with different values (two "ООО «Лотос»" with different INNs are two
// companies).
bool SameParty(const Party& a, const Party& b);

// An invoice ref (or any text) as the words it is made of, case folded and joined:
// "EH-2026/0311" -> "EH20260311"; "сф-00123" -> "СФ00123".
std::string NormalizeReference(std::string_view ref);

// A declaration with what linking and the rules need computed once.
struct IndexedDeclaration {
  Declaration declaration;
  std::vector<std::string> invoices;      // refs of the documents of type "invoice", as written
  std::vector<std::string> invoice_keys;  // the same, NormalizeReference'd
  Money invoice_total;                    // sum of the item values in the first item's currency
  std::vector<std::string> consignor_keys, consignee_keys, declarant_keys;
  // The buyer's party: the consignee, else the declarant.
  const Party& buyer() const;
};

enum class LinkMethod { kInvoiceRef, kPartiesAmountDate };
std::string_view LinkMethodName(LinkMethod method);  // "invoice_ref", "parties_amount_date"

struct PaymentLink {
  const IndexedDeclaration* declaration = nullptr;  // owned by the DeclarationIndex
  LinkMethod method = LinkMethod::kInvoiceRef;
  std::string invoice;  // the ref found (as the declaration writes it); kInvoiceRef only
  bool creditor_is_consignor = false;
  bool debtor_is_buyer = false;  // the consignee, or the declarant
};

struct LinkOptions {
  double amount_tolerance = 0.10;
  int days_before = 30;  // a payment may precede lodging (prepayment) by this many days...
  int days_after = 60;   // ...or follow it by this many
};

// Refs longer than this many words are not looked for (none in practice is).
inline constexpr size_t kMaxRefWords = 6;

class DeclarationIndex {
 public:
  explicit DeclarationIndex(LinkOptions options = {}) : options_(options) {}
  DeclarationIndex(const DeclarationIndex&) = delete;
  DeclarationIndex& operator=(const DeclarationIndex&) = delete;

  // Adds `d`, or replaces the declaration with its id.
  void AddDeclaration(const Declaration& d);

  // The declarations `p` pays, best first; empty when none is found.
  std::vector<PaymentLink> Link(const Payment& p) const;

  // The same answer found by comparing the payment with every declaration (no index): slow,
  // it exists to measure the index against.
  std::vector<PaymentLink> LinkByScanning(const Payment& p) const;

  const IndexedDeclaration* Find(std::string_view id) const;
  // Exports and waybills of the party with `key` (a PartyMatchKeys key) as consignor.
  std::vector<const IndexedDeclaration*> ExportsOf(const std::string& key) const;

  size_t size() const { return declarations_.size(); }
  const LinkOptions& options() const { return options_; }

 private:
  // Declarations as (lodged_at, slot), in that order: the nearest to a time is a search away,
  // and among equally near ones the first added (lowest slot) comes first.
  using ByLodging = std::set<std::pair<Timestamp, uint32_t>>;
  // The declarations citing one invoice ref: all of them, and the same grouped by the party
  // keys (PartyMatchKeys) a payment must share with them to agree with them: a creditor key
  // with their consignor, a debtor key with their consignee or declarant.
  struct RefCandidates {
    ByLodging all;
    std::unordered_map<std::string, ByLodging> by_seller;  // consignor key
    std::unordered_map<std::string, ByLodging> by_buyer;   // consignee or declarant key
  };

  // Adds the declaration in `slot` to by_ref_ and by_consignor_, or removes it.
  void Index(uint32_t slot);
  void Unindex(uint32_t slot);

  LinkOptions options_;
  std::deque<IndexedDeclaration> declarations_;  // stable addresses for PaymentLink
  std::unordered_map<std::string, uint32_t> by_id_;
  std::unordered_map<std::string, RefCandidates> by_ref_;                // normalised ref
  std::unordered_map<std::string, std::vector<uint32_t>> by_consignor_;  // party key
};

}  // namespace keruen::payments

#endif  // KERUEN_PAYMENTS_PAYMENT_LINKS_H_
