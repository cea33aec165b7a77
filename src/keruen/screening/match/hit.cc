#include "keruen/screening/match/hit.h"

#include <fmt/format.h>

namespace keruen::screening {
namespace {

void AppendComparison(JsonWriter& w, const NameComparison& c) {
  w.BeginObject();
  w.Field("query_scheme", c.query_scheme).Field("query_form", c.query_form);
  w.Field("list_scheme", c.list_scheme).Field("list_form", c.list_form);
  w.Key("tokens").BeginArray();
  for (const TokenPair& t : c.tokens) {
    w.BeginObject();
    w.Key("query");
    t.query_token.empty() ? w.Null() : w.String(t.query_token);
    w.Key("list");
    t.list_token.empty() ? w.Null() : w.String(t.list_token);
    w.Field("kind", TokenPairKindName(t.kind));
    w.Field("similarity", t.similarity).Field("weight", t.weight);
    w.EndObject();
  }
  w.EndArray();
  w.Field("paired_weight", c.paired_weight).Field("unpaired_weight", c.unpaired_weight);
  w.Field("specificity", c.specificity);
  if (c.surname_reference) w.Field("surname_reference", true);
  w.Field("score", c.score);
  w.EndObject();
}

std::string ExplainTokens(const NameComparison& c) {
  std::string out = c.surname_reference ? "title and surname: " : "";
  for (const TokenPair& t : c.tokens) {
    if (&t != &c.tokens.front()) out += ", ";
    switch (t.kind) {
      case TokenPairKind::kPaired:
        out += fmt::format("{}~{} {:.2f} w{:.2f}", t.query_token, t.list_token, t.similarity,
                           t.weight);
        break;
      case TokenPairKind::kInitial:
        out += fmt::format("{}~{} initial {:.2f} w{:.2f}", t.query_token, t.list_token,
                           t.similarity, t.weight);
        break;
      case TokenPairKind::kUnpaired:
        out += fmt::format("{}{} unpaired -{:.2f}", t.query_token.empty() ? "list:" : "query:",
                           t.query_token.empty() ? t.list_token : t.query_token, t.weight);
        break;
      case TokenPairKind::kOptional:
        out += fmt::format("{} optional", t.query_token.empty() ? t.list_token : t.query_token);
        break;
    }
  }
  return out;
}

std::string Signed(double value) { return fmt::format("{:+.2f}", value); }

}  // namespace

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kIdentifier:
      return "identifier";
    case Decision::kName:
      return "name";
    case Decision::kNoMatch:
      return "no_match";
  }
  return "no_match";
}

std::string_view TokenPairKindName(TokenPairKind kind) {
  switch (kind) {
    case TokenPairKind::kPaired:
      return "paired";
    case TokenPairKind::kInitial:
      return "initial";
    case TokenPairKind::kUnpaired:
      return "unpaired";
    case TokenPairKind::kOptional:
      return "optional";
  }
  return "paired";
}

void AppendJson(JsonWriter& w, const Hit& hit) {
  w.BeginObject();
  w.Field("list", hit.list).Field("id", hit.id).Field("caption", hit.caption);
  w.Field("type", EntityTypeName(hit.type));
  w.Key("programs").BeginArray();
  for (const std::string& p : hit.programs) w.String(p);
  w.EndArray();
  w.Key("matched_name").BeginObject();
  w.Field("name", hit.matched_name).Field("primary", hit.matched_name_primary);
  w.Field("weak", hit.matched_name_weak);
  w.EndObject();
  w.Key("comparison");
  AppendComparison(w, hit.name);
  w.Key("identifier");
  if (hit.identifier) {
    w.BeginObject();
    w.Field("scheme", hit.identifier->scheme).Field("query_value", hit.identifier->query_value);
    w.Field("list_value", hit.identifier->list_value)
        .Field("normalized", hit.identifier->normalized);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("score_parts").BeginObject();
  w.Field("name_score", hit.name_score).Field("weak_alias_penalty", hit.weak_alias_penalty);
  w.Field("type_penalty", hit.type_penalty).Field("country_adjustment", hit.country_adjustment);
  w.Field("birth_date_adjustment", hit.birth_date_adjustment);
  w.Field("identifier_adjustment", hit.identifier_adjustment);
  w.EndObject();
  w.Field("score", hit.score).Field("decision", DecisionName(hit.decision));
  w.Field("explanation", ExplainHit(hit));
  w.EndObject();
}

void AppendJson(JsonWriter& w, const PairScore& pair) {
  w.BeginObject();
  w.Key("comparison");
  AppendComparison(w, pair.name);
  w.Field("score", pair.score).Field("decision", DecisionName(pair.decision));
  w.Field("explanation", ExplainPair(pair));
  w.EndObject();
}

std::string ExplainHit(const Hit& hit) {
  const char* what = hit.matched_name_weak      ? "weak alias"
                     : hit.matched_name_primary ? "name"
                                                : "alias";
  std::string out = fmt::format(
      "matched {} '{}' of {} {} '{}' ({} '{}' vs {} '{}'): {}; name {:.2f}", what, hit.matched_name,
      hit.list, hit.id, hit.caption, hit.name.query_scheme, hit.name.query_form,
      hit.name.list_scheme, hit.name.list_form, ExplainTokens(hit.name), hit.name_score);
  if (hit.name.specificity < 1) out += fmt::format(" (specificity {:.2f})", hit.name.specificity);
  if (hit.weak_alias_penalty != 0) out += ", weak alias " + Signed(hit.weak_alias_penalty);
  if (hit.type_penalty != 0) out += ", type " + Signed(hit.type_penalty);
  if (hit.country_adjustment != 0) out += ", country " + Signed(hit.country_adjustment);
  if (hit.birth_date_adjustment != 0) out += ", birth date " + Signed(hit.birth_date_adjustment);
  if (hit.identifier_adjustment != 0) {
    out += ", another identifier " + Signed(hit.identifier_adjustment);
  }
  if (hit.identifier) {
    out += fmt::format(", identifier {} {} = {}", hit.identifier->scheme,
                       hit.identifier->query_value, hit.identifier->list_value);
  }
  out += fmt::format(" => {:.2f} ({})", hit.score, DecisionName(hit.decision));
  return out;
}

std::string ExplainPair(const PairScore& pair) {
  std::string out =
      fmt::format("{} '{}' vs {} '{}': {}", pair.name.query_scheme, pair.name.query_form,
                  pair.name.list_scheme, pair.name.list_form, ExplainTokens(pair.name));
  if (pair.name.specificity < 1) out += fmt::format(" (specificity {:.2f})", pair.name.specificity);
  out += fmt::format(" => {:.2f} ({})", pair.score, DecisionName(pair.decision));
  return out;
}

}  // namespace keruen::screening
