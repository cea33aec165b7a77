#include "keruen/risk/internal/robust_stats.h"

#include <algorithm>
#include <cmath>

namespace keruen::risk::internal {

double MedianMad::Distance(double x) const {
  return std::fabs(x - median) / std::max(mad, kMinSpread);
}

void RollingSample::Add(double value) {
  const auto at = std::upper_bound(sorted_.begin(), sorted_.end(), value);
  if (values_.size() < capacity_) {
    values_.push_back(value);
    sorted_.insert(at, value);
    return;
  }
  // The value leaving and the one arriving: one shift of the values between them.
  const auto old = std::lower_bound(sorted_.begin(), sorted_.end(), values_[next_]);
  if (old < at) {
    std::move(old + 1, at, old);
    *(at - 1) = value;
  } else {
    std::move_backward(at, old, old + 1);
    *at = value;
  }
  values_[next_] = value;
  next_ = (next_ + 1) % capacity_;
}

std::optional<MedianMad> RollingSample::Summary(size_t min_samples) const {
  if (sorted_.empty() || sorted_.size() < min_samples) return std::nullopt;
  const std::vector<double>& v = sorted_;
  const size_t n = v.size(), mid = n / 2;
  MedianMad s;
  s.n = n;
  s.median = n % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  // The absolute deviations in ascending order are a merge of two sorted runs: the values
  // below the median walking down, and those from it up walking up. The MAD is the mid-th of
  // them (averaged with the one before when n is even), found by bisecting how many of the
  // first k + 1 come from the lower run: O(log n), not a walk of n / 2.
  const size_t split =
      static_cast<size_t>(std::lower_bound(v.begin(), v.end(), s.median) - v.begin());
  const size_t lower = split, upper = n - split;
  auto below = [&](size_t i) { return s.median - v[split - 1 - i]; };
  auto above = [&](size_t j) { return v[split + j] - s.median; };
  auto kth = [&](size_t k) {
    size_t lo = k + 1 > upper ? k + 1 - upper : 0, hi = std::min(k + 1, lower);
    while (lo < hi) {  // the first count i of lower values at which no upper one is larger
      const size_t i = lo + (hi - lo) / 2, j = k + 1 - i;
      if (j > 0 && i < lower && above(j - 1) > below(i)) {
        lo = i + 1;
      } else {
        hi = i;
      }
    }
    const size_t j = k + 1 - lo;
    if (lo == 0) return above(j - 1);
    if (j == 0) return below(lo - 1);
    return std::max(below(lo - 1), above(j - 1));
  };
  const double current = kth(mid);
  const double previous = n % 2 == 1 ? current : kth(mid - 1);
  s.mad = 1.4826 * (n % 2 == 1 ? current : (previous + current) / 2);
  return s;
}

}  // namespace keruen::risk::internal
