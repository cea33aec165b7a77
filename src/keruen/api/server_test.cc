#include "keruen/api/server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "keruen/api/internal/test_client.h"
#include "keruen/api/internal/test_support.h"

namespace keruen {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using api_testing::Client;
using api_testing::DeclarationVariant;
using api_testing::ReadSpecFile;
using api_testing::Reply;
using api_testing::TempStore;
using nlohmann::json;
using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(temp_.get(), nullptr) << temp_.error();
    example_text_ = ReadSpecFile("declaration.example.json");
    example_ = json::parse(example_text_, nullptr, false);
    ASSERT_TRUE(example_.is_object()) << "cannot read shared/spec/declaration.example.json";
  }

  void StartServer(ApiServerOptions options = {}) {
    options.port = 0;
    if (options.threads == 0) options.threads = 2;
    server_ = std::make_unique<ApiServer>(*temp_.get(), clock_, options);
    const Status started = server_->Start();
    ASSERT_TRUE(started) << started.error().ToString();
    ASSERT_NE(server_->port(), 0);
  }

  uint16_t port() const { return server_->port(); }

  // Number of declarations the list route returns with `query`.
  size_t ListCount(const std::string& query) {
    const Reply r = Client(port()).Get("/api/v1/declarations?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json()["items"].size();
  }

  ManualClock clock_{1772600000};
  TempStore temp_{clock_};
  std::string example_text_;
  json example_;
  std::unique_ptr<ApiServer> server_;
};

TEST(ApiServerOptionsTest, BindsToLoopbackByDefault) {
  EXPECT_EQ(ApiServerOptions().bind_address, "127.0.0.1");
}

TEST_F(ServerTest, HealthzOverHttp) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const Reply r = Client(port()).Get("/healthz");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("server"), "keruen/" KERUEN_VERSION);
  EXPECT_EQ(r.Header("date"), "Wed, 04 Mar 2026 04:53:20 GMT");  // the store's ManualClock
  const json body = r.Json();
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], KERUEN_VERSION);
  EXPECT_EQ(body["store"]["declarations"], 0);
}

TEST_F(ServerTest, PostTheSpecExampleThenGetItBack) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Client client(port());
  Reply r = client.Post("/api/v1/declarations", example_text_);
  ASSERT_EQ(r.status, 201) << r.body;
  // No engine runs in this server: nothing is screened.
  EXPECT_EQ(r.Json(), json::parse(R"({"inserted":1,"amended":0,"unchanged":0,
                                      "movements_opened":1,"screened":false,
                                      "alerts_raised":0})"));
  EXPECT_TRUE(r.keep_alive);

  r = client.Post("/api/v1/declarations", example_text_);  // same connection, kept alive
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["unchanged"], 1);
  EXPECT_EQ(r.Json()["inserted"], 0);

  r = client.Get("/api/v1/declarations/26KZ0101T0004217");
  ASSERT_EQ(r.status, 200) << r.body;
  json got = r.Json();
  EXPECT_EQ(got["_meta"]["version"], 1);
  EXPECT_EQ(r.Header("etag"), "\"" + got["_meta"]["content_hash"].get<std::string>() + "\"");
  got.erase("_meta");
  EXPECT_EQ(got, example_);
}

TEST_F(ServerTest, BatchWithABadSecondLineStoresNothing) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  json bad = DeclarationVariant(example_, 2);
  bad["items"][0]["hs"] = "85423";  // five digits
  const std::string batch = DeclarationVariant(example_, 1).dump() + "\n" + bad.dump() + "\n" +
                            DeclarationVariant(example_, 3).dump() + "\n";
  const Reply r = Client(port()).Post("/api/v1/declarations", batch, "application/x-ndjson");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  const json problem = r.Json();
  EXPECT_EQ(problem["type"], "urn:keruen:problem:invalid-document");
  EXPECT_EQ(problem["status"], 422);
  EXPECT_EQ(problem["line"], 2);
  EXPECT_EQ(problem["field"], "items[0].hs");
  EXPECT_EQ(problem["instance"], "/api/v1/declarations");
  EXPECT_THAT(problem["detail"].get<std::string>(), HasSubstr("85423"));
  EXPECT_EQ(ListCount("limit=100"), 0u);
  EXPECT_EQ(Client(port()).Get("/api/v1/declarations/T-0001").status, 404);
}

