#include "keruen/payments/pacs008.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace keruen::payments {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A transaction block with every field the parser reads; `amount` and `extra` vary per test.
std::string TransactionXml(const std::string& id, const std::string& amount,
                           const std::string& date = "<IntrBkSttlmDt>2026-03-04</IntrBkSttlmDt>",
                           const std::string& debtor_bic = "KICBKG22") {
  return "<CdtTrfTxInf>\n"
         "<PmtId><EndToEndId>E2E-" +
         id + "</EndToEndId><TxId>" + id + "</TxId></PmtId>\n" + amount + "\n" + date +
         "\n"
         "<IntrmyAgt1><FinInstnId><BICFI>HSBCHKHHHKH</BICFI></FinInstnId></IntrmyAgt1>\n"
         "<IntrmyAgt2><FinInstnId><BICFI>RZBAATWW</BICFI></FinInstnId></IntrmyAgt2>\n"
         "<Dbtr><Nm>Ala-Too Electronics</Nm><PstlAdr><StrtNm>Chui</StrtNm><TwnNm>Bishkek</TwnNm>"
         "<Ctry>KG</Ctry></PstlAdr>\n"
         "<Id><OrgId><Othr><Id>02505202210123</Id><SchmeNm><Prtry>inn</Prtry></SchmeNm></Othr>"
         "<Othr><Id>CUST-1</Id><SchmeNm><Cd>CUST</Cd></SchmeNm></Othr></OrgId></Id></Dbtr>\n"
         "<DbtrAcct><Id><IBAN>KG45118000000012345678</IBAN></Id></DbtrAcct>\n"
         "<DbtrAgt><FinInstnId><BICFI>" +
         debtor_bic +
         "</BICFI></FinInstnId></DbtrAgt>\n"
         "<CdtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></CdtrAgt>\n"
         "<Cdtr><Nm>Elektronik Handel GmbH</Nm><PstlAdr><Ctry>DE</Ctry></PstlAdr></Cdtr>\n"
         "<CdtrAcct><Id><Othr><Id>0532013000</Id></Othr></Id></CdtrAcct>\n"
         "<Purp><Prtry>TRADE</Prtry></Purp>\n"
         "<RmtInf><Ustrd>Invoice EH-2026-0311</Ustrd><Ustrd>part 1</Ustrd>"
         "<Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>EH-2026-0312</Nb>"
         "</RfrdDocInf></Strd></RmtInf>\n"
         "</CdtTrfTxInf>\n";
}

std::string Message(const std::string& transactions,
                    const std::string& ns = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08",
                    const std::string& header_extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"" + ns +
         "\">\n<FIToFICstmrCdtTrf>\n<GrpHdr><MsgId>MSG-1</MsgId>"
         "<CreDtTm>2026-03-04T10:12:55+06:00</CreDtTm>" +
         header_extra + "<NbOfTxs>2</NbOfTxs></GrpHdr>\n" + transactions +
         "</FIToFICstmrCdtTrf>\n</Document>\n";
}

const std::string kEur = "<IntrBkSttlmAmt Ccy=\"EUR\">84000.00</IntrBkSttlmAmt>";

// 1-based line of the first occurrence of `needle` in `text`.
int64_t LineOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
}

