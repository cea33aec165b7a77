#include "keruen/api/openapi.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "keruen/api/api_routes.h"
#include "keruen/store/sqlite_store.h"

namespace keruen {
namespace {

using nlohmann::json;

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(*store);
    routes_ = MakeApiRouter(*store_, clock_, write_mutex_).Routes();
    doc_ = json::parse(OpenApiDocument(), nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(doc_.is_discarded()) << "openapi.json is not valid JSON";
  }

  // Follows a local "$ref" ("#/components/parameters/Limit").
  const json& Resolve(const json& node) const {
    if (!node.contains("$ref")) return node;
    return doc_.at(json::json_pointer(node["$ref"].get<std::string>().substr(1)));
  }

  // Names of the parameters of one operation that are `in` the given place, including
  // parameters declared on the path item.
  std::set<std::string> ParameterNames(const json& path_item, const json& operation,
                                       const std::string& in) const {
    std::set<std::string> names;
    for (const json* holder : {&path_item, &operation}) {
      if (!holder->contains("parameters")) continue;
      for (const json& p : (*holder)["parameters"]) {
        const json& param = Resolve(p);
        if (param["in"] == in) names.insert(param["name"].get<std::string>());
      }
    }
    return names;
  }

  ManualClock clock_{0};
  std::mutex write_mutex_;
  std::unique_ptr<SqliteStore> store_;
  std::vector<RouteSpec> routes_;
  json doc_;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST_F(OpenApiTest, IsOpenApi3WithTheBuildVersion) {
  EXPECT_THAT(doc_["openapi"].get<std::string>(), ::testing::StartsWith("3.0."));
  EXPECT_EQ(doc_["info"]["version"], KERUEN_VERSION);
}

TEST_F(OpenApiTest, DocumentsExactlyTheRoutesOfTheRouter) {
  std::set<std::pair<std::string, std::string>> documented, routed;
  for (const auto& [path, item] : doc_["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      documented.emplace(method, path);
    }
  }
  for (const RouteSpec& r : routes_) routed.emplace(Lower(r.method), r.pattern);
  EXPECT_EQ(documented, routed);
}

TEST_F(OpenApiTest, DocumentsEveryQueryAndPathParameterOfEachRoute) {
  for (const RouteSpec& r : routes_) {
    SCOPED_TRACE(r.method + " " + r.pattern);
    const json& item = doc_["paths"][r.pattern];
    const json& operation = item[Lower(r.method)];
    const std::set<std::string> accepted(r.query_params.begin(), r.query_params.end());
    EXPECT_EQ(ParameterNames(item, operation, "query"), accepted);

    std::set<std::string> in_pattern;
    for (size_t open = r.pattern.find('{'); open != std::string::npos;
         open = r.pattern.find('{', open + 1)) {
      in_pattern.insert(r.pattern.substr(open + 1, r.pattern.find('}', open) - open - 1));
    }
    EXPECT_EQ(ParameterNames(item, operation, "path"), in_pattern);
  }
}

TEST_F(OpenApiTest, EveryOperationDocumentsItsResponses) {
  for (const RouteSpec& r : routes_) {
    SCOPED_TRACE(r.method + " " + r.pattern);
    const json& operation = doc_["paths"][r.pattern][Lower(r.method)];
    ASSERT_TRUE(operation.contains("responses"));
    const json& responses = operation["responses"];
    // 202: EPCIS capture, as the EPCIS REST binding answers it.
    EXPECT_TRUE(responses.contains("200") || responses.contains("201") ||
                responses.contains("202"));
    if (!r.query_params.empty()) {
      EXPECT_TRUE(responses.contains("400"));
    }
    if (r.pattern.find('{') != std::string::npos) {
      EXPECT_TRUE(responses.contains("404"));
    }
    // Every body can be malformed, too large or of the wrong type; 422 (valid JSON failing
    // the model) only where a document is validated after parsing, so it is not required.
    if (r.method == "POST") {
      for (const char* status : {"400", "413", "415"}) EXPECT_TRUE(responses.contains(status));
    }
  }
}

TEST_F(OpenApiTest, EveryReferenceResolves) {
  int refs = 0;
  std::vector<const json*> todo{&doc_};
  while (!todo.empty()) {
    const json* node = todo.back();
    todo.pop_back();
    if (node->is_object() && node->contains("$ref")) {
      const std::string ref = (*node)["$ref"];
      ++refs;
      ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
      EXPECT_TRUE(doc_.contains(json::json_pointer(ref.substr(1)))) << ref;
    }
    if (node->is_structured()) {
      for (const json& child : *node) todo.push_back(&child);
    }
  }
  EXPECT_GT(refs, 0);
}

TEST_F(OpenApiTest, DescribesTheDocumentAndProblemSchemas) {
  const json& schemas = doc_["components"]["schemas"];
  for (const char* name : {"Declaration", "Payment", "Problem"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(schemas.contains(name));
    EXPECT_EQ(schemas[name]["type"], "object");
    EXPECT_FALSE(schemas[name]["properties"].empty());
  }
  for (const char* field :
       {"type", "title", "status", "detail", "instance", "field", "line", "source"}) {
    EXPECT_TRUE(schemas["Problem"]["properties"].contains(field)) << field;
  }
}

}  // namespace
}  // namespace keruen
