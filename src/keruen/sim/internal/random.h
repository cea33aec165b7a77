// The simulator's source of randomness: xoshiro256** seeded through splitmix64, and the
// handful of distributions the world needs, all written out here.
//
// Why not <random>: std::mt19937_64 is specified, but std::uniform_int_distribution and
// friends are not, so the same seed can give different worlds with another standard
// library. Every draw here is a fixed formula over the 64-bit stream, so a seed names one
// world everywhere.
#ifndef KERUEN_SIM_INTERNAL_RANDOM_H_
#define KERUEN_SIM_INTERNAL_RANDOM_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

namespace keruen::sim_internal {

// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
uint64_t SplitMix64(uint64_t& state);

class Rng {
 public:
  explicit Rng(uint64_t seed);

  uint64_t Next();

  // Uniform in [0, 1), 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [lo, hi], both inclusive; requires lo <= hi.
  int64_t Int(int64_t lo, int64_t hi);
  bool Chance(double p) { return Uniform() < p; }
  // Log-uniform in [lo, hi] (0 < lo <= hi): each order of magnitude equally likely, the
  // shape of prices, masses and consignment values.
  double LogUniform(double lo, double hi);
  // An index drawn with probability proportional to `weights[i]` (all >= 0, sum > 0).
  size_t Weighted(std::span<const double> weights);
  size_t Weighted(std::initializer_list<double> weights) {
    return Weighted(std::span<const double>(weights.begin(), weights.size()));
  }
  // `n` decimal digits (leading zeros allowed).
  std::string Digits(int n);

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Int(0, static_cast<int64_t>(items.size()) - 1))];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return Pick(std::span<const T>(items));
  }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return Pick(std::span<const T>(items));
  }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return Pick(std::span<const T>(items, N));
  }

  // An independent stream for a sub-task, so that the sub-task can draw as many numbers as
  // it needs without shifting the draws of everything after it.
  Rng Fork(uint64_t tag);

 private:
  uint64_t s_[4];
};

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_RANDOM_H_
