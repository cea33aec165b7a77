// How an EPCIS event is tied to Keruen's world: which movements (customs declarations in
// transit) and seals it concerns, at which border post it happened, and what it means for
// a movement. The conventions are documented for senders in docs/epcis.md.
//
// EPCIS identifies things with URIs, and a border post's system has no GS1 keys for a
// customs declaration or an e-seal, so Keruen defines three URN forms of its own:
//
//   urn:keruen:declaration:<declaration id>   in epcList, childEPCs, parentID, the
//                                              quantity lists, or as a bizTransaction
//   urn:keruen:seal:<seal device id>           in the same EPC lists
//   urn:keruen:post:<post id>                  as readPoint or bizLocation id; post ids are
//                                              those of data/border_posts.csv ("KZ-BCP-044")
//
// and accepts two GS1 forms a post may already use: a bizTransaction typed
// "urn:keruen:btt:declaration", "bol" or "desadv" whose value is a CBV transaction URN
// "urn:epcglobal:cbv:bt:<party GLN>:<declaration id>", and a GS1 SGLN
// ("urn:epc:id:sgln:4870001.00044.0") for a location, mapped to a post by an SglnPostTable.
#ifndef KERUEN_TRACKING_EPCIS_BINDING_H_
#define KERUEN_TRACKING_EPCIS_BINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/tracking/epcis/event.h"

namespace keruen::tracking {

inline constexpr std::string_view kDeclarationUrnPrefix = "urn:keruen:declaration:";
inline constexpr std::string_view kSealUrnPrefix = "urn:keruen:seal:";
inline constexpr std::string_view kPostUrnPrefix = "urn:keruen:post:";
inline constexpr std::string_view kDeclarationBizTransactionType = "urn:keruen:btt:declaration";

// Maps GS1 SGLNs of a post's gates and lanes to Keruen post ids. Optional: posts that use
// urn:keruen:post: need none.
class SglnPostTable {
 public:
  // A CSV file with the header "sgln,post_id" ('#' starts a comment line).
  static Result<SglnPostTable> Load(const std::string& csv_path);

  // Adds or replaces one mapping; `sgln` must be a "urn:epc:id:sgln:" URN.
  Status Add(std::string_view sgln, std::string_view post_id);
  // The post of `sgln`, or nullptr.
  const std::string* Find(std::string_view sgln) const;
  // Every SGLN that maps to `post_id` (for a query by post).
  std::vector<std::string> SglnsOf(std::string_view post_id) const;

 private:
  std::unordered_map<std::string, std::string> post_of_sgln_;
};

// The declaration ids (= movement ids) the event names, in order of first appearance,
// without duplicates. Empty when it names none.
std::vector<std::string> MovementIdsOf(const EpcisEvent& event);

// The seal device ids the event names (urn:keruen:seal:), as above.
std::vector<std::string> SealIdsOf(const EpcisEvent& event);

// The border post where the event happened: bizLocation when it names a post, else
// readPoint. nullopt when neither is a post URN nor an SGLN of `sglns`.
std::optional<std::string> PostIdOf(const EpcisEvent& event, const SglnPostTable* sglns = nullptr);

// The post id a location URI names, as PostIdOf reads readPoint and bizLocation.
std::optional<std::string> PostIdOfLocation(std::string_view location,
                                            const SglnPostTable* sglns = nullptr);

// What a checkpoint event means for a movement, from its business step. Other steps
// (shipping, sensor_reporting...) are kept and queryable but move nothing.
enum class Checkpoint {
  kNone,
  kArrived,    // bizStep arriving: the truck reached the post
  kDeparted,   // bizStep departing: the truck left the post
  kInspected,  // bizStep inspecting: the truck or its load was inspected
};

Checkpoint CheckpointOf(const EpcisEvent& event);
// "arrived", "departed", "inspected", "none".
std::string_view CheckpointName(Checkpoint checkpoint);

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_EPCIS_BINDING_H_
