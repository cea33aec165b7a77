// Measuring detection against the simulator's ground truth: which planted scheme instances
// the engines caught, and which alerts fall outside every planted instance.
//
// An instance counts as detected when an alert of one of the rules meant to catch its scheme
// is about one of its documents (a declaration, a payment, or the movement of a declaration).
// The rules per scheme are the caller's: each engine, as it lands, says which of its rules
// answer which scheme (the demo prints the table). Alerts of those rules on documents of no
// instance of their schemes are "unexplained": false positives, or real findings the
// simulator did not plan (its random traffic can, rarely, resemble a scheme).
#ifndef KERUEN_SIM_DETECTION_H_
#define KERUEN_SIM_DETECTION_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/sim/simulator.h"
#include "keruen/store/store.h"

namespace keruen {

// Reads truth.jsonl as Simulate writes it; errors name the line.
Result<std::vector<TruthRecord>> ReadTruthFile(const std::string& path);

struct SchemeDetection {
  Scheme scheme = Scheme::kGhostTransit;
  std::vector<std::string> rules;  // the rules expected to catch it
  int64_t planted = 0;
  int64_t detected = 0;
  std::vector<std::string> missed;  // a note of each missed instance (first documents)
  // Precision: of the alerts of these rules, those about a document of a planted instance of
  // any scheme (a pass-through trader is also a new shell: a Q2 alert on the shell's export is
  // a true finding), and all of them.
  int64_t alerts = 0;
  int64_t alerts_on_planted = 0;

  double recall() const { return planted ? static_cast<double>(detected) / planted : 1.0; }
  double precision() const {
    return alerts ? static_cast<double>(alerts_on_planted) / alerts : 1.0;
  }
};

// Which rules answer which planted scheme: the table the demo and `keruen eval detection`
// measure with.
const std::map<Scheme, std::vector<std::string>>& DefaultSchemeRules();

struct DetectionReport {
  std::vector<SchemeDetection> schemes;           // the schemes given rules, in Scheme order
  std::map<std::string, int64_t> alerts_by_rule;  // every alert in the store
  std::map<std::string, int64_t> unexplained_by_rule;
};

Result<DetectionReport> CheckDetection(Store& store, const std::vector<TruthRecord>& truth,
                                       const std::map<Scheme, std::vector<std::string>>& rules);

}  // namespace keruen

#endif  // KERUEN_SIM_DETECTION_H_
