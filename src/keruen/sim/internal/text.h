// Spelling tools for names: the romanizations of Cyrillic that turn one company into many
// written forms, case changes that work beyond ASCII, and the reverse trip a clerk makes
// when retyping a romanized Russian name in Cyrillic.
#ifndef KERUEN_SIM_INTERNAL_TEXT_H_
#define KERUEN_SIM_INTERNAL_TEXT_H_

#include <string>
#include <string_view>

#include "keruen/core/utf8.h"

namespace keruen::sim_internal {

// Romanization systems seen in trade documents for Russian and Kazakh Cyrillic.
//   kBgnPcgn:     geographic and press use. Ж zh, Й y, Ю yu, Я ya, Е ye at word start or
//                 after a vowel; Щ shch. "Юлия Сергеевна" -> "Yuliya Sergeyevna".
//   kIcao:        ICAO Doc 9303, the passport system. Й i, Ю iu, Я ia, Ъ ie.
//                 "Юлия Сергеевна" -> "Iuliia Sergeevna".
//   kKazakhLatin: the 2021 Kazakh Latin alphabet folded to ASCII. Ж j, Қ q, Х h.
//                 "Жибек Жолы" -> "Jibek Joly".
// Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) are covered by all three. The apostrophes BGN/PCGN
// writes for Ъ and Ь are dropped, as documents do.
enum class Romanization { kBgnPcgn, kIcao, kKazakhLatin };

// Romanizes the Cyrillic letters of `text` (other characters pass through). An upper-case
// letter gives a capitalized digraph ("Ж" -> "Zh") inside mixed-case words and an
// upper-case one ("ЖИБЕК" -> "ZHIBEK") inside upper-case words.
std::string Romanize(std::string_view text, Romanization scheme);

// Spells a romanized Russian name (BGN-like, any case) in Cyrillic, word initials in upper
// case: "RADIOTEKHSNAB" -> "Радиотехснаб", "ELEKTRONNAYA MOSKVA" -> "Электронная Москва".
// The result is what a person typing it would produce, not necessarily the original.
std::string CyrillicFromRomanized(std::string_view latin);

// Upper and lower case for ASCII, Latin-1, Latin Extended-A and Cyrillic (with Kazakh).
std::string ToUpper(std::string_view text);
std::string ToLower(std::string_view text);
// Each word (after a space, hyphen, quote or start) with an upper-case initial and the rest
// in lower case: "OOO VOLGA-TRANS" -> "Ooo Volga-Trans".
std::string ToTitle(std::string_view text);

// Replaces the Latin letters with diacritics used in the simulated European names by
// plain ASCII the way a foreign keyboard does: "Präzision Süd" -> "Praezision Sued",
// "Bałtyk" -> "Baltyk", "Rīgas" -> "Rigas".
std::string FoldToAscii(std::string_view text);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_TEXT_H_