TEST_F(ServerTest, TruncatedJsonIsBadRequest) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const Reply r = Client(port()).Post("/api/v1/declarations",
                                      example_text_.substr(0, example_text_.size() / 2));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json()["type"], "urn:keruen:problem:malformed-document");
  EXPECT_EQ(ListCount(""), 0u);
}

TEST_F(ServerTest, UnknownKindIsUnprocessable) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  json doc = example_;
  doc["kind"] = "smuggling";
  const Reply r = Client(port()).Post("/api/v1/declarations", doc.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.Json()["field"], "kind");
  EXPECT_EQ(ListCount(""), 0u);
}

TEST_F(ServerTest, FiltersAndPagesWithoutGapsOrDuplicates) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::string batch;
  for (int i = 0; i < 25; ++i) {
    batch += DeclarationVariant(example_, i, i % 5 == 0 ? "export" : "import").dump() + "\n";
  }
  const Reply posted = Client(port()).Post("/api/v1/declarations", batch, "application/x-ndjson");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.Json()["inserted"], 25);

  std::set<std::string> seen;
  std::vector<size_t> page_sizes;
  std::string after;
  Client client(port());
  for (int pages = 0; pages < 10; ++pages) {
    std::string target = "/api/v1/declarations?limit=10";
    if (!after.empty()) target += "&after=" + after;  // cursors are URL-safe text
    const Reply r = client.Get(target);
    ASSERT_EQ(r.status, 200) << r.body;
    const json page = r.Json();
    page_sizes.push_back(page["items"].size());
    for (const json& item : page["items"]) {
      EXPECT_TRUE(seen.insert(item["id"].get<std::string>()).second) << "repeated " << item["id"];
    }
    if (page["next"].is_null()) break;
    after = page["next"].get<std::string>();
  }
  EXPECT_EQ(page_sizes, (std::vector<size_t>{10, 10, 5}));
  EXPECT_EQ(seen.size(), 25u);

  EXPECT_EQ(ListCount("kind=export"), 5u);
  EXPECT_EQ(ListCount("kind=import&limit=1000"), 20u);
  EXPECT_EQ(ListCount("from=2026-03-01T10:00:00Z&to=2026-03-01T20:00:00Z"), 10u);
  EXPECT_EQ(ListCount("kind=export&from=2026-03-01T10:00:00Z"), 3u);  // 10, 15, 20
}

TEST_F(ServerTest, BadQueryIsAProblemNamingTheParameter) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const Reply r = Client(port()).Get("/api/v1/declarations?from=last-week");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Json()["field"], "from");
}

TEST_F(ServerTest, UnknownRouteAndWrongMethod) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Client client(port());
  Reply r = client.Get("/api/v2/everything");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Json()["instance"], "/api/v2/everything");

  r = client.Get("/api/v1/declarations/NOT-THERE");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Json()["type"], "urn:keruen:problem:not-found");

  r = client.Send(http::verb::delete_, "/api/v1/declarations/26KZ0101T0004217");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET");
  r = client.Send(http::verb::put, "/api/v1/declarations", "{}", "application/json");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, POST");
  EXPECT_TRUE(r.keep_alive);  // an error answer does not cost the connection
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(ServerTest, OversizedBodyIsPayloadTooLarge) {
  ApiServerOptions options;
  options.max_body_bytes = 1024;
  ASSERT_NO_FATAL_FAILURE(StartServer(options));
  const std::string big(4096, ' ');
  {
    Client client(port());
    const Reply r = client.Post("/api/v1/declarations", big + example_text_);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.Json()["type"], "urn:keruen:problem:payload-too-large");
    EXPECT_EQ(r.Json()["instance"], "/api/v1/declarations");
    EXPECT_FALSE(r.keep_alive);
    EXPECT_TRUE(client.Closed());
  }
  {
    // Without a Content-Length the limit is found while reading the chunks.
    Client client(port());
    const Reply r =
        client.Send(http::verb::post, "/api/v1/declarations", big, "application/json", true);
    EXPECT_EQ(r.status, 413);
  }
  // A body within the limit is read and judged on its content.
  const Reply small = Client(port()).Post("/api/v1/declarations", R"({"id": "X"})");
  EXPECT_EQ(small.status, 422) << small.body;
  EXPECT_EQ(Client(port()).Get("/healthz").status, 200);
}

