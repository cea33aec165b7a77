// Throughput of the CC015C importer with and without XSD validation, on the HMRC sample and
// on a synthetic declaration at the NCTS limit of 1,999 goods items.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "keruen/core/paths.h"
#include "keruen/ingest/ncts/ncts_cc015c.h"

namespace keruen {
namespace {

std::string NctsDir() { return SharedDataDir().value_or("") + "/tracking/ncts"; }

std::string ReadSample(const std::string& name) {
  std::ifstream in(NctsDir() + "/phase5_v51.8.6/samples/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// cc015c-valid-2.xml grown to the NCTS limit of 1,999 goods items, in two house
// consignments since the XSD allows at most 999 items in one.
std::string LargeDeclaration() {
  const std::string base = ReadSample("cc015c-valid-2.xml");
  const std::string item_end = "</ConsignmentItem>";
  const size_t house_begin = base.find("<HouseConsignment>");
  const size_t item_begin = base.find("<ConsignmentItem>");
  const size_t item_end_at = base.find(item_end) + item_end.size();
  const size_t house_end =
      base.find("</HouseConsignment>") + std::string("</HouseConsignment>").size();
  const std::string house_head = base.substr(house_begin, item_begin - house_begin);
  const std::string item = base.substr(item_begin, item_end_at - item_begin);
  const std::string house_tail = base.substr(item_end_at, house_end - item_end_at);
  const std::string number = "<declarationGoodsItemNumber>1<";
  std::string houses;
  for (int first : {1, 1000}) {
    houses += house_head;
    for (int i = first; i < first + 999 && i <= 1999; ++i) {
      std::string copy = item;
      copy.replace(copy.find(number), number.size(),
                   "<declarationGoodsItemNumber>" + std::to_string(i) + "<");
      houses += copy;
    }
    houses += house_tail;
  }
  return base.substr(0, house_begin) + houses + base.substr(house_end);
}

void Run(benchmark::State& state, const std::string& xml, bool xsd) {
  NctsOptions options;
  if (xsd) options.schema_dir = NctsDir();
  if (!ParseCc015c(xml, options).has_value()) {
    state.SkipWithError("sample does not import");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(ParseCc015c(xml, options));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * xml.size()));
}

void BM_Sample(benchmark::State& state) {
  Run(state, ReadSample("cc015c-valid-2.xml"), state.range(0) != 0);
}
BENCHMARK(BM_Sample)->ArgName("xsd")->Arg(0)->Arg(1);

void BM_LargeDeclaration(benchmark::State& state) {
  static const std::string xml = LargeDeclaration();
  Run(state, xml, state.range(0) != 0);
  state.counters["items_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()) * 1999,
                                                     benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LargeDeclaration)->ArgName("xsd")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen

BENCHMARK_MAIN();
