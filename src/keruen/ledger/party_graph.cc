#include "keruen/ledger/party_graph.h"

#include <xxhash.h>

#include <algorithm>
#include <string>
#include <utility>

#include "keruen/core/reference.h"
#include "keruen/core/utf8.h"
#include "keruen/ledger/virtual_warehouse.h"

namespace keruen::ledger {
namespace {

// The largest value a profile file may set: these counts and distances have no natural limit.
constexpr int kNoLimit = 1'000'000;
constexpr PartyGraphParameter kParameters[] = {
    {"P3", "mass_address_firms", 10, 2, kNoLimit,
     "Firms at one address from which the address counts as a mass-registration address (one P3 "
     "point for each of them).",
     &PartyGraphOptions::mass_address_firms},
    {"P3", "one_counterparty_min_declarations", 5, 1, kNoLimit,
     "Declarations as consignor or consignee a party needs before a single counterparty scores "
     "a P3 point.",
     &PartyGraphOptions::one_counterparty_min_declarations},
    {"P5", "max_hops", 2, 0, kNoLimit,
     "How many ties away a listed party makes a party near it (the catalogue's 2 hops).",
     &PartyGraphOptions::max_hops},
    {"P5", "trade_link_max_hops", 1, 0, kNoLimit,
     "The longest path that may use a trade tie: 1 keeps only direct counterparties of a listed "
     "party, since a counterparty's counterparty is nearly everyone.",
     &PartyGraphOptions::trade_link_max_hops},
    {"P5", "hub_address_firms", 10, 2, kNoLimit,
     "Firms at one address from which the address is no longer followed: a mass-registration "
     "address is a P3 finding, not a tie between all its firms.",
     &PartyGraphOptions::hub_address_firms},
};

// ---- address join keys ----

// Latin-1 letters U+00C0..U+00FF folded to ASCII: 'A' stands for "ae", 'T' for "th", 'S' for
// "ss", '*' for a sign that is not a letter.
constexpr std::string_view kLatin1Fold =
    "aaaaaaAceeeeiiiidnooooo*ouuuuyTS"
    "aaaaaaAceeeeiiiidnooooo*ouuuuyTy";
// Latin Extended-A, U+0100..U+017F, each to its base letter.
constexpr std::string_view kLatinExtAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooo"
    "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1Fold.size() == 64 && kLatinExtAFold.size() == 128);

bool IsApostrophe(char32_t cp) {
  return cp == U'\'' || cp == U'`' || cp == 0x2BB || cp == 0x2BC || cp == 0x2018 || cp == 0x2019;
}

// Signs that separate words outside ASCII: Latin-1 punctuation, general punctuation and
// symbols (dashes, quotes, "№"), CJK and full-width punctuation, the replacement character.
bool IsSeparator(char32_t cp) {
  return (cp >= 0x80 && cp < 0xC0) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp < 0x2C00) ||
         (cp >= 0x3000 && cp < 0x3040) || (cp >= 0xFF00 && cp < 0xFF10) ||
         (cp >= 0xFF1A && cp < 0xFF21) || cp == 0xFFFD;
}

// An address split into words: letters and digits apart ("12а" is "12" and "а"), Latin folded
// to ASCII, Cyrillic through LooseNameKey (transliterated, y/j/i and doubled letters folded).
std::vector<std::string> AddressWords(std::string_view address) {
  std::vector<std::string> words;
  std::string word;
  bool digits = false, other_script = false;
  auto flush = [&] {
    if (word.empty()) return;
    if (!digits && !other_script) word = LooseNameKey(word);
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
    other_script = false;
  };
  for (size_t i = 0; i < address.size();) {
    const char32_t cp = DecodeUtf8(address, i);
    if (IsApostrophe(cp)) continue;  // "ko'chasi", "Farg'ona": one word
    const bool digit = cp >= U'0' && cp <= U'9';
    const bool ascii_letter = (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z');
    if (digit) {
      if (!digits) flush();
      digits = true;
      word.push_back(static_cast<char>(cp));
      continue;
    }
    if (cp < 0x80 && !ascii_letter) {
      flush();
      continue;
    }
    if (cp >= 0x80 && IsSeparator(cp)) {
      flush();
      continue;
    }
    if (digits) flush();
    digits = false;
    if (ascii_letter) {
      word.push_back(static_cast<char>(cp | 0x20));
    } else if (cp >= 0xC0 && cp < 0x100) {
      const char c = kLatin1Fold[cp - 0xC0];
      word += c == 'A' ? "ae" : c == 'T' ? "th" : c == 'S' ? "ss" : std::string(1, c);
    } else if (cp >= 0x100 && cp < 0x180) {
      word.push_back(kLatinExtAFold[cp - 0x100]);
    } else {
      // Cyrillic goes to LooseNameKey; other scripts are kept as written.
      if (cp < 0x400 || cp > 0x4FF) other_script = true;
      AppendUtf8(word, cp);
    }
  }
  flush();
  return words;
}

struct AddressWord {
  std::string_view spellings;    // space-separated, as written in addresses
  std::string_view replacement;  // empty: dropped
};
// Words dropped: the kind of street, which clerks write before or after the name, abbreviate or
// leave out ("ул. Абая", "Абая ул.", "Абая"; "Abay str."), and markers that carry nothing (house,
// number, city: "д.", "No.", "г."; "g." is also Lithuanian gatvė, street). Unit words written in
// many ways are replaced by one.
constexpr AddressWord kAddressWords[] = {
    {"ул улица ulitsa ulica ul str street st strasse straße kochasi көшесі koshesi cad caddesi "
     "sokak via "
     "пр проспект просп prospekt prospect pr ave avenue av даңғылы dangyly "
     "ш шоссе sh shosse highway hwy "
     "пер переулок per pereulok lane "
     "пл площадь ploshchad square sq "
     "мкр микрорайон mkr mikroraion microdistrict "
     "д дом dom house no nr г город гор gorod g city",
     ""},
    {"офис оф of office room rm кв квартира kv apt apartment suite ste", "office"},
    {"корпус корп korpus building bldg блок blok block", "building"},
};

// Folded word -> what it stands for.
const std::unordered_map<std::string, const AddressWord*>& AddressWordTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, const AddressWord*>();
    for (const AddressWord& w : kAddressWords) {
      for (const std::string& folded : AddressWords(w.spellings)) t->emplace(folded, &w);
    }
    return t;
  }();
  return *table;
}

