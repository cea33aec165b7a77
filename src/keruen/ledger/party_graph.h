// The party graph: which companies are tied to which, and how far each is from a listed one.
//
// Sanctioned companies rarely trade under their own name; they trade through a firm registered
// at the same address, a firm whose identifier turns up under another name, or a counterparty
// that does nothing else. The graph collects those ties from every declaration and payment and
// answers two questions of the red-flag catalogue (shared/reference/detection-rules.md):
// - P5 near a listed party: the nearest party marked as listed (a P6 sanctions hit) within a
//   few hops, with every tie on the way and the document that shows it;
// - P3 shell indicators: a mass-registration address, a single counterparty.
//
// Nodes are parties, keyed by PartyKey ("bin:180940021234", else the name as written): the key
// the ledger, the findings and the simulator's truth file use. Names are not merged: a party
// written without identifiers under two spellings is two nodes (the screening name analyser
// needs ICU and the transliteration tables, too heavy for every document; an address or
// identifier they share still ties them, at one hop).
//
// Ties (LinkKind):
// - address: two parties written with the same address after NormalizeAddress. An address is a
//   join key, held once with the parties seen at it, so a party -> address -> party step is one
//   hop and a crowded address costs nothing to store.
// - identifier: two keys that share an identifier value, whatever its kind (a company written
//   once with its BIN and once with the same number as an INN, or once with INN and OGRN and
//   once with the OGRN alone).
// - trade: consignor and consignee of a declaration, debtor and creditor of a payment. The
//   declarant and carrier are not trade ties: a forwarder or haulier serves everyone, and would
//   put every firm two hops from every other.
// Directors, owners and phones are not in the documents yet. They would be further shared-value
// kinds, joined exactly like addresses (see docs/party-graph.md).
//
// The graph only grows: a document seen again (an amendment) adds what is new and is counted
// once. Not thread-safe: one writer, and queries from that same thread (NearestListed reuses
// scratch space).
#ifndef KERUEN_LEDGER_PARTY_GRAPH_H_
#define KERUEN_LEDGER_PARTY_GRAPH_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/parameter_table.h"
#include "keruen/core/string_map.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/store/store.h"

namespace keruen::ledger {

// The tunable numbers, with the defaults argued in docs/party-graph.md.
struct PartyGraphOptions {
  // P3: an address with this many firms or more is a mass-registration address.
  int mass_address_firms = 10;
  // P3: a party counts as having one counterparty only once it has this many declarations
  // as consignor or consignee (fewer is a newcomer, not a shell).
  int one_counterparty_min_declarations = 5;
  // P5: how far NearestListed looks by default, in hops.
  int max_hops = 2;
  // P5: a path that uses a trade tie may be at most this long. In a trade network a
  // counterparty's counterparty is nearly everyone, so by default only a direct counterparty
  // of a listed party is near it through trade.
  int trade_link_max_hops = 1;
  // P5: an address shared by this many firms or more is not followed: it is a
  // mass-registration address (a P3 point for each firm), not a tie between all of them.
  int hub_address_firms = 10;
};

// The tunable parameters of rules P3 and P5, as profile files set them ("rule P5 max_hops 3"):
// the risk rule catalogue lists them and builds the options from a profile's values.
using PartyGraphParameter = ParameterRow<PartyGraphOptions, int>;
std::span<const PartyGraphParameter> PartyGraphParameters();

// The join key of an address: lower case, Cyrillic transliterated, common Latin diacritics
// folded, punctuation and spacing dropped, and the street-type words in any language and
// abbreviation ("ул.", "улица", "str.", "street", "пр.", "ave."...) and markers that carry
// nothing ("д.", "дом", "No.", "г.") dropped, so "ул. Абая, д. 12, г. Алматы", "Абая ул 12
// Алматы" and "Абая 12, Алматы" give the same key. Empty when the address cannot identify a
// building (no house number, or no word besides it): "Алматы" alone must not tie a city.
std::string NormalizeAddress(std::string_view address);

enum class LinkKind { kAddress, kIdentifier, kTrade };
std::string_view LinkKindName(LinkKind kind);  // "address", "identifier", "trade"

// One tie on the way to a listed party, as evidence.
struct PathStep {
  std::string from;  // party keys
  std::string to;
  LinkKind kind = LinkKind::kTrade;
  // The address as first written / the identifier value; empty for a trade tie.
  std::string via;
  // Address and identifier: the document that shows `from` with it, then the one that shows
  // `to` (a listed party's own key, type "party", when MarkListed brought the identifier).
  // Trade: the first document between the two.
  std::vector<SubjectRef> documents;
};

struct ListedPath {
  std::string listed;           // the listed party's key
  std::string why;              // as given to MarkListed
  int hops = 0;                 // 0: the party is listed itself
  std::vector<PathStep> steps;  // from the party asked about to the listed one
};

// One P3 point with its evidence.
struct ShellIndicator {
  std::string indicator;  // "mass_registration_address" or "one_counterparty"
  // The address as first written, or the counterparty's key.
  std::string via;
  // Firms seen at the address, or declarations with the one counterparty.
  int64_t count = 0;
  SubjectRef document;      // the first document that shows it
  std::string explanation;  // one sentence with the numbers
};

// What the graph knows of a party.
struct PartyNode {
  std::string key;
  std::string name;  // as first written; empty while only marked listed
  std::string country;
  std::optional<Date> registered_on;
  std::vector<std::string> addresses;  // distinct addresses (by join key), as first written
  int64_t declarations = 0;            // as consignor or consignee
  int64_t payments = 0;                // as debtor or creditor
  bool listed = false;
  std::string listed_why;
};

class PartyGraph {
 public:
  PartyGraph() : PartyGraph(PartyGraphOptions{}) {}
  explicit PartyGraph(PartyGraphOptions options) : options_(options) {}

