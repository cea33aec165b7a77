#include "keruen/screening/text/internal/patronymics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string_view>

namespace keruen::screening::text_internal {

namespace {

// Endings of patronymics: Russian, Ukrainian and Belarusian (male, female) and their usual
// Latin spellings, and the Turkic "son of" / "daughter of" suffixes.
constexpr std::string_view kEndings[] = {
    // Cyrillic
    "ович", "евич", "ич", "овна", "евна", "ична", "инична", "івна", "ївна", "ұлы", "улы", "қызы",
    "кызы", "оглы", "огли", "угли", "уулу", "гызы",
    // Latin (ASCII-folded: "Vladimirovič" is "vladimirovic", not listed on purpose)
    "ovich", "evich", "ich", "ovych", "evych", "ovitch", "evitch", "owitsch", "ewitsch", "ovna",
    "evna", "ichna", "inichna", "ivna", "uly", "uli", "kyzy", "qizi", "kizi", "gizi", "ogly",
    "oglu", "ogli", "ugli", "uulu"};

// The same Turkic words written apart from the father's name.
// ("uli" and "ulu" are left out: "Uli" is also a given name.)
constexpr std::string_view kParticles[] = {"ұлы",  "улы",  "қызы", "кызы", "оглы", "огли", "угли",
                                           "уулу", "гызы", "uly",  "kyzy", "qyzy", "qizi", "kizi",
                                           "gizi", "ogly", "oglu", "ogli", "ugli", "uulu"};

// For each last byte, the set of `words` (bit i for words[i]) ending in it: a word is
// compared only with those ending like it, which for most words is none.
template <size_t N>
constexpr std::array<uint64_t, 256> ByLastByte(const std::string_view (&words)[N]) {
  static_assert(N <= 64);
  std::array<uint64_t, 256> sets{};
  for (size_t i = 0; i < N; ++i) {
    sets[static_cast<unsigned char>(words[i].back())] |= uint64_t{1} << i;
  }
  return sets;
}
constexpr std::array<uint64_t, 256> kEndingsByLastByte = ByLastByte(kEndings);
constexpr std::array<uint64_t, 256> kParticlesByLastByte = ByLastByte(kParticles);

// The set of `sets` for the last byte of `word` (none for an empty word).
uint64_t EndingLike(std::string_view word, const std::array<uint64_t, 256>& sets) {
  return word.empty() ? 0 : sets[static_cast<unsigned char>(word.back())];
}

size_t Letters(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool HasPatronymicEnding(std::string_view word) {
  for (uint64_t set = EndingLike(word, kEndingsByLastByte); set != 0; set &= set - 1) {
    const std::string_view ending = kEndings[std::countr_zero(set)];
    if (word.size() <= ending.size() || !word.ends_with(ending)) continue;
    const std::string_view stem = word.substr(0, word.size() - ending.size());
    if (Letters(stem) < 3) continue;
    if (ending == "ich" && (stem.back() == 'r' || stem.back() == 'w')) continue;
    return true;
  }
  return false;
}

bool IsParticle(std::string_view word) {
  for (uint64_t set = EndingLike(word, kParticlesByLastByte); set != 0; set &= set - 1) {
    if (kParticles[std::countr_zero(set)] == word) return true;
  }
  return false;
}

}  // namespace

void FindPatronymics(const std::vector<std::string_view>& keys, std::vector<NameToken>& words) {
  for (size_t i = 1; i < keys.size(); ++i) {
    if (IsParticle(keys[i]) && !words[i - 1].initial) {
      words[i].patronymic = true;
      words[i - 1].patronymic = true;
    }
  }
  const auto not_initials = static_cast<size_t>(std::count_if(
      words.begin(), words.end(), [](const NameToken& word) { return !word.initial; }));
  if (not_initials < 3) return;
  for (size_t i = 1; i < keys.size(); ++i) {
    if (!words[i].initial && !words[i].patronymic && HasPatronymicEnding(keys[i])) {
      words[i].patronymic = true;
      break;
    }
  }
}

}  // namespace keruen::screening::text_internal
