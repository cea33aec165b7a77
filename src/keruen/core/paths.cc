#include "keruen/core/paths.h"

#include <cstdlib>
#include <filesystem>

namespace keruen {

namespace fs = std::filesystem;

std::optional<std::string> SharedDataDir() {
  if (const char* env = std::getenv("KERUEN_DATA_DIR"); env != nullptr && *env != '\0') {
    if (fs::is_directory(env)) return std::string(env);
    return std::nullopt;
  }
  for (const fs::path& candidate :
       {fs::path("../shared/data"), fs::path(KERUEN_SOURCE_DIR) / ".." / "shared" / "data"}) {
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return std::nullopt;
}

std::string RepoDataPath(const std::string& file) {
  if (const char* env = std::getenv("KERUEN_REPO_DATA"); env != nullptr && *env != '\0') {
    return (fs::path(env) / file).string();
  }
  std::error_code ec;
  if (fs::exists(fs::path("data") / file, ec)) return (fs::path("data") / file).string();
  return (fs::path(KERUEN_SOURCE_DIR) / "data" / file).string();
}

}  // namespace keruen