  void AddDeclaration(const Declaration& declaration);
  // The same, with the parties' keys made already (PartyKeysOf(declaration)).
  void AddDeclaration(const Declaration& declaration, const DeclarationPartyKeys& keys);
  void AddPayment(const Payment& payment);

  // Marks a party as listed (a sanctions hit, P6), with the reason shown in its paths. A key
  // not seen yet becomes a node; a key "<id kind>:<value>" also joins parties by that value.
  void MarkListed(std::string_view party_key, std::string why);

  // The nearest listed party within `max_hops` (default: options().max_hops) and the ties on
  // the way; nullopt when none is that near or the party is unknown. Among listed parties at
  // the same distance, the smallest key, so the answer does not depend on insertion order.
  std::optional<ListedPath> NearestListed(std::string_view party_key,
                                          std::optional<int> max_hops = std::nullopt) const;

  // The P3 points of a party, empty when none fires or the party is unknown. Directors of
  // many firms and web presence are not in the data and are never scored.
  std::vector<ShellIndicator> ShellIndicators(std::string_view party_key) const;

  const PartyNode* Find(std::string_view party_key) const;
  // Every party key, in the order the parties were first seen.
  std::vector<std::string> PartyKeys() const;
  size_t parties() const { return nodes_.size(); }
  size_t trade_links() const { return trades_.size(); }
  const PartyGraphOptions& options() const { return options_; }

 private:
  // An address or identifier value and the parties seen with it.
  struct Group {
    LinkKind kind;
    std::string written;  // the address as first written, or the identifier value
    struct Member {
      uint32_t node;
      SubjectRef document;  // the first document showing the node with this value
    };
    std::vector<Member> members;
    bool has_listed = false;  // a member is marked listed
    bool has_near = false;    // a member is tied to a listed party (kOneHop)
  };
  struct TradeLink {
    uint32_t a, b;
    SubjectRef first_document;
    int64_t declarations = 0;  // declarations (not payments) between the two
  };
  struct Node {
    PartyNode info;
    std::vector<uint32_t> groups;  // indices into groups_
    // The node's trade ties with the partner at their other end: the search reads the
    // partners of a trading hub one after another, without loading each tie's record.
    struct Tie {
      uint32_t link;     // index into trades_
      uint32_t partner;  // the node at the other end
    };
    std::vector<Tie> trades;
    // The addresses and identifier values exactly as written that were joined already, by
    // 64-bit hash: the same company is written the same way on most of its documents, and
    // normalising an address (transliteration, street words) is the costliest step of adding
    // a document. (Two spellings of one party colliding, which would skip the second's join,
    // has odds of about 2^-64 per pair.)
    std::vector<uint64_t> joined_written;
    // generation_ when NearestListed last found no listed party within the default reach.
    mutable uint64_t none_near_at = 0;
  };

