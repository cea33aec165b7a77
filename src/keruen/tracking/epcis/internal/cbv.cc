#include "keruen/tracking/epcis/internal/cbv.h"

#include <algorithm>
#include <array>
#include <optional>
#include <span>

namespace keruen::tracking::internal {
namespace {

// Standard values, as the EPCIS 2.0 JSON Schema enumerates them (schemas/*-JSON-Schema.json).
constexpr std::array<std::string_view, 41> kBizSteps = {"accepting",
                                                        "arriving",
                                                        "assembling",
                                                        "collecting",
                                                        "commissioning",
                                                        "consigning",
                                                        "creating_class_instance",
                                                        "cycle_counting",
                                                        "decommissioning",
                                                        "departing",
                                                        "destroying",
                                                        "disassembling",
                                                        "dispensing",
                                                        "encoding",
                                                        "entering_exiting",
                                                        "holding",
                                                        "inspecting",
                                                        "installing",
                                                        "killing",
                                                        "loading",
                                                        "other",
                                                        "packing",
                                                        "picking",
                                                        "receiving",
                                                        "removing",
                                                        "repackaging",
                                                        "repairing",
                                                        "replacing",
                                                        "reserving",
                                                        "retail_selling",
                                                        "shipping",
                                                        "staging_outbound",
                                                        "stock_taking",
                                                        "stocking",
                                                        "storing",
                                                        "transporting",
                                                        "unloading",
                                                        "unpacking",
                                                        "void_shipping",
                                                        "sensor_reporting",
                                                        "sampling"};
constexpr std::array<std::string_view, 33> kDispositions = {"active",
                                                            "container_closed",
                                                            "damaged",
                                                            "destroyed",
                                                            "dispensed",
                                                            "disposed",
                                                            "encoded",
                                                            "expired",
                                                            "in_progress",
                                                            "in_transit",
                                                            "inactive",
                                                            "no_pedigree_match",
                                                            "non_sellable_other",
                                                            "partially_dispensed",
                                                            "recalled",
                                                            "reserved",
                                                            "retail_sold",
                                                            "returned",
                                                            "sellable_accessible",
                                                            "sellable_not_accessible",
                                                            "stolen",
                                                            "unknown",
                                                            "available",
                                                            "completeness_verified",
                                                            "completeness_inferred",
                                                            "conformant",
                                                            "container_open",
                                                            "mismatch_instance",
                                                            "mismatch_class",
                                                            "mismatch_quantity",
                                                            "needs_replacement",
                                                            "non_conformant",
                                                            "unavailable"};
constexpr std::array<std::string_view, 13> kBizTransactionTypes = {
    "bol",       "cert",   "desadv", "inv",     "pedigree", "po",   "poc",
    "prodorder", "recadv", "rma",    "testprd", "testres",  "upevt"};
constexpr std::array<std::string_view, 3> kSourceDestTypes = {"owning_party", "possessing_party",
                                                              "location"};
constexpr std::array<std::string_view, 2> kErrorReasons = {"did_not_occur", "incorrect_data"};

struct VocabularySpelling {
  std::span<const std::string_view> values;
  std::string_view urn_prefix;   // EPCIS 1.x: "urn:epcglobal:cbv:bizstep:"
  std::string_view web_term;     // CBV 2.0: "BizStep-" after a CBV namespace
  std::string_view description;  // for messages
};

VocabularySpelling SpellingOf(CbvVocabulary v) {
  switch (v) {
    case CbvVocabulary::kBizStep:
      return {kBizSteps, "urn:epcglobal:cbv:bizstep:", "BizStep-", "business step"};
    case CbvVocabulary::kDisposition:
      return {kDispositions, "urn:epcglobal:cbv:disp:", "Disp-", "disposition"};
    case CbvVocabulary::kBizTransactionType:
      return {kBizTransactionTypes, "urn:epcglobal:cbv:btt:", "BTT-", "business transaction type"};
    case CbvVocabulary::kSourceDestType:
      return {kSourceDestTypes, "urn:epcglobal:cbv:sdt:", "SDT-", "source/destination type"};
    case CbvVocabulary::kErrorReason:
      return {kErrorReasons, "urn:epcglobal:cbv:er:", "ER-", "error reason"};
  }
  return {};
}

// Namespaces under which CBV terms are published. The EPCIS 1.x URNs and the draft
// ns.gs1.org namespace are reserved by the schema ("vocab-other-uri"): only standard terms
// may be written there. The published CBV 2.0 namespace (and its "cbv:" CURIE from the
// standard @context) is not reserved, so a term there that is not standard is treated
// like any other custom URI; the OpenEPCIS valid examples use "cbv:my_own_party".
constexpr std::array<std::string_view, 2> kReservedCbvNamespaces = {"https://ns.gs1.org/cbv/",
                                                                    "http://ns.gs1.org/cbv/"};
constexpr std::array<std::string_view, 3> kOpenCbvNamespaces = {"https://ref.gs1.org/cbv/",
                                                                "http://ref.gs1.org/cbv/", "cbv:"};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool IsUri(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(text[0])) return false;
  for (size_t i = 1; i < colon; ++i) {
    const char c = text[i];
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' ||
           c == '\\' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`';
  });
}

Result<std::string> CanonicalCbvValue(CbvVocabulary vocabulary, std::string_view value) {
  const VocabularySpelling spelling = SpellingOf(vocabulary);
  auto is_standard = [&](std::string_view word) {
    return std::find(spelling.values.begin(), spelling.values.end(), word) != spelling.values.end();
  };
  auto not_standard = [&](std::string_view word) {
    return InvalidArgument({}, "\"" + std::string(word) + "\" is not a CBV " +
                                   std::string(spelling.description) +
                                   " (use a standard value or a URI of your own)");
  };

  // Which part of `value` names the CBV term, when it is written in a CBV namespace.
  std::optional<std::string_view> term;
  if (StartsWith(value, spelling.urn_prefix)) {
    term = value.substr(spelling.urn_prefix.size());
  } else if (StartsWith(value, "urn:epcglobal:cbv:")) {
    return not_standard(value);  // a CBV URN of another vocabulary, or a mistyped one
  } else {
    for (std::string_view ns : kReservedCbvNamespaces) {
      if (!StartsWith(value, ns)) continue;
      const std::string_view rest = value.substr(ns.size());
      if (!StartsWith(rest, spelling.web_term)) return not_standard(value);
      term = rest.substr(spelling.web_term.size());
    }
    for (std::string_view ns : kOpenCbvNamespaces) {
      if (!StartsWith(value, ns)) continue;
      const std::string_view rest = value.substr(ns.size());
      if (StartsWith(rest, spelling.web_term) &&
          is_standard(rest.substr(spelling.web_term.size()))) {
        return std::string(rest.substr(spelling.web_term.size()));
      }
    }
  }
  if (term) {
    if (!is_standard(*term)) return not_standard(value);
    return std::string(*term);
  }
  if (is_standard(value)) return std::string(value);
  // Anything else must be a URI of the sender's own vocabulary, as the schema's
  // "vocab-other-uri" demands; a bare word is a typo or a non-standard term.
  if (!IsUri(value)) return not_standard(value);
  return std::string(value);
}

}  // namespace keruen::tracking::internal
