// The evaluation report, for a terminal (aligned tables) and as JSON (the numbers bench/ and the
// README quote). Both are pure functions of the report, so the same run prints the same bytes.
#ifndef KERUEN_SCREENING_EVAL_REPORT_H_
#define KERUEN_SCREENING_EVAL_REPORT_H_

#include <string>

#include "keruen/screening/eval/evaluation.h"

namespace keruen::screening::eval {

// Goals first, then per dataset: precision, recall, F1 and false-positive rate at every
// threshold (the default marked "*"), the per-category breakdown at the default threshold with
// the recall of each category group under it, per-category recall (or false-positive rate, for
// negative categories) at every threshold, each pair of the small curated sets with pass/fail, and
// the worst misses and false alarms.
std::string FormatReportText(const EvalReport& report);

// One JSON object: {"default_threshold", "goals": [...], "datasets": [{"name", "source",
// "kind", "results": [{"threshold", "default", "overall", "categories", "category_groups" (sets
// that have groups)}], "misses", "false_alarms", "pairs" (curated sets), "identical_names" and
// "false_alarms_by_list" (query sets)}]}. Metrics are rounded to 4 decimals; a metric that is
// 0/0 is null.
std::string FormatReportJson(const EvalReport& report);

}  // namespace keruen::screening::eval

#endif  // KERUEN_SCREENING_EVAL_REPORT_H_