  // The node of `party`, whose PartyKey is `key` (created when new, its attributes joined), or
  // kNone for a party with neither name nor identifier (an empty key).
  uint32_t SeeParty(const Party& party, std::string_view key, const SubjectRef& document);
  uint32_t NodeForKey(std::string_view key);
  // Whether `written` (an address or identifier as written) was joined for `node` already;
  // records it when not.
  bool JoinedBefore(uint32_t node, std::string_view written);
  // Adds `node` to the group of (kind, key); returns whether it was not in it yet.
  bool Join(uint32_t node, LinkKind kind, const std::string& key, std::string_view written,
            const SubjectRef& document);
  void Trade(uint32_t a, uint32_t b, const SubjectRef& document, bool new_declaration);
  static constexpr uint32_t kNone = UINT32_MAX;
  bool Followed(const Group& group) const;
  // near_ upkeep, as ties and listings are added: a member of group `g` is listed; a member
  // of `g` is one hop from a listed party; `node` is one hop from a listed party.
  void MarkGroupListed(uint32_t g);
  void MarkGroupNear(uint32_t g);
  void SetNearListed(uint32_t node);
  // False only when no listed party can be within `limit` hops of `node`.
  bool MayBeNearListed(uint32_t node, int limit) const;
  PathStep StepOf(uint32_t from, uint32_t to, LinkKind kind, uint32_t via) const;

  // Open addressing, looked up by a string_view without allocating: every document looks up
  // each of its parties.
  using KeyIndex = StringMap<uint32_t>;

  PartyGraphOptions options_;
  // Bumped by every change that can move a party nearer a listed one: a new member of an
  // address or identifier group (which also changes whether the group is followed), a new
  // trade tie, a party marked listed. A party found with no listed party near it stays so
  // until the generation moves; most documents repeat ties already known.
  uint64_t generation_ = 1;
  std::vector<Node> nodes_;
  // Per node, what may put it within two hops of a listed party, over every tie (followed
  // or not, whatever the trade-hop limit): kOneHop, the party is listed or tied to a listed
  // one; kTwoHops, it is tied to a kOneHop party. Kept as ties and listings are added (the
  // graph only grows), so NearestListed answers "none within two hops" without a search, and
  // its search reads a byte, not the node, for each party it reaches. Apart from nodes_ for
  // that reason.
  static constexpr uint8_t kOneHop = 1, kTwoHops = 2;
  std::vector<uint8_t> near_;
  KeyIndex node_by_key_;
  std::vector<Group> groups_;
  KeyIndex group_by_key_;  // kind letter + join key
  std::vector<TradeLink> trades_;
  absl::flat_hash_map<uint64_t, uint32_t> trade_by_pair_;  // (min node << 32) | max node
  StringSet documents_seen_;                               // "d:" / "p:" + id

  // Breadth-first search scratch, stamped with `epoch_` so it need not be cleared per query.
  // A search state is a node and whether the path so far used a trade tie (2 * node + flag).
  // The stamps, read for every member of every group searched, are an array of their own:
  // packed four bytes a state, more of them stay in cache than in the step records, which
  // are written once a state and read only along the path found.
  struct Step {
    uint32_t parent = 0;  // previous state
    uint32_t via = 0;     // group or trade index of the last step
    LinkKind kind = LinkKind::kTrade;
  };
  mutable std::vector<uint32_t> visit_stamps_;  // per state
  mutable std::vector<Step> steps_;             // per state, valid where stamped
  mutable std::vector<uint32_t> group_stamps_;  // per 2 * group + flag
  mutable uint32_t epoch_ = 0;
};

// Adds every stored declaration and payment (current versions) to `graph`. Returns how many
// documents were read.
Result<int64_t> LoadPartyGraph(Store& store, PartyGraph& graph);

}  // namespace keruen::ledger

#endif  // KERUEN_LEDGER_PARTY_GRAPH_H_
