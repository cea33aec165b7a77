#include "keruen/risk/profile_watcher.h"

#include <fmt/format.h>

#include <system_error>
#include <utility>

namespace keruen::risk {

Result<ProfileWatcher::Stamp> ProfileWatcher::Look() const {
  std::error_code ec;
  Stamp stamp;
  stamp.mtime = std::filesystem::last_write_time(path_, ec);
  if (!ec) stamp.size = std::filesystem::file_size(path_, ec);
  if (ec) return IoError(fmt::format("cannot read {}: {}", path_, ec.message()));
  return stamp;
}

Result<std::unique_ptr<ProfileWatcher>> ProfileWatcher::Open(std::string path,
                                                             ProfileSchema schema) {
  std::unique_ptr<ProfileWatcher> watcher(new ProfileWatcher(std::move(path), std::move(schema)));
  auto changed = watcher->Poll();
  if (!changed) return tl::unexpected(changed.error());
  return watcher;
}

Result<bool> ProfileWatcher::Poll() {
  std::lock_guard<std::mutex> poll_lock(poll_mutex_);
  auto stamp = Look();
  if (stamp && seen_ && *stamp == *seen_) return false;
  // Stamp before reading: a write landing during the read changes the stamp again and is
  // picked up by the next Poll.
  Result<ProfileSet> set = stamp ? LoadProfiles(path_, schema_) : tl::unexpected(stamp.error());
  std::lock_guard<std::mutex> lock(mutex_);
  if (!set) {
    // A vanished file is reported on every Poll until it comes back; a refused version once.
    if (stamp) seen_ = *stamp;
    last_error_ = set.error();
    return tl::unexpected(set.error());
  }
  seen_ = *stamp;
  current_ = std::make_shared<const ProfileSet>(std::move(*set));
  last_error_.reset();
  ++generation_;
  return true;
}

std::shared_ptr<const ProfileSet> ProfileWatcher::current() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_;
}

std::optional<Error> ProfileWatcher::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

int64_t ProfileWatcher::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

}  // namespace keruen::risk
