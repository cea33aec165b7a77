// Test-only: a blocking HTTP/1.1 client on one loopback connection, for the tests that
// talk to a real ApiServer.
#ifndef KERUEN_API_INTERNAL_TEST_CLIENT_H_
#define KERUEN_API_INTERNAL_TEST_CLIENT_H_

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace keruen::api_testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using nlohmann::json;

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool keep_alive = false;

  json Json() const { return json::parse(body, nullptr, false); }
  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// A blocking HTTP/1.1 client on one connection.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  Reply Send(http::verb method, std::string_view target, std::string body = {},
             std::string_view content_type = {}, bool chunked = false) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = std::move(body);
    if (chunked) {
      req.chunked(true);
    } else if (method == http::verb::post || !req.body().empty()) {
      req.prepare_payload();
    }
    http::write(socket_, req);
    return Read();
  }

  Reply Get(std::string_view target) { return Send(http::verb::get, target); }
  Reply Post(std::string_view target, std::string body,
             std::string_view content_type = "application/json") {
    return Send(http::verb::post, target, std::move(body), content_type);
  }

  // Sends bytes as they are, not necessarily HTTP.
  void SendRaw(std::string_view bytes) { asio::write(socket_, asio::buffer(bytes)); }

  Reply Read() {
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    Reply reply;
    reply.status = res.result_int();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      reply.headers[name] = std::string(field.value());
    }
    reply.body = res.body();
    reply.keep_alive = res.keep_alive();
    return reply;
  }

  // True when the server has closed the connection (a read ends instead of giving data).
  bool Closed() {
    char byte;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

  tcp::socket& socket() { return socket_; }
  beast::flat_buffer& buffer() { return buffer_; }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

}  // namespace keruen::api_testing

#endif  // KERUEN_API_INTERNAL_TEST_CLIENT_H_
