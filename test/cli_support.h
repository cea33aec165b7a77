// Helpers for tests that drive the real `keruen` executable as a user would.
#ifndef KERUEN_TEST_CLI_SUPPORT_H_
#define KERUEN_TEST_CLI_SUPPORT_H_

#include <cstdint>
#include <optional>
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

// A keruen process started in the background with its stdout readable line by line.
class BackgroundKeruen {
 public:
  explicit BackgroundKeruen(const std::vector<std::string>& args);
  ~BackgroundKeruen();  // SIGKILL if still running
  // The next line of stdout, waiting up to `timeout_ms`; nullopt on timeout or end.
  std::optional<std::string> ReadLine(int timeout_ms);
  // Sends `signal` and returns the exit code (128 + signal when killed by it).
  int SignalAndWait(int signal);
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
};

// One HTTP/1.1 request over a plain socket to 127.0.0.1:port; returns the status code and
// the body (or status 0 on a connection failure).
struct HttpReply {
  int status = 0;
  std::string body;
};
HttpReply HttpRequest(uint16_t port, const std::string& method, const std::string& target,
                      const std::string& body = {}, const std::string& content_type = {});

// Path of a file in shared/spec (the interchange examples).
std::string SpecPath(const std::string& name);

}  // namespace keruen::testing

#endif  // KERUEN_TEST_CLI_SUPPORT_H_
