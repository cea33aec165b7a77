// A terminal progress bar for long CLI work (ingest, simulate). It draws only when stderr
// is a terminal, so logs and pipes stay clean, and redraws at most ten times a second.
#ifndef KERUEN_APPS_KERUEN_PROGRESS_H_
#define KERUEN_APPS_KERUEN_PROGRESS_H_

#include <chrono>
#include <string>

namespace keruen::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();  // clears the bar line

  // `fraction` in [0, 1]; `detail` is printed after the percentage (e.g. "12.3 MB").
  void Update(double fraction, const std::string& detail = {});
  void Finish();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

// Seconds elapsed since `start`, for the timings commands print.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace keruen::cli

#endif  // KERUEN_APPS_KERUEN_PROGRESS_H_
