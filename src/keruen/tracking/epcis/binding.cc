#include "keruen/tracking/epcis/binding.h"

#include <algorithm>

#include "keruen/core/csv.h"

namespace keruen::tracking {
namespace {

constexpr std::string_view kSglnPrefix = "urn:epc:id:sgln:";
constexpr std::string_view kCbvTransactionPrefix = "urn:epcglobal:cbv:bt:";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Ids inside Keruen URNs: letters, digits and . _ - (MRNs, seal serials, post ids).
bool IsPlainId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// The id after `prefix` in `uri`, when `uri` has that form.
std::optional<std::string_view> IdAfter(std::string_view uri, std::string_view prefix) {
  if (!StartsWith(uri, prefix)) return std::nullopt;
  const std::string_view id = uri.substr(prefix.size());
  if (!IsPlainId(id)) return std::nullopt;
  return id;
}

void AddUnique(std::vector<std::string>& out, std::string_view id) {
  if (std::find(out.begin(), out.end(), id) == out.end()) out.emplace_back(id);
}

// Calls `f` on every identifier of the event's "what" dimension.
template <typename F>
void ForEachIdentifier(const EpcisEvent& e, F&& f) {
  for (const auto* list : {&e.epc_list, &e.child_epcs, &e.input_epcs, &e.output_epcs}) {
    for (const std::string& id : *list) f(id);
  }
  if (!e.parent_id.empty()) f(e.parent_id);
  for (const EpcisQuantity& q : e.quantities) f(q.epc_class);
}

}  // namespace

Result<SglnPostTable> SglnPostTable::Load(const std::string& csv_path) {
  auto table = ReadCsvTable(csv_path);
  if (!table) return tl::unexpected(table.error());
  const int sgln_column = table->Column("sgln");
  const int post_column = table->Column("post_id");
  if (sgln_column < 0 || post_column < 0) {
    return tl::unexpected(Error{
        ErrorCode::kInvalidArgument, "header must name columns sgln and post_id", {}, csv_path, 1});
  }
  SglnPostTable out;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    const auto& row = table->rows[i];
    if (auto s = out.Add(row[sgln_column], row[post_column]); !s) {
      return tl::unexpected(s.error().WithSource(csv_path, table->lines[i]));
    }
  }
  return out;
}

Status SglnPostTable::Add(std::string_view sgln, std::string_view post_id) {
  if (!StartsWith(sgln, kSglnPrefix) || sgln.size() == kSglnPrefix.size()) {
    return InvalidArgument("sgln", "\"" + std::string(sgln) + "\" is not an SGLN URN (" +
                                       std::string(kSglnPrefix) + "...)");
  }
  if (!IsPlainId(post_id)) {
    return InvalidArgument("post_id", "\"" + std::string(post_id) + "\" is not a post id");
  }
  post_of_sgln_[std::string(sgln)] = std::string(post_id);
  return Ok();
}

const std::string* SglnPostTable::Find(std::string_view sgln) const {
  auto it = post_of_sgln_.find(std::string(sgln));
  return it == post_of_sgln_.end() ? nullptr : &it->second;
}

std::vector<std::string> SglnPostTable::SglnsOf(std::string_view post_id) const {
  std::vector<std::string> out;
  for (const auto& [sgln, post] : post_of_sgln_) {
    if (post == post_id) out.push_back(sgln);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> MovementIdsOf(const EpcisEvent& event) {
  std::vector<std::string> out;
  ForEachIdentifier(event, [&](const std::string& uri) {
    if (auto id = IdAfter(uri, kDeclarationUrnPrefix)) AddUnique(out, *id);
  });
  for (const EpcisBizTransaction& t : event.biz_transactions) {
    if (auto id = IdAfter(t.id, kDeclarationUrnPrefix)) {
      AddUnique(out, *id);
      continue;
    }
    // "urn:epcglobal:cbv:bt:<party>:<id>" names a declaration only under a type that says
    // so: a purchase order number is not a customs declaration.
    const bool declaration_type =
        t.type == kDeclarationBizTransactionType || t.type == "bol" || t.type == "desadv";
    if (!declaration_type || !StartsWith(t.id, kCbvTransactionPrefix)) continue;
    const std::string_view rest = std::string_view(t.id).substr(kCbvTransactionPrefix.size());
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view id = rest.substr(colon + 1);
    if (IsPlainId(id)) AddUnique(out, id);
  }
  return out;
}

std::vector<std::string> SealIdsOf(const EpcisEvent& event) {
  std::vector<std::string> out;
  ForEachIdentifier(event, [&](const std::string& uri) {
    if (auto id = IdAfter(uri, kSealUrnPrefix)) AddUnique(out, *id);
  });
  return out;
}

std::optional<std::string> PostIdOfLocation(std::string_view location, const SglnPostTable* sglns) {
  if (auto id = IdAfter(location, kPostUrnPrefix)) return std::string(*id);
  if (sglns != nullptr) {
    if (const std::string* post = sglns->Find(location)) return *post;
  }
  return std::nullopt;
}

std::optional<std::string> PostIdOf(const EpcisEvent& event, const SglnPostTable* sglns) {
  if (auto post = PostIdOfLocation(event.biz_location, sglns)) return post;
  return PostIdOfLocation(event.read_point, sglns);
}

Checkpoint CheckpointOf(const EpcisEvent& event) {
  // biz_step is canonical (internal/cbv.h), so every spelling of "arriving" arrives here as
  // the bare word.
  if (event.biz_step == "arriving") return Checkpoint::kArrived;
  if (event.biz_step == "departing") return Checkpoint::kDeparted;
  if (event.biz_step == "inspecting") return Checkpoint::kInspected;
  return Checkpoint::kNone;
}

std::string_view CheckpointName(Checkpoint checkpoint) {
  switch (checkpoint) {
    case Checkpoint::kArrived:
      return "arrived";
    case Checkpoint::kDeparted:
      return "departed";
    case Checkpoint::kInspected:
      return "inspected";
    case Checkpoint::kNone:
      break;
  }
  return "none";
}

}  // namespace keruen::tracking
