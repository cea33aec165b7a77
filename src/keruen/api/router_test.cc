#include "keruen/api/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace keruen {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

HttpResponse Echo(const RouteRequest& r) {
  nlohmann::json j;
  j["path"] = r.path;
  for (const auto& [k, v] : r.path_params) j["params"][k] = v;
  for (const auto& [k, v] : r.query) j["query"][k] = v;
  HttpResponse out;
  out.body = j.dump();
  return out;
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("GET", "/items", {"q", "limit"}, Echo);
    router_.Add("POST", "/items", {}, Echo);
    router_.Add("GET", "/items/{id}", {}, Echo);
    router_.Add("DELETE", "/items/{id}", {}, Echo);
    router_.Add("GET", "/items/{id}/parts/{part}", {}, Echo);
    router_.Add("GET", "/boom", {},
                [](const RouteRequest&) -> HttpResponse { throw std::runtime_error("kaput"); });
  }

  HttpResponse Call(std::string_view method, std::string_view target) {
    return router_.Dispatch(HttpRequest{method, target, "", ""});
  }

  Router router_;
};

nlohmann::json Body(const HttpResponse& r) { return nlohmann::json::parse(r.body); }

std::string Header(const HttpResponse& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return {};
}

TEST_F(RouterTest, MatchesLiteralAndParameterSegments) {
  const HttpResponse r = Call("GET", "/items/abc/parts/7");
  ASSERT_EQ(r.status, 200);
  const auto body = Body(r);
  EXPECT_EQ(body["params"]["id"], "abc");
  EXPECT_EQ(body["params"]["part"], "7");
  EXPECT_EQ(body["path"], "/items/abc/parts/7");
}

TEST_F(RouterTest, DecodesPathParametersAfterSplitting) {
  // An encoded '/' stays inside its segment, so ids may contain one.
  const HttpResponse r = Call("GET", "/items/a%2Fb%20c");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["params"]["id"], "a/b c");
}

TEST_F(RouterTest, DecodesQueryParameters) {
  const HttpResponse r = Call("GET", "/items?q=caf%C3%A9+latte&limit=5");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r)["query"]["q"], "caf\xC3\xA9 latte");
  EXPECT_EQ(Body(r)["query"]["limit"], "5");
}

TEST_F(RouterTest, UnknownPathIsNotFoundProblem) {
  for (const char* target : {"/nothing", "/items/", "/items/x/parts", "/", "/items/x/y/z/w"}) {
    SCOPED_TRACE(target);
    const HttpResponse r = Call("GET", target);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.content_type, "application/problem+json");
    const auto body = Body(r);
    EXPECT_EQ(body["type"], "urn:keruen:problem:not-found");
    EXPECT_EQ(body["status"], 404);
    EXPECT_EQ(body["instance"], std::string(target));
  }
}

TEST_F(RouterTest, EmptySegmentDoesNotMatchAParameter) {
  EXPECT_EQ(Call("GET", "/items//parts/1").status, 404);
}

TEST_F(RouterTest, WrongMethodIsMethodNotAllowedWithAllowHeader) {
  HttpResponse r = Call("PUT", "/items");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Header(r, "Allow"), "GET, POST");
  EXPECT_EQ(Body(r)["type"], "urn:keruen:problem:method-not-allowed");

  r = Call("POST", "/items/42");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Header(r, "Allow"), "DELETE, GET");
}

TEST_F(RouterTest, UnknownQueryParameterIsRejectedByName) {
  const HttpResponse r = Call("GET", "/items?q=x&lmit=3");
  EXPECT_EQ(r.status, 400);
  const auto body = Body(r);
  EXPECT_EQ(body["type"], "urn:keruen:problem:invalid-parameter");
  EXPECT_EQ(body["field"], "lmit");
  EXPECT_THAT(body["detail"].get<std::string>(), ::testing::HasSubstr("q, limit"));
  // A route without query parameters rejects any.
  EXPECT_EQ(Call("GET", "/items/1?q=x").status, 400);
}

TEST_F(RouterTest, RepeatedQueryParameterIsRejected) {
  const HttpResponse r = Call("GET", "/items?q=a&q=b");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["field"], "q");
}

TEST_F(RouterTest, BadEscapesAreBadRequests) {
  EXPECT_EQ(Call("GET", "/items/%zz").status, 400);
  EXPECT_EQ(Call("GET", "/items/%4").status, 400);
  const HttpResponse r = Call("GET", "/items?q=%G1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["field"], "q");
}

TEST_F(RouterTest, TargetMustBeAnAbsolutePath) {
  for (const char* target : {"", "items", "http://example.com/items", "*"}) {
    SCOPED_TRACE(target);
    const HttpResponse r = Call("GET", target);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Body(r)["type"], "urn:keruen:problem:bad-request");
  }
}

TEST_F(RouterTest, HandlerExceptionBecomesInternalProblem) {
  const HttpResponse r = Call("GET", "/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_THAT(Body(r)["detail"].get<std::string>(), ::testing::HasSubstr("kaput"));
}

TEST_F(RouterTest, RoutesListsTheTableInOrder) {
  const auto routes = router_.Routes();
  ASSERT_EQ(routes.size(), 6u);
  EXPECT_EQ(routes[0].method, "GET");
  EXPECT_EQ(routes[0].pattern, "/items");
  EXPECT_THAT(routes[0].query_params, ElementsAre("q", "limit"));
  EXPECT_EQ(routes[4].pattern, "/items/{id}/parts/{part}");
}

TEST(RouteRequestTest, QueryIsEmptyWhenAbsentOrEmpty) {
  const HttpRequest http{"GET", "/x?a=&b=2", "", ""};
  const RouteRequest r{http, "/x", {}, {{"a", ""}, {"b", "2"}}};
  EXPECT_EQ(r.Query("a"), "");
  EXPECT_EQ(r.Query("b"), "2");
  EXPECT_EQ(r.Query("c"), "");
}

TEST(ParseQueryStringTest, SplitsAndDecodes) {
  auto q = ParseQueryString("a=1&&b=x%20y+z&flag&=v&c=%3D%26");
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_THAT(*q, ElementsAre(Pair("a", "1"), Pair("b", "x y z"), Pair("flag", ""), Pair("", "v"),
                              Pair("c", "=&")));
  EXPECT_TRUE(ParseQueryString("")->empty());
}

TEST(ParseQueryStringTest, NamesTheParameterWithABadEscape) {
  auto q = ParseQueryString("ok=1&bad=%2");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().field, "bad");
}

TEST(PercentDecodeTest, PlusIsASpaceOnlyInQueries) {
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("%41%62", false), "Ab");
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%a", false), std::nullopt);
}

}  // namespace
}  // namespace keruen
