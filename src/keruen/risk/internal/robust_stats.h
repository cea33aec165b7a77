// Robust location and spread of a stream of values, for the price rules (Q3, Q4).
//
// Prices are heavy-tailed: the mean and the standard deviation are dragged by the outliers the
// rules look for. The median and the median absolute deviation (MAD) are not. Each sample
// keeps the latest `capacity` values (a ring), so the reference follows the market as it moves
// (prices after 2022 are the catalogue's reference, and a quarter is the catalogue's window).
//
// Every goods item asks for a summary, so the values are also kept sorted (a new value costs
// one shift of at most `capacity` doubles): the median is then read off, and the MAD found by
// bisection in the two sorted runs of deviations either side of it, with no copy and no
// selection per question.
#ifndef KERUEN_RISK_INTERNAL_ROBUST_STATS_H_
#define KERUEN_RISK_INTERNAL_ROBUST_STATS_H_

#include <cstddef>
#include <optional>
#include <vector>

namespace keruen::risk::internal {

struct MedianMad {
  double median = 0;
  double mad = 0;  // median of |x - median|, scaled by 1.4826 to estimate a standard deviation
  size_t n = 0;

  // How many scaled MADs `x` lies from the median. The spread counts as at least kMinSpread:
  // a market of identical prices (MAD 0) would make any other price infinitely far.
  static constexpr double kMinSpread = 0.05;
  double Distance(double x) const;
};

class RollingSample {
 public:
  explicit RollingSample(size_t capacity = 256) : capacity_(capacity) {}

  void Add(double value);
  size_t size() const { return values_.size(); }
  // Nullopt with fewer than `min_samples` values.
  std::optional<MedianMad> Summary(size_t min_samples) const;

 private:
  size_t capacity_;
  size_t next_ = 0;             // where the next value goes once full
  std::vector<double> values_;  // in arrival order (the ring)
  std::vector<double> sorted_;  // the same values, ascending
};

}  // namespace keruen::risk::internal

#endif  // KERUEN_RISK_INTERNAL_ROBUST_STATS_H_