TEST_F(ServerTest, GarbageGetsAnAnswerAndTheServerCarriesOn) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  for (const std::string& garbage :
       {std::string("HELLO\r\n\r\n"), std::string("GET / HTTX/1.1\r\n\r\n"),
        std::string("POST /api/v1/declarations HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
        std::string("GET /healthz HTTP/1.1\r\nX: ") + std::string(20000, 'x') + "\r\n\r\n",
        std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"}) {
    SCOPED_TRACE(garbage.substr(0, 40));
    Client client(port());
    client.SendRaw(garbage);
    const Reply r = client.Read();
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.Json()["type"], "urn:keruen:problem:bad-request");
    EXPECT_TRUE(client.Closed());
  }
  {
    Client client(port());  // connects and hangs up without a word
  }
  EXPECT_EQ(Client(port()).Get("/healthz").status, 200);
}

TEST_F(ServerTest, ConcurrentPostsAllLand) {
  ASSERT_NO_FATAL_FAILURE(StartServer(ApiServerOptions{.threads = 4}));
  constexpr int kThreads = 4, kPosts = 5;
  std::vector<std::thread> threads;
  std::atomic<int> created{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Client client(port());
      for (int i = 0; i < kPosts; ++i) {
        const Reply r =
            client.Post("/api/v1/declarations", DeclarationVariant(example_, t * 100 + i).dump());
        if (r.status == 201)
          ++created;
        else
          ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kThreads * kPosts);
  EXPECT_EQ(Client(port()).Get("/healthz").Json()["store"]["declarations"], kThreads * kPosts);
}

TEST_F(ServerTest, StopClosesIdleConnections) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Client idle(port());
  ASSERT_EQ(idle.Get("/healthz").status, 200);  // now idle, kept alive
  Client silent(port());                        // connected, never says anything
  server_->Stop();
  EXPECT_TRUE(idle.Closed());
  EXPECT_TRUE(silent.Closed());
  beast::error_code ec;
  tcp::socket s(idle.socket().get_executor());
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec) << "still accepting after Stop";
}

TEST_F(ServerTest, StopFinishesARequestInFlight) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  Client client(port());
  http::request<http::string_body> req{http::verb::post, "/api/v1/declarations", 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.set(http::field::expect, "100-continue");
  req.body() = example_text_;
  req.prepare_payload();
  http::request_serializer<http::string_body> serializer(req);
  http::write_header(client.socket(), serializer);
  {
    // The interim answer proves the server has the headers: the request is in flight.
    http::response<http::empty_body> interim;
    http::read(client.socket(), client.buffer(), interim);
    ASSERT_EQ(interim.result(), http::status::continue_);
  }
  server_->Shutdown();
  http::write(client.socket(), serializer);  // the body, after the stop began
  const Reply r = client.Read();
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.keep_alive);
  server_->Wait();
  EXPECT_TRUE(client.Closed());
  // The request's effect is durable.
  auto stored = temp_.get()->GetDeclaration("26KZ0101T0004217");
  ASSERT_TRUE(stored);
  EXPECT_TRUE(stored->has_value());
}

TEST_F(ServerTest, RunUntilSignalStopsOnSigterm) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const int signal = RunUntilSignal(*server_, [] { std::raise(SIGTERM); });
  EXPECT_EQ(signal, SIGTERM);
  beast::error_code ec;
  asio::io_context io;
  tcp::socket s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec) << "still accepting after SIGTERM";
}

TEST_F(ServerTest, RunUntilSignalReturnsWhenStoppedOtherwise) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::thread stopper;
  const int signal =
      RunUntilSignal(*server_, [&] { stopper = std::thread([&] { server_->Stop(); }); });
  stopper.join();
  EXPECT_EQ(signal, 0);
}

TEST_F(ServerTest, StartFailsWhenThePortIsTaken) {
  ASSERT_NO_FATAL_FAILURE(StartServer());
  ApiServerOptions options;
  options.port = port();
  ApiServer second(*temp_.get(), clock_, options);
  const Status started = second.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(started.error().message, HasSubstr(std::to_string(port())));
}

TEST_F(ServerTest, BadBindAddressIsReported) {
  ApiServerOptions options;
  options.bind_address = "not an address";
  options.port = 0;
  ApiServer server(*temp_.get(), clock_, options);
  const Status started = server.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().field, "bind_address");
}

}  // namespace
}  // namespace keruen