TEST(Pacs008Test, ReadsTwoTransactions) {
  const std::string xml =
      Message(TransactionXml("TX-1", kEur) +
              TransactionXml("TX-2", "<IntrBkSttlmAmt Ccy=\"USD\">12.5</IntrBkSttlmAmt>",
                             "<IntrBkSttlmDt>2026-03-05</IntrBkSttlmDt>"));
  auto payments = ParsePacs008(xml, "batch.xml");
  ASSERT_TRUE(payments.has_value()) << payments.error().ToString();
  ASSERT_EQ(payments->size(), 2u);
  const Payment& p = (*payments)[0];
  EXPECT_EQ(p.id, "TX-1");
  EXPECT_EQ(p.amount, (Money{840'000'000, "EUR"}));
  EXPECT_EQ(p.executed_at, *ParseTimestamp("2026-03-04T00:00:00Z"));
  EXPECT_EQ(p.debtor.party.name, "Ala-Too Electronics");
  EXPECT_EQ(p.debtor.party.country, "KG");
  EXPECT_EQ(p.debtor.party.address, "Chui, Bishkek");
  // The INN is kept (scheme names in any case); the customer number is not an identity.
  EXPECT_THAT(p.debtor.party.ids, ElementsAre(Identifier{IdKind::kInn, "02505202210123"}));
  EXPECT_EQ(p.debtor.account, "KG45118000000012345678");
  EXPECT_EQ(p.debtor.agent_bic, "KICBKG22");
  EXPECT_EQ(p.creditor.party.name, "Elektronik Handel GmbH");
  EXPECT_EQ(p.creditor.account, "0532013000");
  EXPECT_EQ(p.creditor.agent_bic, "COBADEFFXXX");
  EXPECT_THAT(p.intermediary_bics, ElementsAre("HSBCHKHHHKH", "RZBAATWW"));
  EXPECT_EQ(p.remittance, "Invoice EH-2026-0311 part 1 Invoice EH-2026-0312");
  EXPECT_EQ(p.purpose, "TRADE");
  EXPECT_EQ((*payments)[1].id, "TX-2");
  EXPECT_EQ((*payments)[1].amount, (Money{125'000, "USD"}));
  EXPECT_EQ((*payments)[1].executed_at, *ParseTimestamp("2026-03-05T00:00:00Z"));
}

TEST(Pacs008Test, ReadsOlderVersionsAndFallbacks) {
  // 001.02: BIC instead of BICFI; no TxId (EndToEndId names it, or MsgId when NOTPROVIDED);
  // no settlement date (acceptance time, then the creation time).
  std::string first = TransactionXml("X", kEur, "<AccptncDtTm>2026-03-06T08:00:00Z</AccptncDtTm>");
  first.replace(first.find("<TxId>X</TxId>"), 14, "");
  std::string second = TransactionXml("Y", kEur, "");
  second.replace(second.find("<TxId>Y</TxId>"), 14, "");
  second.replace(second.find("E2E-Y"), 5, "NOTPROVIDED");
  std::string xml = Message(first + second, "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02");
  for (size_t at; (at = xml.find("BICFI")) != std::string::npos;) xml.replace(at, 5, "BIC");
  auto payments = ParsePacs008(xml, "old.xml");
  ASSERT_TRUE(payments.has_value()) << payments.error().ToString();
  ASSERT_EQ(payments->size(), 2u);
  EXPECT_EQ((*payments)[0].id, "E2E-X");
  EXPECT_EQ((*payments)[0].executed_at, *ParseTimestamp("2026-03-06T08:00:00Z"));
  EXPECT_EQ((*payments)[0].debtor.agent_bic, "KICBKG22");
  EXPECT_EQ((*payments)[1].id, "MSG-1-2");
  EXPECT_EQ((*payments)[1].executed_at, *ParseTimestamp("2026-03-04T04:12:55Z"));
}

TEST(Pacs008Test, GroupSettlementDateApplies) {
  const std::string xml =
      Message(TransactionXml("A", kEur, ""), "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.10",
              "<IntrBkSttlmDt>2026-02-27</IntrBkSttlmDt>");
  auto payments = ParsePacs008(xml, "");
  ASSERT_TRUE(payments.has_value()) << payments.error().ToString();
  EXPECT_EQ((*payments)[0].executed_at, *ParseTimestamp("2026-02-27T00:00:00Z"));
}

TEST(Pacs008Test, TaxIdReadByCountry) {
  std::string tx = TransactionXml("A", kEur);
  tx.replace(tx.find("<Prtry>inn</Prtry>"), 18, "<Cd>TXID</Cd>");
  tx.replace(tx.find("02505202210123"), 14, "180340012345");
  tx.replace(tx.find("<Ctry>KG</Ctry>"), 15, "<Ctry>KZ</Ctry>");
  auto payments = ParsePacs008(Message(tx), "");
  ASSERT_TRUE(payments.has_value()) << payments.error().ToString();
  EXPECT_THAT((*payments)[0].debtor.party.ids,
              ElementsAre(Identifier{IdKind::kBin, "180340012345"}));
}

struct ErrorCase {
  std::string name;
  std::string xml;
  std::string field;
  std::string message;
  std::string line_of;  // the text whose line the error names; empty: no line check
};

TEST(Pacs008Test, ErrorsNameTheField) {
  const std::string ok = TransactionXml("OK", kEur);
  std::string no_debtor = TransactionXml("B", kEur);
  no_debtor.erase(no_debtor.find("<Dbtr>"),
                  no_debtor.find("</Dbtr>") + 7 - no_debtor.find("<Dbtr>"));
  const std::vector<ErrorCase> cases = {
      {"missing Ccy", Message(ok + TransactionXml("B", "<IntrBkSttlmAmt>5.00</IntrBkSttlmAmt>")),
       "CdtTrfTxInf[2]/IntrBkSttlmAmt", "missing the Ccy attribute", "<IntrBkSttlmAmt>5.00"},
      {"bad amount",
       Message(TransactionXml("B", "<IntrBkSttlmAmt Ccy=\"EUR\">1,000.00</IntrBkSttlmAmt>")),
       "CdtTrfTxInf[1]/IntrBkSttlmAmt", "is not a decimal amount", "1,000.00"},
      {"too many decimals",
       Message(TransactionXml("B", "<IntrBkSttlmAmt Ccy=\"EUR\">1.000001</IntrBkSttlmAmt>")),
       "CdtTrfTxInf[1]/IntrBkSttlmAmt", "is not a decimal amount", "1.000001"},
      {"missing amount", Message(ok + ok + TransactionXml("B", "")),
       "CdtTrfTxInf[3]/IntrBkSttlmAmt", "missing", ""},
      {"missing debtor", Message(no_debtor), "CdtTrfTxInf[1]/Dbtr", "missing", ""},
      {"bad date", Message(TransactionXml("B", kEur, "<IntrBkSttlmDt>04.03.2026</IntrBkSttlmDt>")),
       "CdtTrfTxInf[1]/IntrBkSttlmDt", "is not a date", "04.03.2026"},
      {"bad BIC",
       Message(ok + TransactionXml("B", kEur, "<IntrBkSttlmDt>2026-03-04</IntrBkSttlmDt>", "KICB")),
       "CdtTrfTxInf[2].debtor.agent_bic", "is not a BIC", ""},
      {"bad currency",
       Message(TransactionXml("B", "<IntrBkSttlmAmt Ccy=\"EURO\">5</IntrBkSttlmAmt>")),
       "CdtTrfTxInf[1].amount.currency", "", ""},
      {"no transaction", Message(""), "CdtTrfTxInf", "no transaction", ""},
      {"other message", Message(ok, "urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"), "Document",
       "not a pacs.008 message", ""},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto payments = ParsePacs008(c.xml, "batch.xml");
    ASSERT_FALSE(payments.has_value());
    EXPECT_EQ(payments.error().source, "batch.xml");
    EXPECT_EQ(payments.error().field, c.field) << payments.error().ToString();
    EXPECT_THAT(payments.error().message, HasSubstr(c.message));
    if (!c.line_of.empty()) {
      EXPECT_EQ(payments.error().line, LineOf(c.xml, c.line_of));
    }
  }
}

TEST(Pacs008Test, RefusesMalformedAndDoctype) {
  auto broken = ParsePacs008(Message(TransactionXml("A", kEur)).substr(0, 300), "cut.xml");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::kParse);
  EXPECT_GT(broken.error().line, 0);
  auto doctype = ParsePacs008(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<Document>&x;</Document>",
      "xxe.xml");
  ASSERT_FALSE(doctype.has_value());
  EXPECT_EQ(doctype.error().code, ErrorCode::kInvalidArgument);
}

TEST(Pacs008Test, EveryTruncationFailsCleanly) {
  // Bad input of every shape gives an error or payments, never a crash (the ASan build checks
  // the memory side).
  const std::string xml = Message(TransactionXml("A", kEur) + TransactionXml("B", kEur));
  for (size_t n = 0; n < xml.size(); n += 13) {
    auto payments = ParsePacs008(std::string_view(xml).substr(0, n), "cut.xml");
    if (!payments) {
      EXPECT_FALSE(payments.error().message.empty());
    }
  }
}

TEST(Pacs008Test, ReadsTheSampleFile) {
  std::ifstream in("src/keruen/payments/testdata/pacs008_sample.xml");
  ASSERT_TRUE(in) << "run from the repository root";
  std::stringstream text;
  text << in.rdbuf();
  ASSERT_TRUE(LooksLikeXml(text.str()));
  auto payments = ParsePacs008(text.str(), "pacs008_sample.xml");
  ASSERT_TRUE(payments.has_value()) << payments.error().ToString();
  ASSERT_EQ(payments->size(), 2u);
  EXPECT_EQ((*payments)[0].id, "KZ-PMT-2026-000918273");
  EXPECT_EQ((*payments)[0].debtor.party.name, "ОсОО «Ала-Тоо Электроникс»");
  EXPECT_EQ((*payments)[1].id, "SB-77120");
  EXPECT_EQ((*payments)[1].amount, (Money{12'500'005'000, "RUB"}));
  EXPECT_THAT((*payments)[1].debtor.party.ids,
              ElementsAre(Identifier{IdKind::kInn, "7707083893"}));  // the LEI is left out
  EXPECT_EQ((*payments)[1].remittance, "Invoice ZT-00417");
}

TEST(Pacs008Test, LooksLikeXml) {
  EXPECT_TRUE(LooksLikeXml("  \n<Document/>"));
  EXPECT_TRUE(LooksLikeXml("\xEF\xBB\xBF<x/>"));
  EXPECT_FALSE(LooksLikeXml("{\"id\": 1}"));
  EXPECT_FALSE(LooksLikeXml(""));
}

}  // namespace
}  // namespace keruen::payments
