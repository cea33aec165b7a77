// Reloading a profile file without restarting the server.
//
// The server calls Poll() now and then (say every few seconds); when the file's modification
// time or size changed, it is parsed again and, if it is correct, replaces the current set in
// one swap. A file with mistakes is refused and the previous set stays in force, so a typo
// saved by an analyst never leaves the release path without profiles; the mistakes wait in
// last_error() for the analyst to read.
//
// Readers call current() and keep the shared_ptr for the whole of one decision, so a reload
// in the middle of a decision cannot mix two versions of the file.
#ifndef KERUEN_RISK_PROFILE_WATCHER_H_
#define KERUEN_RISK_PROFILE_WATCHER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "keruen/core/error.h"
#include "keruen/risk/profile.h"

namespace keruen::risk {

class ProfileWatcher {
 public:
  // Loads `path` now. Fails when that first load fails: a server should not start on a
  // broken file (reloads after that keep the previous set instead).
  static Result<std::unique_ptr<ProfileWatcher>> Open(std::string path, ProfileSchema schema);

  ProfileWatcher(const ProfileWatcher&) = delete;
  ProfileWatcher& operator=(const ProfileWatcher&) = delete;

  // Reloads when the file changed since the last look. Returns true when a new set is in
  // place, false when nothing changed, and the error when the changed file was refused (or
  // cannot be read); each refused version is reported once, and stays in last_error() until
  // a good version loads. Safe to call from any thread; concurrent calls are serialised.
  Result<bool> Poll();

  // The set in force. Thread-safe.
  std::shared_ptr<const ProfileSet> current() const;
  // Why the latest version of the file was refused, or nullopt when the set in force is the
  // latest version.
  std::optional<Error> last_error() const;
  // How many times a set was installed, the first load included.
  int64_t generation() const;
  const std::string& path() const { return path_; }

 private:
  struct Stamp {
    std::filesystem::file_time_type mtime;
    uintmax_t size = 0;
    bool operator==(const Stamp&) const = default;
  };

  ProfileWatcher(std::string path, ProfileSchema schema)
      : path_(std::move(path)), schema_(std::move(schema)) {}
  Result<Stamp> Look() const;

  const std::string path_;
  const ProfileSchema schema_;
  std::mutex poll_mutex_;      // one Poll at a time
  std::optional<Stamp> seen_;  // guarded by poll_mutex_

  mutable std::mutex mutex_;  // guards the three below
  std::shared_ptr<const ProfileSet> current_;
  std::optional<Error> last_error_;
  int64_t generation_ = 0;
};

}  // namespace keruen::risk

#endif  // KERUEN_RISK_PROFILE_WATCHER_H_
