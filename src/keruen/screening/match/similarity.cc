#include "keruen/screening/match/similarity.h"

#include <algorithm>
#include <memory>

namespace keruen::screening {
namespace {

// Scratch memory for one comparison: on the stack for name-sized inputs (the common case,
// thousands of calls per query), on the heap only for long strings.
template <typename T, size_t kInline>
class Scratch {
 public:
  explicit Scratch(size_t n)
      : data_(n <= kInline ? inline_ : (heap_ = std::make_unique<T[]>(n)).get()) {}
  T* data() { return data_; }

 private:
  T inline_[kInline];
  std::unique_ptr<T[]> heap_;
  T* data_;
};

}  // namespace

double JaroSimilarity(std::u32string_view a, std::u32string_view b) {
  const size_t la = a.size();
  const size_t lb = b.size();
  if (la == 0 || lb == 0) return 0.0;
  // Characters match when equal and no further apart than half the longer length, minus one.
  const size_t longer = std::max(la, lb);
  const size_t range = longer / 2 > 0 ? longer / 2 - 1 : 0;

  Scratch<bool, 128> flags(la + lb);
  bool* a_flag = flags.data();
  bool* b_flag = flags.data() + la;
  std::fill(a_flag, a_flag + la + lb, false);

  size_t common = 0;
  for (size_t i = 0; i < la; ++i) {
    const size_t lo = i >= range ? i - range : 0;
    const size_t hi = std::min(i + range, lb - 1);
    for (size_t j = lo; j <= hi; ++j) {
      if (!b_flag[j] && b[j] == a[i]) {
        a_flag[i] = b_flag[j] = true;
        ++common;
        break;
      }
    }
  }
  if (common == 0) return 0.0;

  // Matched characters that appear in a different order count as half a transposition each.
  size_t transposed = 0;
  size_t k = 0;
  for (size_t i = 0; i < la; ++i) {
    if (!a_flag[i]) continue;
    while (!b_flag[k]) ++k;
    if (a[i] != b[k]) ++transposed;
    ++k;
  }
  transposed /= 2;

  const double m = static_cast<double>(common);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) +
          (m - static_cast<double>(transposed)) / m) /
         3.0;
}

double JaroWinklerSimilarity(std::u32string_view a, std::u32string_view b) {
  double sim = JaroSimilarity(a, b);
  if (sim > 0.7) {
    const size_t max_prefix = std::min<size_t>({a.size(), b.size(), 4});
    size_t prefix = 0;
    while (prefix < max_prefix && a[prefix] == b[prefix]) ++prefix;
    sim += static_cast<double>(prefix) * 0.1 * (1.0 - sim);
  }
  return sim;
}

int BoundedLevenshtein(std::u32string_view a, std::u32string_view b, int bound) {
  bound = std::max(bound, 0);
  // Common prefixes and suffixes never need an edit; dropping them shrinks the table.
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  const int over = bound + 1;  // stands for "more than bound" in the table
  if (std::abs(n - m) > bound) return over;
  if (n == 0 || m == 0) return std::max(n, m);

  // Two rows of the edit table over `b`; only cells within `bound` of the diagonal are
  // computed, cells outside the band hold `over`.
  Scratch<int, 128> rows(2 * static_cast<size_t>(m + 1));
  int* prev = rows.data();
  int* cur = rows.data() + m + 1;
  for (int j = 0; j <= m; ++j) prev[j] = j <= bound ? j : over;

  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - bound);
    const int hi = std::min(m, i + bound);
    cur[lo - 1] = lo == 1 ? std::min(i, over) : over;
    int row_min = cur[lo - 1];
    for (int j = lo; j <= hi; ++j) {
      const int substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      const int cell = std::min({substitute, prev[j] + 1, cur[j - 1] + 1, over});
      cur[j] = cell;
      row_min = std::min(row_min, cell);
    }
    if (hi < m) cur[hi + 1] = over;
    if (row_min > bound) return over;
    std::swap(prev, cur);
  }
  return prev[m];
}

int LevenshteinDistance(std::u32string_view a, std::u32string_view b) {
  return BoundedLevenshtein(a, b, static_cast<int>(std::max(a.size(), b.size())));
}

}  // namespace keruen::screening
