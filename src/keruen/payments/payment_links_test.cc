#include "keruen/payments/payment_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keruen/payments/testing/fixtures.h"

namespace keruen::payments {
namespace {

using testing::EuImport;
using testing::ImportPayment;
using ::testing::IsEmpty;
using testing::kDay;
using testing::kMonday;
using ::testing::SizeIs;

std::vector<std::string> Linked(const std::vector<PaymentLink>& links) {
  std::vector<std::string> ids;
  for (const PaymentLink& l : links) ids.push_back(l.declaration->declaration.id);
  return ids;
}

TEST(PaymentLinksTest, NormalizesReferences) {
  EXPECT_EQ(NormalizeReference("EH-2026/0311"), "EH20260311");
  EXPECT_EQ(NormalizeReference("eh 2026.0311"), "EH20260311");
  EXPECT_EQ(NormalizeReference("сф-00123"), NormalizeReference("СФ 00123"));
  EXPECT_EQ(NormalizeReference("ут-000417"), "УТ000417");
  EXPECT_EQ(NormalizeReference("«№ 12»"), "12");
}

TEST(PaymentLinksTest, PartyKeysIgnoreLegalFormsAndPunctuation) {
  EXPECT_TRUE(SameParty(Party{.name = "ТОО «Достык Импэкс»"}, Party{.name = "достык импэкс тоо"}));
  EXPECT_TRUE(
      SameParty(Party{.name = "Elektronik Handel GmbH"}, Party{.name = "ELEKTRONIK HANDEL"}));
  EXPECT_FALSE(
      SameParty(Party{.name = "Elektronik Handel GmbH"}, Party{.name = "Elektronik Service GmbH"}));
  // Different spellings are the same company when an identifier says so.
  EXPECT_TRUE(
      SameParty(Party{.name = "TOO Zhibek Tranzit", .ids = {{IdKind::kBin, "180940021234"}}},
                Party{.name = "Жибек Транзит", .ids = {{IdKind::kBin, "1809 4002 1234"}}}));
}

TEST(PaymentLinksTest, NamesakesWithDifferentIdentifiersAreTwoParties) {
  const Party lotos_tyumen{.name = "ООО «Лотос»", .ids = {{IdKind::kInn, "7223302368"}}};
  const Party lotos_samara{.name = "ООО «Лотос»", .ids = {{IdKind::kInn, "6316759349"}}};
  EXPECT_FALSE(SameParty(lotos_tyumen, lotos_samara));
  // An identifier only one side gives does not contradict the name.
  EXPECT_TRUE(SameParty(lotos_tyumen, Party{.name = "Лотос ООО"}));
  EXPECT_TRUE(
      SameParty(lotos_tyumen, Party{.name = "Lotos", .ids = {{IdKind::kInn, "7223302368"}}}));
}

TEST(PaymentLinksTest, FindsTheInvoiceInEveryRemittanceStyle) {
  DeclarationIndex index;
  index.AddDeclaration(EuImport("I-1"));
  index.AddDeclaration(testing::RuExport("E-1"));
  // The styles the simulator writes (generator.cc Pay) and a few a person would.
  for (const std::string remittance :
       {"Invoice EH-2026-0311", "INV EH-2026-0311",
        "Payment for goods, invoice EH-2026-0311 dd 02.03.2026",
        "Оплата по счету EH-2026-0311 от 02.03.2026", "/INV/EH-2026-0311/2026-03-02",
        "Prepayment 30% invoice EH-2026-0311", "Предоплата 30% по инвойсу EH-2026-0311",
        "Окончательный расчет по инвойсу EH-2026-0311", "inv eh 2026 0311", "INV.EH20260311",
        "Payment for invoice EH-2026-0311 on behalf of ТОО «Достык Импэкс»"}) {
    SCOPED_TRACE(remittance);
    // An amount far from the total: only the ref can link it.
    const auto links = index.Link(ImportPayment("P", 1000, remittance));
    ASSERT_THAT(links, SizeIs(1));
    EXPECT_EQ(links[0].declaration->declaration.id, "I-1");
    EXPECT_EQ(links[0].method, LinkMethod::kInvoiceRef);
    EXPECT_EQ(links[0].invoice, "EH-2026-0311");
    EXPECT_TRUE(links[0].creditor_is_consignor);
    EXPECT_TRUE(links[0].debtor_is_buyer);
  }
  EXPECT_THAT(index.Link(ImportPayment("P", 1000, "Invoice EH-2026-0312")), IsEmpty());
  EXPECT_THAT(index.Link(ImportPayment("P", 1000, "EH-2026")), IsEmpty());
}

TEST(PaymentLinksTest, CyrillicRefsMatchInAnyCase) {
  DeclarationIndex index;
  Declaration d = EuImport("I-2");
  d.documents = {{"invoice", "СФ-00123"}};
  index.AddDeclaration(d);
  EXPECT_THAT(Linked(index.Link(ImportPayment("P", 10, "оплата по сф 00123 от 02.03.2026"))),
              ::testing::ElementsAre("I-2"));
}

TEST(PaymentLinksTest, LongerRefWinsOverShortNumberInsideIt) {
  DeclarationIndex index;
  index.AddDeclaration(EuImport("I-1"));
  Declaration kg = EuImport("I-KG");
  kg.documents = {{"invoice", "0311"}};
  index.AddDeclaration(kg);
  EXPECT_THAT(Linked(index.Link(ImportPayment("P", 10, "Invoice EH-2026-0311"))),
              ::testing::ElementsAre("I-1"));
}

TEST(PaymentLinksTest, ShortNumericRefNeedsTheParties) {
  DeclarationIndex index;
  Declaration kg = EuImport("I-KG");
  kg.documents = {{"invoice", "4431"}};
  index.AddDeclaration(kg);
  // The same number from strangers is only a number.
  const Payment strangers =
      testing::MakePayment("P1", kMonday, testing::HkPayer(), "HSBCHKHHHKH", testing::RuBuyer(),
                           "SABRRUMM", 10, "USD", "Invoice 4431 dd 02.03.2026");
  EXPECT_THAT(index.Link(strangers), IsEmpty());
  EXPECT_THAT(Linked(index.Link(ImportPayment("P2", 10, "Invoice 4431 dd 02.03.2026"))),
              ::testing::ElementsAre("I-KG"));
}

// "11.03.2026" holds "032026", the key of invoice "0320/26": the parties agree (the seller is
// paid) but the payment is for another invoice, dated in March.
TEST(PaymentLinksTest, ShortNumericRefIsNotFoundInsideADate) {
  DeclarationIndex index;
  Declaration kg = EuImport("I-KG");
  kg.documents = {{"invoice", "0320/26"}};
  index.AddDeclaration(kg);
  for (const char* remittance :
       {"Оплата по счету УТ-010744 от 11.03.2026",
        "Payment for goods, invoice 5852/26 dd 06/03/2026", "/INV/EH-77/2026-03-20/26"}) {
    EXPECT_THAT(index.Link(ImportPayment("P", 10, remittance)), IsEmpty()) << remittance;
  }
  EXPECT_THAT(Linked(index.Link(ImportPayment("P", 10, "Оплата по счету 0320/26 от 11.03.2026"))),
              ::testing::ElementsAre("I-KG"));
}

TEST(PaymentLinksTest, SharedRefGoesToTheDeclarationWhosePartiesAgree) {
  DeclarationIndex index;
  Declaration other = testing::RuExport("E-OTHER");
  other.documents = {{"invoice", "0012/26"}};
  index.AddDeclaration(other);
  Declaration mine = EuImport("I-MINE");
  mine.documents = {{"invoice", "0012/26"}};
  index.AddDeclaration(mine);
  EXPECT_THAT(Linked(index.Link(ImportPayment("P", 10, "Оплата по счету 0012/26 от 01.03.2026"))),
              ::testing::ElementsAre("I-MINE"));
}

TEST(PaymentLinksTest, FallsBackToPartiesAmountAndDate) {
  DeclarationIndex index;
  index.AddDeclaration(EuImport("I-1"));
  const auto links = index.Link(ImportPayment("P", 84000 * 0.95, "Payment for goods"));
  ASSERT_THAT(links, SizeIs(1));
  EXPECT_EQ(links[0].method, LinkMethod::kPartiesAmountDate);
  EXPECT_TRUE(links[0].invoice.empty());
  // Too far from the total, or too long after lodging.
  EXPECT_THAT(index.Link(ImportPayment("P", 84000 * 0.5, "Payment for goods")), IsEmpty());
  EXPECT_THAT(index.Link(ImportPayment("P", 84000, "Payment for goods", kMonday + 90 * kDay)),
              IsEmpty());
  // Another payee is not this declaration's seller.
  Payment other = ImportPayment("P", 84000, "Payment for goods");
  other.creditor.party = testing::KzExporter();
  EXPECT_THAT(index.Link(other), IsEmpty());
}

TEST(PaymentLinksTest, AmendmentReplacesTheRefs) {
  DeclarationIndex index;
  index.AddDeclaration(EuImport("I-1"));
  Declaration amended = EuImport("I-1");
  amended.documents = {{"invoice", "EH-2026-0999"}};
  index.AddDeclaration(amended);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_THAT(index.Link(ImportPayment("P", 10, "Invoice EH-2026-0311")), IsEmpty());
  EXPECT_THAT(Linked(index.Link(ImportPayment("P", 10, "Invoice EH-2026-0999"))),
              ::testing::ElementsAre("I-1"));
}

TEST(PaymentLinksTest, ScanningAgreesWithTheIndex) {
  DeclarationIndex index;
  for (int i = 0; i < 50; ++i) {
    Declaration d = EuImport("I-" + std::to_string(i), kMonday + i * kDay);
    d.documents = {{"invoice", "EH-2026-" + std::to_string(1000 + i)}};
    d.items[0].value.units = (1000 + i) * Money::kScale;
    index.AddDeclaration(d);
  }
  for (int i = 0; i < 60; ++i) {
    const Payment p = i % 2 == 0 ? ImportPayment("P", 1, "INV EH-2026-" + std::to_string(1000 + i))
                                 : ImportPayment("P", 1000 + i, "goods", kMonday + i * kDay);
    EXPECT_EQ(Linked(index.Link(p)), Linked(index.LinkByScanning(p))) << i;
  }
}

// Hundreds of declarations citing one ref (and a short all-digit one), lodged on a few days so
// that many are equally near a payment, by sellers and buyers that agree with a payment's
// parties, by a namesake of its seller with another identifier, and by strangers; some are
// amended to another day or ref. The index links every payment as the scan does.
TEST(PaymentLinksTest, ScanningAgreesWithTheIndexOnSharedRefs) {
  const Party namesake{.name = "Elektronik Handel GmbH",
                       .country = "AT",
                       .ids = {{IdKind::kEori, "ATEOS1000012345"}}};
  const std::vector<std::pair<Party, Party>> sellers_and_buyers = {
      {testing::EuSeller(), testing::KzImporter()},
      {testing::EuSeller(), testing::RuBuyer()},
      {namesake, testing::RuBuyer()},
      {testing::HkPayer(), testing::KzImporter()},
      {testing::KzExporter(), testing::RuBuyer()},
      {namesake, testing::HkPayer()}};
  DeclarationIndex index;
  auto declaration = [&](int i, int day, const std::string& invoice) {
    const auto& [seller, buyer] = sellers_and_buyers[i % sellers_and_buyers.size()];
    return testing::MakeDeclaration("D-" + std::to_string(i), DeclarationKind::kImport,
                                    kMonday + day * kDay, seller, buyer, invoice, 1000 + i, "EUR",
                                    "DE");
  };
  for (int i = 0; i < 400; ++i) {
    index.AddDeclaration(declaration(i, (i * 7) % 9 - 4, i % 3 == 0 ? "4431" : "EH-2026-0311"));
  }
  for (int i = 0; i < 400; i += 13) {  // amended: another day, or the other ref
    index.AddDeclaration(declaration(i, (i * 5) % 11 - 5, i % 2 == 0 ? "4431" : "EH-2026-0311"));
  }
  ASSERT_EQ(index.size(), 400u);
  const std::vector<std::pair<Party, Party>> payers_and_payees = {
      {testing::KzImporter(), testing::EuSeller()},
      {testing::RuBuyer(), testing::HkPayer()},
      {testing::HkPayer(), testing::EuSeller()},
      {testing::HkPayer(), testing::KzExporter()},
      {testing::KzExporter(), testing::EuSeller()},
      {testing::RuBuyer(), namesake},
      {Party{.name = "Nobody Trading FZE", .country = "AE"}, Party{.name = "Someone Else AG"}}};
  int linked = 0;
  for (const auto& [payer, payee] : payers_and_payees) {
    for (int half_days = -14; half_days <= 14; ++half_days) {
      for (const char* remittance :
           {"Invoice EH-2026-0311", "Invoice 4431 dd 02.03.2026", "INV 4431 and EH-2026-0311"}) {
        const Payment p =
            testing::MakePayment("P", kMonday + half_days * kDay / 2, payer, "HSBKKZKX", payee,
                                 "COBADEFFXXX", 500, "EUR", remittance);
        const auto by_index = index.Link(p);
        const auto by_scan = index.LinkByScanning(p);
        ASSERT_EQ(Linked(by_index), Linked(by_scan)) << remittance << " at " << half_days;
        for (size_t i = 0; i < by_index.size(); ++i) {
          EXPECT_EQ(by_index[i].method, by_scan[i].method);
          EXPECT_EQ(by_index[i].invoice, by_scan[i].invoice);
          EXPECT_EQ(by_index[i].creditor_is_consignor, by_scan[i].creditor_is_consignor);
          EXPECT_EQ(by_index[i].debtor_is_buyer, by_scan[i].debtor_is_buyer);
        }
        linked += by_index.empty() ? 0 : 1;
      }
    }
  }
  EXPECT_GT(linked, 0);
}

}  // namespace
}  // namespace keruen::payments
