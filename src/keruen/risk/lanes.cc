#include "keruen/risk/lanes.h"

#include <xxhash.h>

#include <algorithm>

#include "keruen/core/decimal_text.h"

namespace keruen::risk {
namespace {

// A uniform draw in [0, 1) from the declaration id, the seed and what the draw is for.
double Draw(std::string_view id, uint64_t seed, uint64_t purpose) {
  const uint64_t h =
      XXH3_64bits_withSeed(id.data(), id.size(), seed ^ (purpose * 0x9E3779B97F4A7C15ULL));
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 53);
}

std::string Percent(double fraction) { return FormatFixed(fraction * 100, 1) + " %"; }

std::string Points(double score) { return FormatFixed(score); }

}  // namespace

Lane LaneSelector::ByScore(double score) const {
  if (score >= config_.red_from) return Lane::kRed;
  if (score >= config_.yellow_from) return Lane::kYellow;
  if (score >= config_.blue_from) return Lane::kBlue;
  return Lane::kGreen;
}

LaneChoice LaneSelector::Select(std::string_view id, double score, Lane floor,
                                std::string_view floor_reason) {
  LaneChoice choice;
  const Lane by_score = ByScore(score);
  choice.lane = std::max(by_score, floor);
  if (by_score != Lane::kGreen && by_score >= floor) {
    const double from = by_score == Lane::kRed      ? config_.red_from
                        : by_score == Lane::kYellow ? config_.yellow_from
                                                    : config_.blue_from;
    choice.reasons.push_back("score " + Points(score) + " reaches the " +
                             std::string(LaneName(by_score)) + " threshold " + Points(from));
  }
  if (floor > by_score) {
    choice.reasons.push_back(std::string(floor_reason.empty() ? "a profile" : floor_reason) +
                             " sets the lane at least " + std::string(LaneName(floor)));
  }
  const Lane by_criteria = choice.lane;

  // Expected rates: top up the lanes the criteria under-fill, strictest first.
  if (choice.lane == Lane::kGreen && !recent_criteria_.empty()) {
    const double n = static_cast<double>(recent_criteria_.size());
    const double green_share =
        std::max(1.0, static_cast<double>(criteria_counts_[static_cast<int>(Lane::kGreen)])) / n;
    double cumulative = 0;
    const double u = Draw(id, config_.seed, 1);
    for (auto [lane, rate] :
         {std::pair{Lane::kRed, config_.red_rate}, std::pair{Lane::kYellow, config_.yellow_rate},
          std::pair{Lane::kBlue, config_.blue_rate}}) {
      // What the criteria alone send to the lane; random picks make up the rest, spread over
      // the declarations the criteria leave green.
      const double by_criteria = static_cast<double>(criteria_counts_[static_cast<int>(lane)]) / n;
      if (rate <= by_criteria) continue;
      cumulative += (rate - by_criteria) / green_share;
      if (u < cumulative) {
        choice.lane = lane;
        choice.reasons.push_back("selected at random to keep the " + std::string(LaneName(lane)) +
                                 " lane at its expected rate " + Percent(rate) +
                                 " (criteria select " + Percent(by_criteria) + " recently)");
        break;
      }
    }
  }
  // The minimum random rate, whatever the score.
  if (config_.random_rate > 0 && choice.lane < config_.random_lane &&
      Draw(id, config_.seed, 2) < config_.random_rate) {
    choice.lane = config_.random_lane;
    choice.reasons.push_back("selected at random (minimum random rate " +
                             Percent(config_.random_rate) + ")");
  }
  if (choice.reasons.empty()) {
    choice.reasons.push_back("score " + Points(score) + " is under every lane threshold");
  }

  auto remember = [this](std::deque<Lane>& q, std::array<int64_t, 4>& counts, Lane lane) {
    q.push_back(lane);
    ++counts[static_cast<int>(lane)];
    if (static_cast<int>(q.size()) > std::max(1, config_.window)) {
      --counts[static_cast<int>(q.front())];
      q.pop_front();
    }
  };
  remember(recent_criteria_, criteria_counts_, by_criteria);
  remember(recent_, counts_, choice.lane);
  return choice;
}

std::array<int64_t, 4> LaneSelector::recent_counts() const { return counts_; }

}  // namespace keruen::risk
