// Goods descriptions as G5 compares them.
//
// G5 asks whether a consignor declared the same goods under another code before, and "the same
// goods" is the same description up to case, punctuation and spacing. The rule engine reads
// the descriptions of most goods items of a declaration (every item whose consignor it
// remembers), and they run to hundreds of bytes, so the normaliser is on the hot path of every
// assessment: it works sixteen bytes at a time where the text allows.
#ifndef KERUEN_RISK_INTERNAL_DESCRIPTION_H_
#define KERUEN_RISK_INTERNAL_DESCRIPTION_H_

#include <string>
#include <string_view>

namespace keruen::risk::internal {

// ASCII letters lower-cased, digits and every byte of a non-ASCII character kept, each run of
// anything else one space, none at either end: "Laptop  computers, 15\"" and
// "laptop computers 15" are the same description.
std::string NormalizedDescription(std::string_view text);

}  // namespace keruen::risk::internal

#endif  // KERUEN_RISK_INTERNAL_DESCRIPTION_H_
