#include "keruen/payments/payment_links.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>
#include <unordered_set>

namespace keruen::payments {
namespace {

constexpr int64_t kDay = 86400;

// Bytes of the UTF-8 sequence led by `b`, 0 for a byte that cannot lead one.
size_t SequenceLength(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}

// Upper-cases a two-byte Cyrillic letter in place (Russian and Kazakh letters).
void FoldCyrillic(unsigned char& b0, unsigned char& b1) {
  if (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) {  // а..п
    b1 -= 0x20;
  } else if (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F) {  // р..я
    b0 = 0xD0;
    b1 += 0x20;
  } else if (b0 == 0xD1 && b1 >= 0x90 && b1 <= 0x9F) {  // ѐ..џ (ё, і, ...)
    b0 = 0xD0;
    b1 -= 0x10;
  } else if ((b0 == 0xD2 || b0 == 0xD3) && (b1 & 1) != 0) {  // ғ қ ң ү ұ һ ә ө: pairs
    b1 -= 1;
  }
}

// The words of `text`: runs of ASCII letters and digits and of non-ASCII letters, upper-cased.
// ASCII punctuation, Latin-1 punctuation (« » °) and the general punctuation block (— № „)
// separate words. `separators`, when given, receives for each word the one ASCII character
// between it and the word before ('\0' for the first word and for any other gap).
std::vector<std::string> Words(std::string_view text, std::vector<char>* separators = nullptr) {
  std::vector<std::string> words;
  std::string word;
  std::string gap;  // the bytes since the last word
  auto flush = [&] {
    if (word.empty()) return;
    if (separators != nullptr) {
      separators->push_back(!words.empty() && gap.size() == 1 ? gap[0] : '\0');
    }
    words.push_back(std::move(word));
    word.clear();
    gap.clear();
  };
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t n = SequenceLength(b);
    if (n == 1) {
      if ((b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z')) {
        word += static_cast<char>(b);
      } else if (b >= 'a' && b <= 'z') {
        word += static_cast<char>(b - 32);
      } else {
        flush();
        gap += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    if (n == 0 || i + n > text.size() || b == 0xC2 || b == 0xE2) {
      flush();
      const size_t skip = n == 0 || i + n > text.size() ? 1 : n;
      gap.append(text.substr(i, skip));
      i += skip;
      continue;
    }
    if (n == 2) {
      auto b0 = b;
      auto b1 = static_cast<unsigned char>(text[i + 1]);
      FoldCyrillic(b0, b1);
      word += static_cast<char>(b0);
      word += static_cast<char>(b1);
    } else {
      word.append(text.substr(i, n));
    }
    i += n;
  }
  flush();
  return words;
}

// Legal forms and their abbreviations, as Words() writes them.
bool IsLegalForm(std::string_view w) {
  static const std::unordered_set<std::string_view> kForms = {
      "TOO", "ТОО",  "LLP",  "LLC",  "LTD", "LIMITED", "OOO",     "ООО",  "OAO",  "ОАО",  "ZAO",
      "ЗАО", "AO",   "АО",   "PAO",  "ПАО", "JSC",     "OJSC",    "CJSC", "PJSC", "OSOO", "ОСОО",
      "IP",  "ИП",   "GMBH", "AG",   "KG",  "CO",      "COMPANY", "INC",  "CORP", "SA",   "SRL",
      "SRO", "BV",   "NV",   "SPA",  "SP",  "ZOO",     "OY",      "AB",   "AS",   "KFT",  "PLC",
      "FZE", "FZCO", "FZC",  "DMCC", "TIC", "STI",     "LTDA"};
  return kForms.contains(w);
}

// The kind of a PartyMatchKeys key ("inn" of "inn:7701234567"; "name" for the name key).
std::string_view KeyKind(std::string_view key) { return key.substr(0, key.find(':')); }

// Whether two parties' PartyMatchKeys say they are one: an identifier in common, else the same
// name unless both have an identifier of one kind and its values differ (two "ООО «Лотос»"
// with different INNs are two companies).
bool SameKeys(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  bool same_name = false;
  bool conflict = false;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      const std::string_view kind = KeyKind(x);
      if (kind != KeyKind(y)) continue;
      if (x == y) {
        if (kind != "name") return true;
        same_name = true;
      } else if (kind != "name") {
        conflict = true;
      }
    }
  }
  return same_name && !conflict;
}

bool AllDigits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Which words are parts of a date written with one separator: "11.03.2026", "11/03/26",
// "2026-03-11". A short all-digit invoice ref never links through them: every payment made in
// March 2026 and dated in its remittance holds "032026", the key of invoice "0320/26".
std::vector<bool> DateWords(const std::vector<std::string>& words,
                            const std::vector<char>& separators) {
  std::vector<bool> date(words.size(), false);
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    const char sep = separators[i + 1];
    if ((sep != '.' && sep != '/' && sep != '-') || separators[i + 2] != sep) continue;
    const size_t a = words[i].size(), b = words[i + 1].size(), c = words[i + 2].size();
    if (!AllDigits(words[i]) || !AllDigits(words[i + 1]) || !AllDigits(words[i + 2])) continue;
    const bool day_first = a <= 2 && b <= 2 && (c == 2 || c == 4);
    const bool year_first = a == 4 && b <= 2 && c <= 2;
    if (day_first || year_first) date[i] = date[i + 1] = date[i + 2] = true;
  }
  return date;
}

// Digits only, as long as a date or shorter: runs of remittance words make such keys by
// accident ("dd 01.03.2026" holds "032026", the key of invoice "0320/26"), so they link only
// when the parties agree.
bool IsShortNumber(std::string_view key) { return key.size() <= 8 && AllDigits(key); }

// A run of consecutive remittance words, joined.
struct Run {
  std::string key;
  size_t start = 0;
  size_t length = 0;
};

// Every run of up to kMaxRefWords words, longest first, then left to right: the order in
// which they are probed.
std::vector<Run> Runs(const std::vector<std::string>& words) {
  std::vector<Run> runs;
  for (size_t len = std::min(kMaxRefWords, words.size()); len >= 1; --len) {
    for (size_t s = 0; s + len <= words.size(); ++s) {
      Run r{{}, s, len};
      for (size_t k = s; k < s + len; ++k) r.key += words[k];
      runs.push_back(std::move(r));
    }
  }
  return runs;
}

struct PaymentKeys {
  std::vector<std::string> debtor, creditor;
};

bool CreditorIsConsignor(const PaymentKeys& keys, const IndexedDeclaration& d) {
  return SameKeys(keys.creditor, d.consignor_keys);
}
bool DebtorIsBuyer(const PaymentKeys& keys, const IndexedDeclaration& d) {
  return SameKeys(keys.debtor, d.consignee_keys) || SameKeys(keys.debtor, d.declarant_keys);
}

PaymentLink MakeLink(const IndexedDeclaration& d, const PaymentKeys& keys, LinkMethod method) {
  PaymentLink link;
  link.declaration = &d;
  link.method = method;
  link.creditor_is_consignor = CreditorIsConsignor(keys, d);
  link.debtor_is_buyer = DebtorIsBuyer(keys, d);
  return link;
}

// Whether the payment's parties agree with `d`'s: the creditor is its consignor, or the debtor
// its buyer (MakeLink's creditor_is_consignor or debtor_is_buyer).
bool Agree(const PaymentKeys& keys, const IndexedDeclaration& d) {
  return CreditorIsConsignor(keys, d) || DebtorIsBuyer(keys, d);
}

int64_t Distance(Timestamp a, Timestamp b) { return a > b ? a - b : b - a; }

// What one run of remittance words finds: whether any declaration cites it as an invoice ref
// (the words are then taken, even when none of those declarations may be linked), and the
// declaration the payment links to through it.
struct RefChoice {
  bool cited = false;
  const IndexedDeclaration* best = nullptr;
};

// Chooses among the declarations citing a ref by comparing each (the reference rule): the one
// whose parties agree, then the one lodged nearest the payment, then the first in `candidates`.
// With `parties_must_agree` (a short all-digit ref), only one whose parties agree.
const IndexedDeclaration* ChooseByComparing(
    const Payment& p, const PaymentKeys& keys,
    const std::vector<const IndexedDeclaration*>& candidates, bool parties_must_agree) {
  const IndexedDeclaration* best = nullptr;
  bool best_agree = false;
  for (const IndexedDeclaration* d : candidates) {
    const bool agree = Agree(keys, *d);
    if (!agree && parties_must_agree) continue;
    if (best != nullptr) {
      if (best_agree && !agree) continue;
      if (best_agree == agree && Distance(d->declaration.lodged_at, p.executed_at) >=
                                     Distance(best->declaration.lodged_at, p.executed_at)) {
        continue;
      }
    }
    best = d;
    best_agree = agree;
  }
  return best;
}

// The entry of `by_lodging` ((lodged_at, slot) pairs, ordered) nearest `at` whose slot
// satisfies `ok`, the lowest slot among equally near ones, as (distance, slot); none when no
// entry does. It walks out from `at` one lodging time at a time on each side and stops at the
// first time holding an entry that satisfies `ok`: it reads the entries nearer than the answer
// (all failing `ok`) and the answer's own time up to it, never the farther ones.
template <typename ByLodging, typename Ok>
std::optional<std::pair<int64_t, uint32_t>> Nearest(const ByLodging& by_lodging, Timestamp at,
                                                    const Ok& ok) {
  constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  constexpr uint32_t kLastSlot = std::numeric_limits<uint32_t>::max();
  std::optional<std::pair<int64_t, uint32_t>> best;
  auto later = by_lodging.lower_bound({at, 0});  // it and after: lodged at `at` or later
  auto earlier = later;                          // before it: lodged before `at`
  auto take_first_ok = [&](auto it, auto end, int64_t distance) {
    for (; it != end; ++it) {
      if (!ok(it->second)) continue;
      const std::pair<int64_t, uint32_t> found{distance, it->second};
      if (!best || found < *best) best = found;
      return;
    }
  };
  while (!best) {
    const int64_t after = later != by_lodging.end() ? later->first - at : kNone;
    const int64_t before = earlier != by_lodging.begin() ? at - std::prev(earlier)->first : kNone;
    const int64_t distance = std::min(after, before);
    if (distance == kNone) break;
    // Both sides at this distance, so that a tie between them goes to the lower slot.
    if (after == distance) {
      const auto next = by_lodging.upper_bound({later->first, kLastSlot});
      take_first_ok(later, next, distance);
      later = next;
    }
    if (before == distance) {
      const auto first = by_lodging.lower_bound({std::prev(earlier)->first, 0});
      take_first_ok(first, earlier, distance);
      earlier = first;
    }
  }
  return best;
}

// Invoice-ref links: `choose(key, parties_must_agree)` says what the run of words `key` finds.
std::vector<PaymentLink> LinkByRefs(
    const Payment& p, const PaymentKeys& keys,
    const std::function<RefChoice(const std::string&, bool)>& choose) {
  std::vector<PaymentLink> links;
  std::vector<char> separators;
  const std::vector<std::string> words = Words(p.remittance, &separators);
  const std::vector<bool> date = DateWords(words, separators);
  std::vector<bool> used(words.size(), false);
  auto any_in_run = [](const std::vector<bool>& flags, const Run& run) {
    return std::any_of(flags.begin() + static_cast<ptrdiff_t>(run.start),
                       flags.begin() + static_cast<ptrdiff_t>(run.start + run.length),
                       [](bool f) { return f; });
  };
  for (const Run& run : Runs(words)) {
    if (any_in_run(used, run)) continue;
    const bool short_number = IsShortNumber(run.key);
    if (short_number && any_in_run(date, run)) continue;
    const RefChoice choice = choose(run.key, short_number);
    if (!choice.cited) continue;
    std::fill(used.begin() + run.start, used.begin() + run.start + run.length, true);
    const IndexedDeclaration* d = choice.best;
    if (d == nullptr) continue;
    const bool seen = std::any_of(links.begin(), links.end(),
                                  [d](const PaymentLink& l) { return l.declaration == d; });
    if (seen) continue;
    PaymentLink link = MakeLink(*d, keys, LinkMethod::kInvoiceRef);
    for (size_t i = 0; i < d->invoice_keys.size(); ++i) {
      if (d->invoice_keys[i] == run.key) link.invoice = d->invoices[i];
    }
    links.push_back(std::move(link));
  }
  return links;
}

// The parties-amount-date link among `candidates` (declarations whose consignor is the
// creditor), or none.
std::vector<PaymentLink> LinkByParties(const Payment& p, const PaymentKeys& keys,
                                       const std::vector<const IndexedDeclaration*>& candidates,
                                       const LinkOptions& options) {
  std::optional<PaymentLink> best;
  double best_gap = 0;
  for (const IndexedDeclaration* d : candidates) {
    const Money& total = d->invoice_total;
    if (total.units <= 0 || total.currency != p.amount.currency) continue;
    const double gap = std::abs(static_cast<double>(p.amount.units - total.units)) /
                       static_cast<double>(total.units);
    if (gap > options.amount_tolerance) continue;
    const Timestamp lodged = d->declaration.lodged_at;
    if (p.executed_at < lodged - options.days_before * kDay ||
        p.executed_at > lodged + options.days_after * kDay) {
      continue;
    }
    PaymentLink link = MakeLink(*d, keys, LinkMethod::kPartiesAmountDate);
    if (!link.creditor_is_consignor) continue;
    if (best) {
      if (best->debtor_is_buyer && !link.debtor_is_buyer) continue;
      if (best->debtor_is_buyer == link.debtor_is_buyer &&
          (gap > best_gap ||
           (gap == best_gap &&
            Distance(lodged, p.executed_at) >=
                Distance(best->declaration->declaration.lodged_at, p.executed_at)))) {
        continue;
      }
    }
    best = std::move(link);
    best_gap = gap;
  }
  if (!best) return {};
  return {std::move(*best)};
}

}  // namespace

