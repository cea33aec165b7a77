// Helpers for tests that drive the real `keruen` executable as a user would.
#ifndef KERUEN_TEST_CLI_SUPPORT_H_
#define KERUEN_TEST_CLI_SUPPORT_H_

#include <string>
#include <vector>

namespace keruen::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the keruen binary with `args` (each passed as one argument), capturing output.
CommandResult RunKeruen(const std::vector<std::string>& args);

// A fresh empty directory under the test temp dir.
std::string MakeTempDir(const std::string& name);

// Writes `text` to `path`.
void WriteText(const std::string& path, const std::string& text);

// Path of a file in shared/spec (the interchange examples).
std::string SpecPath(const std::string& name);

}  // namespace keruen::testing

#endif  // KERUEN_TEST_CLI_SUPPORT_H_
