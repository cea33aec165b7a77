#include "keruen/sim/internal/random.h"

#include <cassert>
#include <cmath>
#include <string>

namespace keruen::sim_internal {
namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& s : s_) s = SplitMix64(state);
}

uint64_t Rng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

int64_t Rng::Int(int64_t lo, int64_t hi) {
  assert(lo <= hi);
  const uint64_t range = static_cast<uint64_t>(hi - lo) + 1;
  if (range == 0) return static_cast<int64_t>(Next());  // the full 64-bit range
  // Lemire's multiply-shift; the bias (< range / 2^64) is far below anything observable.
  const unsigned __int128 product = static_cast<unsigned __int128>(Next()) * range;
  return lo + static_cast<int64_t>(product >> 64);
}

double Rng::LogUniform(double lo, double hi) {
  assert(lo > 0 && lo <= hi);
  return lo * std::exp(Uniform() * std::log(hi / lo));
}

size_t Rng::Weighted(std::span<const double> weights) {
  double total = 0;
  for (double w : weights) total += w;
  assert(total > 0);
  double x = Uniform() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  // Rounding can leave x just above the last weight: return the last non-zero entry.
  for (size_t i = weights.size(); i-- > 0;) {
    if (weights[i] > 0) return i;
  }
  return 0;
}

std::string Rng::Digits(int n) {
  std::string out(static_cast<size_t>(n), '0');
  for (char& c : out) c = static_cast<char>('0' + Int(0, 9));
  return out;
}

Rng Rng::Fork(uint64_t tag) {
  uint64_t state = Next() ^ (tag * 0xD1B54A32D192ED03ULL);
  return Rng(SplitMix64(state));
}

}  // namespace keruen::sim_internal
