// Where Keruen finds its data.
//
// Two places: the shared reference data (sanctions lists, HS nomenclature, NCTS samples;
// `KERUEN_DATA_DIR`, default ../shared/data) and the small tables committed with the code
// (`KERUEN_REPO_DATA`, default the repository's data/ folder). Nothing is copied from the
// first into the second.
#ifndef KERUEN_CORE_PATHS_H_
#define KERUEN_CORE_PATHS_H_

#include <optional>
#include <string>

namespace keruen {

// The shared data directory when it exists: $KERUEN_DATA_DIR, else ../shared/data, else
// ../../shared/data relative to the source tree. Empty when none exists.
std::optional<std::string> SharedDataDir();

// Path of a committed reference table, e.g. RepoDataPath("border_posts.csv").
std::string RepoDataPath(const std::string& file);

}  // namespace keruen

#endif  // KERUEN_CORE_PATHS_H_
