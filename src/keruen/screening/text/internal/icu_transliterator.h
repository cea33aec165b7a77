// An ICU transliterator that many threads may use at once.
//
// ICU Transliterator instances keep state while they work and must not be shared between
// threads; creating one from its rules takes milliseconds. So each thread gets its own
// instance of each transliterator, created from the ID the first time that thread needs it
// and kept for the thread's life (ICU's registry, which creation goes through, is
// thread-safe). Instances are per thread, not per analyser: two analysers share them.
#ifndef KERUEN_SCREENING_TEXT_INTERNAL_ICU_TRANSLITERATOR_H_
#define KERUEN_SCREENING_TEXT_INTERNAL_ICU_TRANSLITERATOR_H_

#include <unicode/unistr.h>

#include <cstddef>
#include <string>
#include <utility>

#include "keruen/core/error.h"

namespace keruen::screening::text_internal {

class IcuTransliterator {
 public:
  // Checks that ICU knows `id` ("Russian-Latin/BGN", "Any-Latin; Latin-ASCII").
  static Result<IcuTransliterator> Create(const std::string& id);

  // Transliterates `text` in place with the calling thread's instance.
  void Transliterate(icu::UnicodeString& text) const;

 private:
  IcuTransliterator(icu::UnicodeString id, size_t slot) : id_(std::move(id)), slot_(slot) {}
  icu::UnicodeString id_;
  size_t slot_;  // the index of this ID in every thread's table of instances
};

}  // namespace keruen::screening::text_internal

#endif  // KERUEN_SCREENING_TEXT_INTERNAL_ICU_TRANSLITERATOR_H_
