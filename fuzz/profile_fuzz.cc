// Fuzz target: any bytes given to the profile parser must come back as a set or as located
// errors, never a crash; a set that parses must evaluate against a declaration without
// trouble, and every match must explain each of its condition groups.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "keruen/risk/profile.h"

namespace {

using keruen::risk::FieldType;

keruen::risk::ProfileSchema Schema() {
  keruen::risk::ProfileSchema s;
  s.fields = {{"kind", FieldType::kText, false, ""},
              {"destination", FieldType::kText, false, ""},
              {"consignee.name", FieldType::kText, false, ""},
              {"consignee.country", FieldType::kText, false, ""},
              {"declarant.registered_on", FieldType::kDate, false, ""},
              {"item.hs", FieldType::kText, true, ""},
              {"item.value_eur", FieldType::kNumber, true, ""},
              {"rule.G1", FieldType::kNumber, false, ""}};
  s.params = {{"Q6", "min_parts", 5, 2, 100, ""}, {"G1", "weight", 30, 0, 100, ""}};
  s.rules = {"G1", "P1", "Q6"};
  return s;
}

// A declaration of three items whose texts and numbers come from the input itself, so that
// the fuzzer can steer values toward the conditions it wrote.
class Facts : public keruen::risk::FactSource {
 public:
  explicit Facts(std::string_view input) : input_(input) {}
  size_t item_count() const override { return 3; }
  std::optional<double> Number(size_t field, size_t item) const override {
    if ((field + item) % 4 == 3) return std::nullopt;
    return static_cast<double>(Byte(field * 7 + item)) * 100 - 1000;
  }
  std::optional<std::string_view> Text(size_t field, size_t item) const override {
    if (input_.empty() || (field + item) % 5 == 4) return std::nullopt;
    const size_t from = (field * 13 + item * 3) % input_.size();
    return input_.substr(from, Byte(field + item) % 12);
  }

 private:
  unsigned char Byte(size_t i) const {
    return input_.empty() ? 0 : static_cast<unsigned char>(input_[i % input_.size()]);
  }
  std::string_view input_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const keruen::risk::ProfileSchema schema = Schema();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto set = keruen::risk::ParseProfiles(input, "fuzz.krp", schema);
  if (!set) {
    if (set.error().message.rfind("fuzz.krp:", 0) != 0) std::abort();  // errors are located
    return 0;
  }
  const Facts facts(input);
  for (keruen::Date on : {0, 20514}) {
    for (const auto& match : keruen::risk::Evaluate(*set, facts, on)) {
      const keruen::risk::Profile* profile = nullptr;
      for (const auto& p : set->profiles()) {
        if (p.name == match.profile) profile = &p;
      }
      if (profile == nullptr || match.evidence.size() != profile->declaration_groups.size() +
                                                             profile->item_groups.size()) {
        std::abort();
      }
    }
  }
  return 0;
}
