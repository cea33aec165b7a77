// `keruen payments` as a user drives it: check and ingest pacs.008 and JSON payments against
// the declaration of shared/spec, list the held ones and review them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_support.h"

namespace keruen::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char kSample[] = "src/keruen/payments/testdata/pacs008_sample.xml";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class PaymentsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("payments_cli");
    db_ = dir_ + "/p.db";
    auto r = RunKeruen({"--db", db_, "ingest", "declarations", "--no-screen",
                        SpecPath("declaration.example.json")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The example payment, paid instead by a Hong Kong company for the Kyrgyz buyer.
    auto third = nlohmann::json::parse(ReadAll(SpecPath("payment.example.json")));
    third["id"] = "PMT-HK-1";
    third["debtor"] = {{"name", "Golden Bridge Trading Ltd"},
                       {"country", "HK"},
                       {"account", "HK00 1234 5678"},
                       {"agent_bic", "HSBCHKHHXXX"}};
    third["remittance"] = "Payment for invoice EH-2026-0311 on behalf of Ala-Too Electronics";
    third_party_ = dir_ + "/third.ndjson";
    WriteText(third_party_, third.dump() + "\n");
  }

  std::string dir_, db_, third_party_;
};

TEST_F(PaymentsCliTest, HelpListsTheSubcommands) {
  auto r = RunKeruen({"payments", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* sub : {"check", "ingest", "held", "release", "block"}) {
    EXPECT_THAT(r.out, HasSubstr(sub));
  }
  r = RunKeruen({"payments", "release", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("--analyst"));
}

TEST_F(PaymentsCliTest, ChecksPacs008AndJsonWithoutStoring) {
  auto r = RunKeruen({"--db", db_, "payments", "check", "--no-screen", "--json", kSample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> decisions;
  for (std::string line; std::getline(lines, line);)
    decisions.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(decisions[0]["payment"], "KZ-PMT-2026-000918273");
  // The buyer pays its own invoice from home, linked by the invoice ref; but the declaration
  // it pays carries an open high alert (G1: tier-1 CHPL goods through Kyrgyzstan), so the
  // money waits for an analyst.
  EXPECT_EQ(decisions[0]["outcome"], "hold");
  EXPECT_THAT(decisions[0]["reasons"].dump(), HasSubstr("open high alert"));
  EXPECT_THAT(decisions[0]["reasons"].dump(), HasSubstr("(G1)"));
  EXPECT_EQ(decisions[0]["links"][0]["declaration"], "26KZ0101T0004217");
  EXPECT_EQ(decisions[0]["links"][0]["method"], "invoice_ref");
  EXPECT_EQ(decisions[1]["payment"], "SB-77120");

  r = RunKeruen({"--db", db_, "payments", "check", "--no-screen", third_party_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("PMT-HK-1: hold"));
  EXPECT_THAT(r.out, HasSubstr("F1 (0.88)"));

  r = RunKeruen({"--db", db_, "payments", "held"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(0 held)"));
}

TEST_F(PaymentsCliTest, IngestHoldAndReview) {
  auto r = RunKeruen({"--db", db_, "payments", "ingest", "--no-screen", kSample});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2 payments (2 new"));
  EXPECT_THAT(r.out, HasSubstr("1 held"));  // the declaration it pays has an open G1 alert
  r = RunKeruen({"--db", db_, "payments", "ingest", "--no-screen", third_party_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 held"));
  // Again: nothing new, nothing decided twice.
  r = RunKeruen({"--db", db_, "payments", "ingest", "--no-screen", third_party_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 unchanged"));
  EXPECT_THAT(r.out, HasSubstr("0 held"));

  r = RunKeruen({"--db", db_, "payments", "held"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("PMT-HK-1"));
  EXPECT_THAT(r.out, HasSubstr("KZ-PMT-2026-000918273"));
  EXPECT_THAT(r.out, HasSubstr("(2 held)"));

  // The analyst checked the goods and releases the buyer's own payment; once released it is
  // not held any more.
  r = RunKeruen({"--db", db_, "payments", "release", "KZ-PMT-2026-000918273", "--analyst", "aliya",
                 "--reason", "goods checked at Khorgos"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKeruen({"--db", db_, "payments", "release", "KZ-PMT-2026-000918273", "--analyst", "aliya",
                 "--reason", "fine"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("is not held"));

  r = RunKeruen({"--db", db_, "payments", "block", "PMT-HK-1", "--analyst", "aliya", "--reason",
                 "payer unknown to the buyer"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("PMT-HK-1: block by aliya"));
  r = RunKeruen({"--db", db_, "payments", "held"});
  EXPECT_THAT(r.out, HasSubstr("(0 held)"));
  r = RunKeruen({"--db", db_, "payments", "release", "NO-SUCH", "--analyst", "a", "--reason", "b"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(PaymentsCliTest, BadMessageNamesFileLineAndField) {
  std::string xml = ReadAll(kSample);
  xml.replace(xml.find(" Ccy=\"RUB\""), 10, "");
  const std::string bad = dir_ + "/bad.xml";
  WriteText(bad, xml);
  auto r = RunKeruen({"--db", db_, "payments", "ingest", "--no-screen", bad});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("bad.xml:"));
  EXPECT_THAT(r.err, HasSubstr("CdtTrfTxInf[2]/IntrBkSttlmAmt: missing the Ccy attribute"));
  r = RunKeruen({"--db", db_, "payments", "held"});
  EXPECT_THAT(r.out, HasSubstr("(0 held)"));
}

}  // namespace
}  // namespace keruen::testing
