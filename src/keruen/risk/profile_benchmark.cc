// Evaluating profiles sits in the release path (10 ms p99 for the whole decision): these
// benchmarks measure one declaration of 5 goods items against the example file (6 profiles)
// and against 200 profiles, and the parse of a file.
#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <vector>

#include "keruen/risk/profile.h"

namespace keruen::risk {
namespace {

enum Field {
  kKind,
  kDestination,
  kDeclarantBin,
  kRegisteredOn,
  kConsigneeName,
  kConsigneeCountry,
  kConsignorCountry,
  kItemHs,
  kItemOrigin,
  kItemValue,
  kRuleG1,
  kFieldCount
};

ProfileSchema Schema() {
  ProfileSchema s;
  s.fields = {{"kind", FieldType::kText, false, ""},
              {"destination", FieldType::kText, false, ""},
              {"declarant.bin", FieldType::kText, false, ""},
              {"declarant.registered_on", FieldType::kDate, false, ""},
              {"consignee.name", FieldType::kText, false, ""},
              {"consignee.country", FieldType::kText, false, ""},
              {"consignor.country", FieldType::kText, false, ""},
              {"item.hs", FieldType::kText, true, ""},
              {"item.origin", FieldType::kText, true, ""},
              {"item.value_eur", FieldType::kNumber, true, ""},
              {"rule.G1", FieldType::kNumber, false, ""}};
  s.params = {{"Q6", "min_parts", 5, 2, 100, ""},
              {"Q6", "window_days", 30, 1, 365, ""},
              {"P1", "window_days", 180, 1, 3650, ""}};
  return s;
}

// An export of five items toward Russia through a trading house; the last item is a chip.
class Declaration : public FactSource {
 public:
  size_t item_count() const override { return hs_.size(); }
  std::optional<double> Number(size_t field, size_t item) const override {
    if (field == kItemValue) return values_[item];
    if (field == kRegisteredOn) return 19500;
    if (field == kRuleG1) return 0.8;
    return std::nullopt;
  }
  std::optional<std::string_view> Text(size_t field, size_t item) const override {
    switch (field) {
      case kKind:
        return "export";
      case kDestination:
        return "RU";
      case kDeclarantBin:
        return "210540012345";
      case kConsigneeName:
        return "OOO Vostok Trading House";
      case kConsigneeCountry:
        return "RU";
      case kConsignorCountry:
        return "KZ";
      case kItemHs:
        return hs_[item];
      case kItemOrigin:
        return "DE";
      default:
        return std::nullopt;
    }
  }

 private:
  std::array<std::string_view, 5> hs_{"39269097", "73181558", "8481.80.59", "90318020",
                                      "8542.31.90"};
  std::array<double, 5> values_{1200, 300, 4800, 9000, 26000};
};

std::string ManyProfiles(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "profile p" + std::to_string(i) + "\n  when item.hs starts with " +
            std::to_string(8400 + i % 100) + ", 85" + std::to_string(10 + i % 90) +
            "\n   and destination in RU, BY, AM\n   and item.value_eur > " +
            std::to_string(1000 * (i % 20)) +
            "\n   and consignee.name contains trading, logistics\n  score +10\nend\n";
  }
  return text;
}

const Date kOn = 20514;  // 2026-03-02

void BM_EvaluateExample(benchmark::State& state) {
  const ProfileSet set =
      *LoadProfiles(KERUEN_SOURCE_DIR "/src/keruen/risk/testdata/example.krp", Schema());
  const Declaration d;
  for (auto _ : state) benchmark::DoNotOptimize(Evaluate(set, d, kOn));
}
BENCHMARK(BM_EvaluateExample);

void BM_Evaluate200Profiles(benchmark::State& state) {
  const ProfileSet set = *ParseProfiles(ManyProfiles(200), "many.krp", Schema());
  const Declaration d;
  size_t matches = 0;
  for (auto _ : state) {
    const auto m = Evaluate(set, d, kOn);
    matches = m.size();
    benchmark::DoNotOptimize(m);
  }
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_Evaluate200Profiles);

void BM_Parse200Profiles(benchmark::State& state) {
  const std::string text = ManyProfiles(200);
  const ProfileSchema schema = Schema();
  for (auto _ : state) benchmark::DoNotOptimize(ParseProfiles(text, "many.krp", schema));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Parse200Profiles);

}  // namespace
}  // namespace keruen::risk

BENCHMARK_MAIN();
