// Small text helpers the list importers share: trimming, the multi-value cells of the EU and
// custom CSV formats, UTF-8 checks with line numbers, and case-folded keys.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_TEXT_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::screening::lists_internal {

bool IsAsciiSpace(char c);
// Trims ASCII whitespace and no-break spaces (U+00A0), which list cells often carry.
std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
bool IsAllDigits(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// Splits a cell holding several values separated by ';'. A value that itself contains ';' or
// '"' is quoted, with inner quotes doubled ("Foo; Bar"; Baz). Spaces around values are
// dropped and empty values skipped. Fails on an unterminated quote.
Result<std::vector<std::string>> SplitMultiValue(std::string_view cell);

// The byte offset of the first malformed UTF-8 sequence in `s`, if any.
std::optional<size_t> FindInvalidUtf8(std::string_view s);
// The 1-based line that byte `offset` of `text` is on.
int64_t LineAt(std::string_view text, size_t offset);
// Refuses text that is not UTF-8, naming the line of the first bad byte.
Status CheckUtf8(std::string_view text, const std::string& source);

// Removes what some exports put around the data: a UTF-8 byte order mark in front and the
// DOS end-of-file mark (0x1A) that OFAC's legacy CSV files end with.
std::string_view StripFileMarks(std::string_view text);

// A key for "the same name": Unicode case folding, whitespace runs collapsed, trimmed.
std::string FoldedKey(std::string_view s);

// Appends `value` unless it is empty or already present (lists repeat values across rows).
void AppendUnique(std::vector<std::string>& out, std::string value);

}  // namespace keruen::screening::lists_internal

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_TEXT_H_
