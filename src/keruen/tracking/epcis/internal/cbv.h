// The GS1 Core Business Vocabulary (CBV 2.0) lists EPCIS uses, and the spellings a value
// arrives in.
//
// A standard value is written three ways in the wild: the bare word of EPCIS 2.0 JSON
// ("arriving"), the EPCIS 1.x URN ("urn:epcglobal:cbv:bizstep:arriving") and the CBV 2.0
// web URI ("https://ref.gs1.org/cbv/BizStep-arriving", or the CURIE "cbv:BizStep-arriving"
// of the standard @context). Queries and the tracking engine compare values, so every
// spelling is folded to the bare word; custom values (any other URI) are kept as written.
#ifndef KERUEN_TRACKING_EPCIS_INTERNAL_CBV_H_
#define KERUEN_TRACKING_EPCIS_INTERNAL_CBV_H_

#include <string>
#include <string_view>

#include "keruen/core/error.h"

namespace keruen::tracking::internal {

// The CBV vocabularies a field of an event draws from.
enum class CbvVocabulary {
  kBizStep,
  kDisposition,
  kBizTransactionType,
  kSourceDestType,
  kErrorReason,
};

// The canonical form of `value` for `vocabulary`: the bare word for a standard value in
// any of its spellings, the value itself for a custom URI. An error (message only; the
// caller adds the field) for a bare word that is not standard ("transforming") and for a
// URI in a namespace the schema reserves for standard terms (urn:epcglobal:cbv:...,
// ns.gs1.org/cbv/) naming a term the CBV does not define.
Result<std::string> CanonicalCbvValue(CbvVocabulary vocabulary, std::string_view value);

// True when `text` is an absolute URI in the sense JSON Schema's "uri" format checks: a
// scheme (a letter, then letters, digits, '+', '-' or '.'), a ':', and a non-empty rest
// without spaces or control characters. CURIEs ("example:field") pass, as they do for
// the standard's own schema.
bool IsUri(std::string_view text);

}  // namespace keruen::tracking::internal

#endif  // KERUEN_TRACKING_EPCIS_INTERNAL_CBV_H_
