#include "keruen/risk/internal/robust_stats.h"

#include <algorithm>
#include <cmath>

namespace keruen::risk::internal {
namespace {

// The median of `v`, reordering it.
double MedianOf(std::vector<double>& v) {
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2 == 1) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace

void RollingSample::Add(double value) {
  if (values_.size() < capacity_) {
    values_.push_back(value);
    return;
  }
  values_[next_] = value;
  next_ = (next_ + 1) % capacity_;
}

std::optional<MedianMad> RollingSample::Summary(size_t min_samples) const {
  if (values_.empty() || values_.size() < min_samples) return std::nullopt;
  std::vector<double> work = values_;
  MedianMad s;
  s.n = work.size();
  s.median = MedianOf(work);
  for (double& x : work) x = std::fabs(x - s.median);
  s.mad = 1.4826 * MedianOf(work);
  return s;
}

}  // namespace keruen::risk::internal
