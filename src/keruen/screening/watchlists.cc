#include "keruen/screening/watchlists.h"

#include "keruen/core/paths.h"
#include "keruen/screening/lists/list_entry_json.h"

namespace keruen::screening {

namespace fs = std::filesystem;

std::vector<ListSource> DefaultListSources(const fs::path& sanctions_dir) {
  const ListSource candidates[] = {
      {ListFormat::kOfacSdn, sanctions_dir / "ofac" / "latest"},
      {ListFormat::kOfacConsolidated, sanctions_dir / "ofac" / "non_sdn"},
      {ListFormat::kUn, sanctions_dir / "un" / "UN_consolidated.xml"},
      {ListFormat::kEu, sanctions_dir / "eu" / "journal_sanctions"},
      {ListFormat::kUk, sanctions_dir / "uk"},
      {ListFormat::kOpenSanctions, sanctions_dir / "opensanctions_ftm"},
  };
  std::vector<ListSource> present;
  std::error_code ec;
  for (const ListSource& source : candidates) {
    if (fs::exists(source.path, ec)) present.push_back(source);
  }
  return present;
}

Result<ListPutResult> StoreSnapshot(Store& store, const ListSnapshot& snapshot) {
  ListVersionInfo info;
  info.list = snapshot.list;
  info.format = std::string(ListFormatName(snapshot.format));
  info.source = snapshot.source;
  info.published_on = snapshot.published_on;
  info.content_hash = snapshot.content_hash;
  std::vector<ListEntryRecord> records;
  records.reserve(snapshot.entries.size());
  for (const ListEntry& entry : snapshot.entries) {
    records.push_back(ListEntryRecord{entry.id, ListEntryToJson(entry)});
  }
  auto txn = store.Begin();
  if (!txn) return tl::unexpected(txn.error());
  auto put = (*txn)->PutListVersion(info, records);
  if (!put) return put;
  if (auto committed = (*txn)->Commit(); !committed) return tl::unexpected(committed.error());
  return put;
}

Result<ListSnapshot> LoadListVersion(Store& store, const ListVersionInfo& version) {
  auto records = store.ListEntries(version.list, version.version);
  if (!records) return tl::unexpected(records.error());
  ListSnapshot snapshot;
  snapshot.list = version.list;
  if (auto format = ParseListFormat(version.format)) snapshot.format = *format;
  snapshot.source = version.source;
  snapshot.published_on = version.published_on;
  snapshot.content_hash = version.content_hash;
  snapshot.entries.reserve(records->size());
  for (const ListEntryRecord& record : *records) {
    auto entry = ParseListEntryJson(record.json);
    if (!entry) {
      // The store holds what ListEntryToJson wrote; failing to read it back is corruption.
      return MakeError(ErrorCode::kInternal, "stored entry " + record.id + " of list " +
                                                 version.list +
                                                 " cannot be read: " + entry.error().ToString());
    }
    snapshot.entries.push_back(std::move(*entry));
  }
  return snapshot;
}

std::vector<ListVersionInfo> LatestVersions(const std::vector<ListVersionInfo>& versions) {
  // By list, oldest first: the last of each run is the current one.
  std::vector<ListVersionInfo> latest;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (i + 1 < versions.size() && versions[i + 1].list == versions[i].list) continue;
    latest.push_back(versions[i]);
  }
  return latest;
}

Result<CurrentLists> LoadCurrentLists(Store& store) {
  auto all = store.ListVersions("");
  if (!all) return tl::unexpected(all.error());
  CurrentLists current;
  current.versions = LatestVersions(*all);
  for (const ListVersionInfo& version : current.versions) {
    auto snapshot = LoadListVersion(store, version);
    if (!snapshot) return tl::unexpected(snapshot.error());
    for (ListEntry& entry : snapshot->entries) current.entries.push_back(std::move(entry));
  }
  return current;
}

std::string VersionsFingerprint(const std::vector<ListVersionInfo>& versions) {
  std::string fingerprint;
  for (const ListVersionInfo& v : versions) {
    fingerprint += v.list + "@" + std::to_string(v.version) + ":" + v.content_hash + ";";
  }
  return fingerprint;
}

Result<LoadedScreener> LoadScreener(Store& store) {
  auto current = LoadCurrentLists(store);
  if (!current) return tl::unexpected(current.error());
  if (current->versions.empty()) {
    return NotFound("no sanctions list is imported yet: run `keruen lists import`");
  }
  LoadedScreener loaded;
  auto analyzer = NameAnalyzer::Create(DefaultTranslitDir());
  if (!analyzer) return tl::unexpected(analyzer.error());
  loaded.analyzer = std::move(*analyzer);
  auto screener = Screener::Build(std::move(current->entries), *loaded.analyzer);
  if (!screener) return tl::unexpected(screener.error());
  loaded.screener = std::move(*screener);
  loaded.fingerprint = VersionsFingerprint(current->versions);
  loaded.versions = std::move(current->versions);
  return loaded;
}

}  // namespace keruen::screening
