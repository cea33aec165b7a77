// Lanes: where a declaration goes after the risk engine has scored it.
//
// green   release;
// blue    release now, audit after clearance;
// yellow  documentary check;
// red     physical examination.
// Lanes are ordered by how much they hold the goods up: green < blue < yellow < red, and a
// "lane at least X" from a profile or a rule never lowers a declaration's lane.
//
// Selection follows ASYCUDA's selectivity module:
// - criteria: the score sends a declaration to the strictest lane whose threshold it reaches;
//   profiles may set a floor ("lane at least red");
// - expected rates: each of red, yellow and blue may have an expected selection rate. When the
//   criteria selected fewer declarations for a lane than expected over the recent window,
//   declarations the criteria left green are topped up into it at random, lanes filled in the
//   order red, yellow, blue. Criteria are never undone to keep to a rate: a rate is a floor;
// - a minimum random rate: that share of all declarations is sent at random to a stricter
//   lane whatever their score, so that no trader can learn the criteria by testing them.
// Random draws are a hash of the declaration id and a seed, not a generator: the same
// declaration assessed again gets the same lane, and an auditor can recompute it.
//
// Not thread-safe: one selector per assessing thread (the window is per selector).
#ifndef KERUEN_RISK_LANES_H_
#define KERUEN_RISK_LANES_H_

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keruen::risk {

enum class Lane { kGreen, kBlue, kYellow, kRed };
inline constexpr Lane kAllLanes[] = {Lane::kGreen, Lane::kBlue, Lane::kYellow, Lane::kRed};
constexpr std::string_view LaneName(Lane lane) {
  switch (lane) {
    case Lane::kGreen:
      return "green";
    case Lane::kBlue:
      return "blue";
    case Lane::kYellow:
      return "yellow";
    case Lane::kRed:
      return "red";
  }
  return "?";
}
constexpr std::optional<Lane> ParseLane(std::string_view name) {
  for (Lane lane : kAllLanes) {
    if (LaneName(lane) == name) return lane;
  }
  return std::nullopt;
}

struct LaneConfig {
  // A score at or above a threshold selects the lane (the strictest one reached wins).
  double red_from = 80;
  double yellow_from = 40;
  double blue_from = 25;
  // Expected selection rates (0 to 1; 0: none). Astana-1 at one post in 2025: 78.5 % green,
  // 20.1 % yellow, about 1 % red; the defaults leave rates to the criteria.
  double red_rate = 0;
  double yellow_rate = 0;
  double blue_rate = 0;
  // The minimum random rate and the lane its picks go to.
  double random_rate = 0.01;
  Lane random_lane = Lane::kYellow;
  // Declarations over which the expected rates are kept.
  int window = 1000;
  uint64_t seed = 0x6b657275656eULL;
};

struct LaneChoice {
  Lane lane = Lane::kGreen;
  std::vector<std::string> reasons;  // why this lane, one line each
};

class LaneSelector {
 public:
  explicit LaneSelector(LaneConfig config = {}) : config_(config) {}

  // The lane of declaration `id` with `score`, never below `floor` (`floor_reason` says why
  // the floor was set, when it is above green).
  LaneChoice Select(std::string_view id, double score, Lane floor = Lane::kGreen,
                    std::string_view floor_reason = {});

  const LaneConfig& config() const { return config_; }
  void set_config(const LaneConfig& config) { config_ = config; }
  // How many of the last `window` declarations each lane received (index = Lane value).
  std::array<int64_t, 4> recent_counts() const;

 private:
  Lane ByScore(double score) const;

  LaneConfig config_;
  std::deque<Lane> recent_criteria_;  // lanes chosen by criteria (score and floors)
  std::array<int64_t, 4> criteria_counts_{};
  std::deque<Lane> recent_;  // lanes given
  std::array<int64_t, 4> counts_{};
};

}  // namespace keruen::risk

#endif  // KERUEN_RISK_LANES_H_
