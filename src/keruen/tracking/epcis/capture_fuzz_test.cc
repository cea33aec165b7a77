// Randomised robustness test for the capture entry point: the GS1 and OpenEPCIS examples,
// truncated and with bytes flipped, inserted or deleted. Every input must come back as
// events or as an error with a message; a crash, hang or sanitizer report fails the run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/tracking/epcis/capture.h"

namespace keruen::tracking {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ExampleBodies() {
  std::vector<std::string> out;
  auto dir = SharedDataDir();
  if (!dir) return out;
  for (const char* sub :
       {"tracking/epcis/JSON", "tracking/epcis-openepcis-test-resources/2.0/EPCIS/JSON"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(*dir) / sub)) {
      const auto ext = e.path().extension();
      if (!e.is_regular_file() || (ext != ".json" && ext != ".jsonld")) continue;
      if (auto text = ReadFile(e.path().string())) out.push_back(std::move(*text));
    }
  }
  return out;
}

TEST(EpcisCaptureFuzzTest, MutatedExamplesNeverCrash) {
  const std::vector<std::string> bodies = ExampleBodies();
  ASSERT_GE(bodies.size(), 60u) << "shared data not found; set KERUEN_DATA_DIR";
  std::mt19937_64 rng(20260302);
  // Bytes that change JSON structure more often than random ones do.
  const std::string kInteresting("{}[]\":,\\0-+.eE \x80\xff\x00tfn", 21);
  EpcisParser parser;
  size_t accepted = 0, refused = 0;
  for (const std::string& body : bodies) {
    for (int round = 0; round < 200; ++round) {
      std::string m = body;
      std::uniform_int_distribution<size_t> pos(0, m.empty() ? 0 : m.size() - 1);
      switch (round % 4) {
        case 0:  // truncation
          m.resize(pos(rng));
          break;
        case 1:  // byte flips
          for (int i = 0; i < 1 + round % 7; ++i)
            m[pos(rng)] ^= static_cast<char>(1 << (rng() % 8));
          break;
        case 2:  // structural bytes written over the text
          for (int i = 0; i < 1 + round % 5; ++i)
            m[pos(rng)] = kInteresting[rng() % kInteresting.size()];
          break;
        case 3: {  // a span deleted
          const size_t at = pos(rng);
          m.erase(at, std::min<size_t>(rng() % 64, m.size() - at));
          break;
        }
      }
      auto result = parser.ParseCapture(m, 0);
      if (result) {
        ++accepted;
      } else {
        ++refused;
        EXPECT_FALSE(result.error().message.empty());
      }
      // The one-shot entry point must agree with the reused parser.
      if (round % 8 == 0) {
        EXPECT_EQ(ParseEpcisCapture(m, 0).has_value(), result.has_value());
      }
    }
  }
  // Most mutations break a document; a few (flips inside a string) do not.
  EXPECT_GT(refused, accepted);
}

}  // namespace
}  // namespace keruen::tracking
