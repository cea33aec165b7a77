// Screening for a long-running process (the HTTP server): a screener over the store's
// current lists that follows list updates made by any process sharing the store.
//
// Building the index takes a second or two, so it is built once and shared; every
// `recheck_seconds` a caller compares the stored list versions with the ones it was built
// over and rebuilds when they differ. Requests arriving during a rebuild keep using the
// previous screener rather than waiting.
#ifndef KERUEN_SCREENING_LIVE_SCREENING_H_
#define KERUEN_SCREENING_LIVE_SCREENING_H_

#include <memory>
#include <mutex>

#include "keruen/core/error.h"
#include "keruen/core/time.h"
#include "keruen/screening/party_screening.h"
#include "keruen/screening/watchlists.h"
#include "keruen/store/store.h"

namespace keruen::screening {

class LiveScreening {
 public:
  struct Current {
    LoadedScreener loaded;
    std::unique_ptr<PartyScreening> parties;  // over loaded.screener
  };

  // `store` and `clock` must outlive this object.
  LiveScreening(Store& store, const Clock& clock, int64_t recheck_seconds = 10);

  // The screener over the current lists; kNotFound while no list is imported.
  Result<std::shared_ptr<Current>> Get();

 private:
  Result<std::shared_ptr<Current>> Rebuild();

  Store& store_;
  const Clock& clock_;
  const int64_t recheck_seconds_;
  std::mutex state_mutex_;    // guards current_ and checked_at_
  std::mutex rebuild_mutex_;  // held by the one caller rebuilding
  std::shared_ptr<Current> current_;
  Timestamp checked_at_ = 0;
};

}  // namespace keruen::screening

#endif  // KERUEN_SCREENING_LIVE_SCREENING_H_
