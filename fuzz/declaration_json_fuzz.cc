// Fuzz target: any bytes given to the declaration and payment parsers must come back as a
// document or an error, never a crash, and an accepted document must survive a round trip
// through the canonical writer unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "keruen/core/json_codec.h"
#include "keruen/core/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto d = keruen::ParseDeclarationJson(input)) {
    keruen::ValidateDeclaration(*d);
    auto again = keruen::ParseDeclarationJson(keruen::ToJson(*d));
    if (!again || !(*again == *d)) std::abort();
  }
  if (auto p = keruen::ParsePaymentJson(input)) {
    keruen::ValidatePayment(*p);
    auto again = keruen::ParsePaymentJson(keruen::ToJson(*p));
    if (!again || !(*again == *p)) std::abort();
  }
  return 0;
}
