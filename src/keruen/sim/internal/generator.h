// The day-by-day generator behind Simulate(): clean trade in its realistic mix (imports,
// exports, transit, EAEU waybills) with payments and seal tracks, and the planted schemes.
// It writes to a RecordSink, so the same world goes to files or to memory.
#ifndef KERUEN_SIM_INTERNAL_GENERATOR_H_
#define KERUEN_SIM_INTERNAL_GENERATOR_H_

#include <algorithm>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/sim/internal/world.h"
#include "keruen/sim/simulator.h"

namespace keruen::sim_internal {

// Receives the generated records. Declarations and payments come tagged with their
// simulated day, in no particular order within it, until EndDay(day) says the day is
// complete (schemes plan records for later days, never for earlier ones); the sink then
// writes that day in time order (DayOrderedQueue does the sorting). Pings arrive a
// movement at a time, device by device; truth records as planted.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status Add(const Declaration& declaration, int day) = 0;
  virtual Status Add(const Payment& payment, int day) = 0;
  virtual Status Add(std::span<const SealPing> pings) = 0;
  virtual Status Add(const TruthRecord& truth) = 0;
  virtual Status EndDay(int day) = 0;
};

// Holds records (or their serialized lines) until their day is complete, then hands them
// over ordered by time, ids breaking ties, so the output is deterministic.
template <typename T>
class DayOrderedQueue {
 public:
  void Add(int day, Timestamp at, std::string id, T record) {
    days_[day].push_back(Entry{at, std::move(id), std::move(record)});
  }
  // Passes the records of `day` to `write` (returning Status) in order, then drops them.
  template <typename Write>
  Status Drain(int day, Write&& write) {
    auto node = days_.extract(day);
    if (node.empty()) return Ok();
    std::vector<Entry>& entries = node.mapped();
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.at != b.at ? a.at < b.at : a.id < b.id;
    });
    for (Entry& e : entries) {
      if (auto st = write(e.record); !st) return st;
    }
    return Ok();
  }

 private:
  struct Entry {
    Timestamp at;
    std::string id;
    T record;
  };
  std::map<int, std::vector<Entry>> days_;
};

// Generates the world of `options` (already validated) from `data` into `sink`.
Result<SimSummary> Generate(const SimOptions& options, ReferenceData& data, RecordSink& sink,
                            const std::function<void(double)>& progress);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_GENERATOR_H_