std::string NormalizeReference(std::string_view ref) {
  std::string key;
  for (const std::string& w : Words(ref)) key += w;
  return key;
}

std::string CompactIdentifier(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c != ' ' && c != '-' && c != '.') {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::vector<std::string> PartyMatchKeys(const Party& party) {
  std::vector<std::string> keys;
  for (const Identifier& id : party.ids) {
    const std::string value = CompactIdentifier(id.value);
    if (!value.empty()) keys.push_back(std::string(IdKindName(id.kind)) + ":" + value);
  }
  std::string name;
  for (const std::string& w : Words(party.name)) {
    if (IsLegalForm(w) || (w.size() == 1)) continue;
    if (!name.empty()) name += ' ';
    name += w;
  }
  if (!name.empty()) keys.push_back("name:" + name);
  return keys;
}

bool SameParty(const Party& a, const Party& b) {
  return SameKeys(PartyMatchKeys(a), PartyMatchKeys(b));
}

const Party& IndexedDeclaration::buyer() const {
  return declaration.consignee ? *declaration.consignee : declaration.declarant;
}

std::string_view LinkMethodName(LinkMethod method) {
  return method == LinkMethod::kInvoiceRef ? "invoice_ref" : "parties_amount_date";
}

void DeclarationIndex::Index(uint32_t slot) {
  const IndexedDeclaration& d = declarations_[slot];
  const std::pair<Timestamp, uint32_t> entry{d.declaration.lodged_at, slot};
  for (const std::string& ref : d.invoice_keys) {
    RefCandidates& candidates = by_ref_[ref];
    candidates.all.insert(entry);
    for (const std::string& key : d.consignor_keys) candidates.by_seller[key].insert(entry);
    for (const auto* keys : {&d.consignee_keys, &d.declarant_keys}) {
      for (const std::string& key : *keys) candidates.by_buyer[key].insert(entry);
    }
  }
  for (const std::string& key : d.consignor_keys) by_consignor_[key].push_back(slot);
}

void DeclarationIndex::Unindex(uint32_t slot) {
  const IndexedDeclaration& d = declarations_[slot];
  const std::pair<Timestamp, uint32_t> entry{d.declaration.lodged_at, slot};
  auto drop = [&entry](std::unordered_map<std::string, ByLodging>& groups,
                       const std::vector<std::string>& keys) {
    for (const std::string& key : keys) {
      auto it = groups.find(key);
      if (it == groups.end()) continue;
      it->second.erase(entry);
      if (it->second.empty()) groups.erase(it);
    }
  };
  for (const std::string& ref : d.invoice_keys) {
    auto it = by_ref_.find(ref);
    if (it == by_ref_.end()) continue;  // a ref the declaration cites twice, gone already
    it->second.all.erase(entry);
    drop(it->second.by_seller, d.consignor_keys);
    drop(it->second.by_buyer, d.consignee_keys);
    drop(it->second.by_buyer, d.declarant_keys);
    if (it->second.all.empty()) by_ref_.erase(it);
  }
  for (const std::string& key : d.consignor_keys) {
    auto it = by_consignor_.find(key);
    if (it == by_consignor_.end()) continue;
    std::erase(it->second, slot);
    if (it->second.empty()) by_consignor_.erase(it);
  }
}

void DeclarationIndex::AddDeclaration(const Declaration& d) {
  IndexedDeclaration entry;
  entry.declaration = d;
  for (const DocumentRef& doc : d.documents) {
    if (doc.type != "invoice") continue;
    std::string key = NormalizeReference(doc.ref);
    if (key.empty()) continue;
    entry.invoices.push_back(doc.ref);
    entry.invoice_keys.push_back(std::move(key));
  }
  if (!d.items.empty()) {
    entry.invoice_total.currency = d.items.front().value.currency;
    for (const GoodsItem& item : d.items) {
      if (item.value.currency == entry.invoice_total.currency) {
        entry.invoice_total.units += item.value.units;
      }
    }
  }
  if (d.consignor) entry.consignor_keys = PartyMatchKeys(*d.consignor);
  if (d.consignee) entry.consignee_keys = PartyMatchKeys(*d.consignee);
  entry.declarant_keys = PartyMatchKeys(d.declarant);

  uint32_t slot;
  if (auto it = by_id_.find(d.id); it != by_id_.end()) {
    slot = it->second;
    Unindex(slot);
    declarations_[slot] = std::move(entry);
  } else {
    slot = static_cast<uint32_t>(declarations_.size());
    declarations_.push_back(std::move(entry));
    by_id_.emplace(d.id, slot);
  }
  Index(slot);
}

std::vector<PaymentLink> DeclarationIndex::Link(const Payment& p) const {
  const PaymentKeys keys{PartyMatchKeys(p.debtor.party), PartyMatchKeys(p.creditor.party)};
  auto links = LinkByRefs(p, keys, [this, &p, &keys](const std::string& ref, bool must_agree) {
    RefChoice choice;
    auto it = by_ref_.find(ref);
    if (it == by_ref_.end()) return choice;
    choice.cited = true;
    const RefCandidates& candidates = it->second;
    // The parties can agree only with the declarations sharing a key with them: the nearest of
    // those that do agree (a shared name is not enough against a conflicting identifier)...
    auto agrees = [this, &keys](uint32_t slot) { return Agree(keys, declarations_[slot]); };
    std::optional<std::pair<int64_t, uint32_t>> best;
    auto nearest_agreeing = [&](const std::unordered_map<std::string, ByLodging>& groups,
                                const std::vector<std::string>& party_keys) {
      for (const std::string& key : party_keys) {
        auto group = groups.find(key);
        if (group == groups.end()) continue;
        auto found = Nearest(group->second, p.executed_at, agrees);
        if (found && (!best || *found < *best)) best = found;
      }
    };
    nearest_agreeing(candidates.by_seller, keys.creditor);
    nearest_agreeing(candidates.by_buyer, keys.debtor);
    // ...else, when the ref may link without them, the nearest of all.
    if (!best && !must_agree) {
      best = Nearest(candidates.all, p.executed_at, [](uint32_t) { return true; });
    }
    if (best) choice.best = &declarations_[best->second];
    return choice;
  });
  if (!links.empty()) return links;
  std::vector<const IndexedDeclaration*> candidates;
  for (const std::string& key : keys.creditor) {
    auto it = by_consignor_.find(key);
    if (it == by_consignor_.end()) continue;
    for (uint32_t slot : it->second) {
      const IndexedDeclaration* d = &declarations_[slot];
      if (std::find(candidates.begin(), candidates.end(), d) == candidates.end()) {
        candidates.push_back(d);
      }
    }
  }
  return LinkByParties(p, keys, candidates, options_);
}

std::vector<PaymentLink> DeclarationIndex::LinkByScanning(const Payment& p) const {
  const PaymentKeys keys{PartyMatchKeys(p.debtor.party), PartyMatchKeys(p.creditor.party)};
  auto links = LinkByRefs(p, keys, [this, &p, &keys](const std::string& ref, bool must_agree) {
    std::vector<const IndexedDeclaration*> candidates;
    for (const IndexedDeclaration& d : declarations_) {
      if (std::find(d.invoice_keys.begin(), d.invoice_keys.end(), ref) != d.invoice_keys.end()) {
        candidates.push_back(&d);
      }
    }
    return RefChoice{!candidates.empty(), ChooseByComparing(p, keys, candidates, must_agree)};
  });
  if (!links.empty()) return links;
  std::vector<const IndexedDeclaration*> candidates;
  for (const IndexedDeclaration& d : declarations_) {
    if (CreditorIsConsignor(keys, d)) candidates.push_back(&d);
  }
  return LinkByParties(p, keys, candidates, options_);
}

const IndexedDeclaration* DeclarationIndex::Find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &declarations_[it->second];
}

std::vector<const IndexedDeclaration*> DeclarationIndex::ExportsOf(const std::string& key) const {
  std::vector<const IndexedDeclaration*> out;
  auto it = by_consignor_.find(key);
  if (it == by_consignor_.end()) return out;
  for (uint32_t slot : it->second) {
    const IndexedDeclaration& d = declarations_[slot];
    if (d.declaration.kind == DeclarationKind::kExport ||
        d.declaration.kind == DeclarationKind::kWaybill) {
      out.push_back(&d);
    }
  }
  return out;
}

}  // namespace keruen::payments