// An identifier value as a join key: ASCII letters upper-cased, spaces, dots and dashes
// dropped. Empty for what is too short or made of one repeated sign ("0000000000"): such
// placeholders would tie every party that uses them.
std::string IdentifierKey(std::string_view value) {
  std::string key;
  for (char c : value) {
    if (c == ' ' || c == '-' || c == '.' || c == '/') continue;
    key.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (key.size() < 5 || key.find_first_not_of(key[0]) == std::string::npos) return {};
  return key;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

}  // namespace

std::span<const PartyGraphParameter> PartyGraphParameters() { return kParameters; }

std::string NormalizeAddress(std::string_view address) {
  const auto& table = AddressWordTable();
  std::string key;
  bool has_number = false, has_name = false;
  for (const std::string& w : AddressWords(address)) {
    std::string_view out = w;
    if (auto it = table.find(w); it != table.end()) {
      if (it->second->replacement.empty()) continue;
      out = it->second->replacement;
    } else if (w[0] >= '0' && w[0] <= '9') {
      has_number = true;
    } else {
      has_name = true;
    }
    if (!key.empty()) key.push_back(' ');
    key += out;
  }
  if (!has_number || !has_name) return {};
  return key;
}

std::string_view LinkKindName(LinkKind kind) {
  switch (kind) {
    case LinkKind::kAddress:
      return "address";
    case LinkKind::kIdentifier:
      return "identifier";
    case LinkKind::kTrade:
      return "trade";
  }
  return "?";
}

// ---- building ----

uint32_t PartyGraph::NodeForKey(std::string_view key) {
  if (auto it = node_by_key_.find(key); it != node_by_key_.end()) return it->second;
  const uint32_t node = static_cast<uint32_t>(nodes_.size());
  node_by_key_.emplace(std::string(key), node);
  nodes_.emplace_back().info.key = std::string(key);
  near_.push_back(0);
  return node;
}

bool PartyGraph::Join(uint32_t node, LinkKind kind, const std::string& key,
                      std::string_view written, const SubjectRef& document) {
  const std::string group_key = (kind == LinkKind::kAddress ? "a:" : "i:") + key;
  auto [it, inserted] = group_by_key_.try_emplace(group_key, groups_.size());
  if (inserted) groups_.push_back(Group{kind, std::string(written), {}});
  const uint32_t g = it->second;
  std::vector<uint32_t>& mine = nodes_[node].groups;
  if (std::find(mine.begin(), mine.end(), g) != mine.end()) return false;
  mine.push_back(g);
  groups_[g].members.push_back({node, document});
  if (groups_[g].has_listed) SetNearListed(node);
  if (nodes_[node].info.listed) MarkGroupListed(g);
  if (groups_[g].has_near) near_[node] |= kTwoHops;
  if (near_[node] & kOneHop) MarkGroupNear(g);
  ++generation_;
  return true;
}

void PartyGraph::MarkGroupListed(uint32_t g) {
  groups_[g].has_listed = true;
  for (const Group::Member& m : groups_[g].members) SetNearListed(m.node);
}

void PartyGraph::MarkGroupNear(uint32_t g) {
  Group& group = groups_[g];
  group.has_near = true;
  for (const Group::Member& m : group.members) near_[m.node] |= kTwoHops;
}

void PartyGraph::SetNearListed(uint32_t node) {
  if (near_[node] & kOneHop) return;
  near_[node] |= kOneHop;
  for (const uint32_t g : nodes_[node].groups) MarkGroupNear(g);
  for (const Node::Tie& tie : nodes_[node].trades) near_[tie.partner] |= kTwoHops;
}

bool PartyGraph::JoinedBefore(uint32_t node, std::string_view written) {
  std::vector<uint64_t>& seen = nodes_[node].joined_written;
  // XXH3: a fraction of the general-purpose string hash's cost on a line of address.
  const uint64_t hash = XXH3_64bits(written.data(), written.size());
  if (std::find(seen.begin(), seen.end(), hash) != seen.end()) return true;
  seen.push_back(hash);
  return false;
}

uint32_t PartyGraph::SeeParty(const Party& party, std::string_view key,
                              const SubjectRef& document) {
  if (key.empty()) return kNone;
  const uint32_t node = NodeForKey(key);
  PartyNode& info = nodes_[node].info;
  if (info.name.empty()) info.name = party.name;
  if (info.country.empty()) info.country = party.country;
  if (!info.registered_on) info.registered_on = party.registered_on;
  // What was joined before joins nothing new (the join keys are functions of what is
  // written), so only a spelling not seen yet for this party is normalised.
  if (!party.address.empty() && !JoinedBefore(node, party.address)) {
    if (const std::string address = NormalizeAddress(party.address); !address.empty()) {
      if (Join(node, LinkKind::kAddress, address, party.address, document)) {
        nodes_[node].info.addresses.push_back(party.address);
      }
    }
  }
  for (const Identifier& id : party.ids) {
    if (id.value.empty() || JoinedBefore(node, id.value)) continue;
    if (const std::string value = IdentifierKey(id.value); !value.empty()) {
      Join(node, LinkKind::kIdentifier, value, value, document);
    }
  }
  return node;
}

void PartyGraph::Trade(uint32_t a, uint32_t b, const SubjectRef& document, bool new_declaration) {
  if (a == kNone || b == kNone || a == b) return;
  auto [it, inserted] = trade_by_pair_.try_emplace(PairKey(a, b), trades_.size());
  if (inserted) {
    ++generation_;
    trades_.push_back(TradeLink{a, b, document, 0});
    nodes_[a].trades.push_back({it->second, b});
    nodes_[b].trades.push_back({it->second, a});
    if (nodes_[a].info.listed) SetNearListed(b);
    if (nodes_[b].info.listed) SetNearListed(a);
    if (near_[a] & kOneHop) near_[b] |= kTwoHops;
    if (near_[b] & kOneHop) near_[a] |= kTwoHops;
  }
  if (new_declaration) ++trades_[it->second].declarations;
}

void PartyGraph::AddDeclaration(const Declaration& d) { AddDeclaration(d, PartyKeysOf(d)); }

void PartyGraph::AddDeclaration(const Declaration& d, const DeclarationPartyKeys& keys) {
  const bool first_time = documents_seen_.insert("d:" + d.id).second;
  const SubjectRef doc{"declaration", d.id};
  SeeParty(d.declarant, keys[kDeclarantKey], doc);
  if (d.carrier) SeeParty(*d.carrier, keys[kCarrierKey], doc);
  const uint32_t consignor = d.consignor ? SeeParty(*d.consignor, keys[kConsignorKey], doc) : kNone;
  const uint32_t consignee = d.consignee ? SeeParty(*d.consignee, keys[kConsigneeKey], doc) : kNone;
  Trade(consignor, consignee, doc, first_time);
  if (!first_time) return;
  if (consignor != kNone) ++nodes_[consignor].info.declarations;
  if (consignee != kNone && consignee != consignor) ++nodes_[consignee].info.declarations;
}

void PartyGraph::AddPayment(const Payment& p) {
  const bool first_time = documents_seen_.insert("p:" + p.id).second;
  const SubjectRef doc{"payment", p.id};
  const uint32_t debtor = SeeParty(p.debtor.party, PartyKey(p.debtor.party), doc);
  const uint32_t creditor = SeeParty(p.creditor.party, PartyKey(p.creditor.party), doc);
  Trade(debtor, creditor, doc, false);
  if (!first_time) return;
  if (debtor != kNone) ++nodes_[debtor].info.payments;
  if (creditor != kNone && creditor != debtor) ++nodes_[creditor].info.payments;
}

void PartyGraph::MarkListed(std::string_view party_key, std::string why) {
  if (party_key.empty()) return;
  const uint32_t node = NodeForKey(party_key);
  PartyNode& info = nodes_[node].info;
  if (const size_t colon = party_key.find(':'); colon != std::string_view::npos) {
    if (ParseIdKind(party_key.substr(0, colon))) {
      if (const std::string value = IdentifierKey(party_key.substr(colon + 1)); !value.empty()) {
        Join(node, LinkKind::kIdentifier, value, value, SubjectRef{"party", info.key});
      }
    }
  }
  const bool was_listed = info.listed;
  info.listed = true;
  info.listed_why = std::move(why);
  // Marked again (every document naming a listed party marks it): its ties were marked near
  // the first time, and Join and Trade mark the ties added since.
  if (!was_listed) {
    SetNearListed(node);
    const Node& n = nodes_[node];
    for (const uint32_t g : n.groups) MarkGroupListed(g);
    for (const Node::Tie& tie : n.trades) SetNearListed(tie.partner);
  }
  ++generation_;
}

// ---- queries ----

const PartyNode* PartyGraph::Find(std::string_view party_key) const {
  auto it = node_by_key_.find(party_key);
  return it == node_by_key_.end() ? nullptr : &nodes_[it->second].info;
}

std::vector<std::string> PartyGraph::PartyKeys() const {
  std::vector<std::string> keys;
  keys.reserve(nodes_.size());
  for (const Node& n : nodes_) keys.push_back(n.info.key);
  return keys;
}

bool PartyGraph::Followed(const Group& group) const {
  return group.kind != LinkKind::kAddress ||
         group.members.size() < static_cast<size_t>(options_.hub_address_firms);
}

PathStep PartyGraph::StepOf(uint32_t from, uint32_t to, LinkKind kind, uint32_t via) const {
  PathStep step;
  step.from = nodes_[from].info.key;
  step.to = nodes_[to].info.key;
  step.kind = kind;
  if (kind == LinkKind::kTrade) {
    step.documents.push_back(trades_[via].first_document);
    return step;
  }
  const Group& g = groups_[via];
  step.via = g.written;
  for (uint32_t end : {from, to}) {
    for (const Group::Member& m : g.members) {
      if (m.node == end) step.documents.push_back(m.document);
    }
  }
  return step;
}

bool PartyGraph::MayBeNearListed(uint32_t node, int limit) const {
  if (limit > 2) return true;
  if (limit == 2) return near_[node] != 0;
  return limit == 1 && (near_[node] & kOneHop) != 0;
}

std::optional<ListedPath> PartyGraph::NearestListed(std::string_view party_key,
                                                    std::optional<int> max_hops) const {
  auto found = node_by_key_.find(party_key);
  if (found == node_by_key_.end()) return std::nullopt;
  const uint32_t start = found->second;
  if (nodes_[start].info.listed) {
    return ListedPath{nodes_[start].info.key, nodes_[start].info.listed_why, 0, {}};
  }
  const int limit = max_hops.value_or(options_.max_hops);
  const bool default_reach = limit == options_.max_hops;
  if (default_reach && nodes_[start].none_near_at == generation_) return std::nullopt;
  if (!MayBeNearListed(start, limit)) {
    if (default_reach) nodes_[start].none_near_at = generation_;
    return std::nullopt;
  }

  visit_stamps_.resize(2 * nodes_.size());
  steps_.resize(2 * nodes_.size());
  group_stamps_.resize(2 * groups_.size());
  if (++epoch_ == 0) {  // wrapped: old stamps could collide with the new epoch
    std::fill(visit_stamps_.begin(), visit_stamps_.end(), 0);
    std::fill(group_stamps_.begin(), group_stamps_.end(), 0);
    epoch_ = 1;
  }
  const uint32_t epoch = epoch_;
  std::vector<uint32_t> frontier = {2 * start}, next;
  visit_stamps_[2 * start] = epoch;
  uint32_t best = kNone;  // the state of the chosen listed party

  // Reaching `state` from `parent` over (kind, via). A state that used a trade tie is not
  // worth visiting where the same node was reached without one: that one reaches all it can.
  auto visit = [&](uint32_t state, uint32_t parent, LinkKind kind, uint32_t via) {
    if (visit_stamps_[state] == epoch) return;
    if ((state & 1) && visit_stamps_[state - 1] == epoch) return;
    visit_stamps_[state] = epoch;
    steps_[state] = Step{parent, via, kind};
    next.push_back(state);
    if ((near_[state / 2] & kOneHop) == 0) return;  // a listed party is near itself
    const PartyNode& info = nodes_[state / 2].info;
    if (info.listed && (best == kNone || info.key < nodes_[best / 2].info.key)) best = state;
  };

  // A state reached at the last depth, or by a trade tie where no further step may follow
  // one, is a leaf: it matters only if the party is listed. A party without kOneHop is not
  // listed, so such a leaf is not visited at all; a trading hub's many partners cost a byte
  // each, not a visit. Where every member or partner would be a leaf, a group without a listed
  // member and a party without kOneHop (so without a listed partner) are not even walked: in
  // a month's graph most searches start from a party kTwoHops over a trade tie, which no path
  // may extend, and walking its hubs found nothing every time.
  auto leaf = [&](int depth, uint32_t traded) {
    return depth + 1 == limit || (traded && depth + 1 >= options_.trade_link_max_hops);
  };
  for (int depth = 0; depth < limit && !frontier.empty() && best == kNone; ++depth) {
    next.clear();
    for (const uint32_t state : frontier) {
      const uint32_t node = state / 2, traded = state & 1;
      if (traded && depth >= options_.trade_link_max_hops) continue;
      const bool member_leaf = leaf(depth, traded);
      for (const uint32_t g : nodes_[node].groups) {
        const Group& group = groups_[g];
        if (!Followed(group) || group_stamps_[2 * g + traded] == epoch) continue;
        group_stamps_[2 * g + traded] = epoch;
        if (member_leaf && !group.has_listed) continue;
        for (const Group::Member& m : group.members) {
          if (m.node == node || (member_leaf && (near_[m.node] & kOneHop) == 0)) continue;
          visit(2 * m.node + traded, state, group.kind, g);
        }
      }
      const bool partner_leaf = leaf(depth, 1);
      if (depth + 1 <= options_.trade_link_max_hops &&
          (!partner_leaf || (near_[node] & kOneHop) != 0)) {
        for (const Node::Tie& tie : nodes_[node].trades) {
          if (partner_leaf && (near_[tie.partner] & kOneHop) == 0) continue;
          visit(2 * tie.partner + 1, state, LinkKind::kTrade, tie.link);
        }
      }
    }
    std::swap(frontier, next);
  }
  if (best == kNone) {
    if (default_reach) nodes_[start].none_near_at = generation_;
    return std::nullopt;
  }

  ListedPath path;
  const PartyNode& listed = nodes_[best / 2].info;
  path.listed = listed.key;
  path.why = listed.listed_why;
  for (uint32_t state = best; state / 2 != start || (state & 1);) {
    const Step& v = steps_[state];
    path.steps.push_back(StepOf(v.parent / 2, state / 2, v.kind, v.via));
    state = v.parent;
  }
  std::reverse(path.steps.begin(), path.steps.end());
  path.hops = static_cast<int>(path.steps.size());
  return path;
}

std::vector<ShellIndicator> PartyGraph::ShellIndicators(std::string_view party_key) const {
  std::vector<ShellIndicator> points;
  auto found = node_by_key_.find(party_key);
  if (found == node_by_key_.end()) return points;
  const uint32_t node = found->second;
  const Node& n = nodes_[node];
  for (const uint32_t g : n.groups) {
    const Group& group = groups_[g];
    if (group.kind != LinkKind::kAddress ||
        group.members.size() < static_cast<size_t>(options_.mass_address_firms)) {
      continue;
    }
    ShellIndicator p;
    p.indicator = "mass_registration_address";
    p.via = group.written;
    p.count = static_cast<int64_t>(group.members.size());
    for (const Group::Member& m : group.members) {
      if (m.node == node) p.document = m.document;
    }
    p.explanation = std::to_string(p.count) + " firms are registered at \"" + group.written +
                    "\", a mass-registration address (" +
                    std::to_string(options_.mass_address_firms) + " or more)";
    points.push_back(std::move(p));
  }
  if (n.info.declarations >= options_.one_counterparty_min_declarations && n.trades.size() == 1) {
    const TradeLink& link = trades_[n.trades[0].link];
    const PartyNode& other = nodes_[n.trades[0].partner].info;
    ShellIndicator p;
    p.indicator = "one_counterparty";
    p.via = other.key;
    p.count = link.declarations;
    p.document = link.first_document;
    p.explanation = n.info.key + " has " + std::to_string(n.info.declarations) +
                    " declarations as consignor or consignee and trades with one counterparty "
                    "only, " +
                    (other.name.empty() ? other.key : other.name + " (" + other.key + ")");
    points.push_back(std::move(p));
  }
  return points;
}

Result<int64_t> LoadPartyGraph(Store& store, PartyGraph& graph) {
  auto declarations = ForEachDeclaration(store, [&graph](const Declaration& d) {
    graph.AddDeclaration(d);
    return true;
  });
  if (!declarations) return declarations;
  auto payments = ForEachPayment(store, [&graph](const Payment& p) {
    graph.AddPayment(p);
    return true;
  });
  if (!payments) return payments;
  return *declarations + *payments;
}

}  // namespace keruen::ledger
