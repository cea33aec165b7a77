#include "keruen/risk/internal/robust_stats.h"

#include <algorithm>
#include <cmath>

namespace keruen::risk::internal {

double MedianMad::Distance(double x) const {
  return std::fabs(x - median) / std::max(mad, kMinSpread);
}

void RollingSample::Add(double value) {
  if (values_.size() < capacity_) {
    values_.push_back(value);
  } else {
    const auto old = std::lower_bound(sorted_.begin(), sorted_.end(), values_[next_]);
    sorted_.erase(old);
    values_[next_] = value;
    next_ = (next_ + 1) % capacity_;
  }
  sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), value), value);
}

std::optional<MedianMad> RollingSample::Summary(size_t min_samples) const {
  if (sorted_.empty() || sorted_.size() < min_samples) return std::nullopt;
  const std::vector<double>& v = sorted_;
  const size_t n = v.size(), mid = n / 2;
  MedianMad s;
  s.n = n;
  s.median = n % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  // The absolute deviations in ascending order are a merge of the values below the median
  // (walking down) and those from it up (walking up); the MAD wants the mid-th of them, and
  // the one before it when n is even.
  size_t below = static_cast<size_t>(std::lower_bound(v.begin(), v.end(), s.median) - v.begin());
  size_t above = below;
  double previous = 0, current = 0;
  for (size_t k = 0; k <= mid; ++k) {
    const bool take_below = above == n || (below > 0 && std::fabs(v[below - 1] - s.median) <
                                                            std::fabs(v[above] - s.median));
    previous = current;
    current = take_below ? std::fabs(v[--below] - s.median) : std::fabs(v[above++] - s.median);
  }
  s.mad = 1.4826 * (n % 2 == 1 ? current : (previous + current) / 2);
  return s;
}

}  // namespace keruen::risk::internal
