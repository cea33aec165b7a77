#include "keruen/sim/internal/listed_names.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "keruen/screening/lists/import.h"
#include "keruen/screening/watchlists.h"

namespace keruen::sim_internal {

Result<std::unique_ptr<ListedNames>> ListedNames::Build(std::vector<screening::ListEntry> entries,
                                                        const std::filesystem::path& translit_dir) {
  std::unique_ptr<ListedNames> out(new ListedNames());
  std::set<std::string> lists;
  for (const screening::ListEntry& e : entries) lists.insert(e.list);
  for (const std::string& list : lists) out->lists_ += (out->lists_.empty() ? "" : ", ") + list;
  auto analyzer = screening::NameAnalyzer::Create(translit_dir);
  if (!analyzer) return tl::unexpected(analyzer.error());
  out->analyzer_ = std::move(*analyzer);
  auto screener = screening::Screener::Build(std::move(entries), *out->analyzer_);
  if (!screener) return tl::unexpected(screener.error());
  out->screener_ = std::move(*screener);
  return out;
}

Result<std::shared_ptr<const ListedNames>> ListedNames::LoadShared(
    const std::filesystem::path& shared_dir) {
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::shared_ptr<const ListedNames>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(shared_dir); it != loaded.end()) return it->second;
  const std::filesystem::path sanctions = shared_dir / "sanctions";
  const std::vector<screening::ListSource> sources = screening::DefaultListSources(sanctions);
  std::shared_ptr<const ListedNames> names;
  if (!sources.empty()) {
    std::vector<screening::ListEntry> entries;
    for (const screening::ListSource& source : sources) {
      auto snapshot = screening::ImportList(source.format, source.path);
      if (!snapshot) return tl::unexpected(snapshot.error());
      for (screening::ListEntry& e : snapshot->entries) entries.push_back(std::move(e));
    }
    auto built = Build(std::move(entries), sanctions / "translit" / "iuliia");
    if (!built) return tl::unexpected(built.error());
    names = std::move(*built);
  }
  loaded.emplace(shared_dir, names);
  return names;
}

bool ListedNames::IsListedName(std::string_view name, std::string_view country) const {
  auto word_for_word = [](const screening::Hit& hit) {
    if (hit.decision != screening::Decision::kName || hit.name.tokens.empty()) return false;
    for (const screening::TokenPair& t : hit.name.tokens) {
      if (t.kind == screening::TokenPairKind::kOptional) continue;
      if (t.kind != screening::TokenPairKind::kPaired || t.similarity < 1.0) return false;
    }
    return true;
  };
  screening::ScreeningQuery query;
  query.name = std::string(name);
  for (const bool with_country : {false, true}) {
    if (with_country) {
      if (country.empty()) break;
      query.country = std::string(country);
    }
    const std::vector<screening::Hit> hits = screener_->Screen(query);
    if (std::any_of(hits.begin(), hits.end(), word_for_word)) return true;
  }
  return false;
}

}  // namespace keruen::sim_internal
