#include "keruen/risk/rule_hit.h"

#include <xxhash.h>

#include <cstdio>

#include "keruen/core/json_writer.h"

namespace keruen::risk {

Alert AlertOf(const SubjectRef& subject, const RuleHit& hit, std::string_view facts,
              Timestamp raised_at) {
  Alert alert;
  char id[40];
  std::snprintf(id, sizeof id, "%s-%016llx", hit.rule.c_str(),
                static_cast<unsigned long long>(XXH3_64bits(facts.data(), facts.size())));
  alert.id = id;
  alert.rule = hit.rule;
  alert.severity = hit.severity;
  alert.subject = subject;
  alert.explanation = hit.explanation;
  alert.raised_at = raised_at;
  const std::string_view evidence =
      hit.evidence_json.empty() ? std::string_view("{}") : std::string_view(hit.evidence_json);
  if (hit.related_declarations.empty() || evidence.front() != '{') {
    alert.evidence_json = std::string(evidence);
    return alert;
  }
  JsonWriter w(alert.evidence_json);
  w.BeginObject().Key("related_declarations").BeginArray();
  for (const std::string& d : hit.related_declarations) w.String(d);
  w.EndArray().EndObject();
  // Splice the hit's own fields in after the related declarations.
  alert.evidence_json.pop_back();
  if (evidence.size() > 2) alert.evidence_json += ',';
  alert.evidence_json += evidence.substr(1);
  return alert;
}

}  // namespace keruen::risk
