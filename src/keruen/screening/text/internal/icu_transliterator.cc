#include "keruen/screening/text/internal/icu_transliterator.h"

#include <unicode/translit.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace keruen::screening::text_internal {

namespace {

icu::Transliterator* NewInstance(const icu::UnicodeString& id, UErrorCode& status) {
  UParseError parse_error;
  return icu::Transliterator::createInstance(id, UTRANS_FORWARD, parse_error, status);
}

// One slot per distinct ID, for the life of the process.
size_t SlotFor(const std::string& id) {
  static std::mutex mutex;
  static std::map<std::string, size_t> slots;
  const std::lock_guard<std::mutex> lock(mutex);
  return slots.try_emplace(id, slots.size()).first->second;
}

}  // namespace

Result<IcuTransliterator> IcuTransliterator::Create(const std::string& id) {
  icu::UnicodeString unicode_id = icu::UnicodeString::fromUTF8(id);
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<icu::Transliterator> probe(NewInstance(unicode_id, status));
  if (U_FAILURE(status)) {
    return MakeError(ErrorCode::kInternal,
                     "ICU has no transliterator " + id + ": " + u_errorName(status));
  }
  return IcuTransliterator(std::move(unicode_id), SlotFor(id));
}

void IcuTransliterator::Transliterate(icu::UnicodeString& text) const {
  thread_local std::vector<std::unique_ptr<icu::Transliterator>> instances;
  if (instances.size() <= slot_) instances.resize(slot_ + 1);
  std::unique_ptr<icu::Transliterator>& instance = instances[slot_];
  if (instance == nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    instance.reset(NewInstance(id_, status));
    // Create() made one from the same ID, so this fails only when memory runs out; the text
    // is then left as it was.
    if (U_FAILURE(status)) {
      instance.reset();
      return;
    }
  }
  instance->transliterate(text);
}

}  // namespace keruen::screening::text_internal
