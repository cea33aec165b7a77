#include "keruen/tracking/epcis/internal/cbv.h"

#include <gtest/gtest.h>

namespace keruen::tracking::internal {
namespace {

TEST(CanonicalCbvValueTest, FoldsEveryStandardSpellingToTheBareWord) {
  for (std::string_view spelling :
       {"arriving", "urn:epcglobal:cbv:bizstep:arriving",
        "https://ref.gs1.org/cbv/BizStep-arriving", "http://ref.gs1.org/cbv/BizStep-arriving",
        "cbv:BizStep-arriving"}) {
    auto v = CanonicalCbvValue(CbvVocabulary::kBizStep, spelling);
    ASSERT_TRUE(v.has_value()) << spelling;
    EXPECT_EQ(*v, "arriving") << spelling;
  }
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kDisposition, "urn:epcglobal:cbv:disp:in_transit"),
            "in_transit");
  EXPECT_EQ(
      *CanonicalCbvValue(CbvVocabulary::kBizTransactionType, "https://ref.gs1.org/cbv/BTT-bol"),
      "bol");
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kSourceDestType, "urn:epcglobal:cbv:sdt:location"),
            "location");
  EXPECT_EQ(
      *CanonicalCbvValue(CbvVocabulary::kErrorReason, "https://ref.gs1.org/cbv/ER-did_not_occur"),
      "did_not_occur");
}

TEST(CanonicalCbvValueTest, KeepsCustomUris) {
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kBizStep, "https://example.com/bizStep/inspecting"),
            "https://example.com/bizStep/inspecting");
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kBizStep, "ext1:summarising_discharge"),
            "ext1:summarising_discharge");
  // The published CBV namespace is open to terms of one's own (OpenEPCIS's valid
  // CurieString_document.json uses "cbv:my_own_party" as a source/destination type).
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kSourceDestType, "cbv:my_own_party"),
            "cbv:my_own_party");
  EXPECT_EQ(*CanonicalCbvValue(CbvVocabulary::kBizStep, "https://ref.gs1.org/cbv/BizStep-flying"),
            "https://ref.gs1.org/cbv/BizStep-flying");
}

TEST(CanonicalCbvValueTest, RefusesNonStandardWordsAndCbvUrisOfUnknownTerms) {
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kBizStep, "transforming").has_value());
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kDisposition, "in_transport").has_value());
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kBizStep, "urn:epcglobal:cbv:bizstep:flying"));
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kBizStep, "https://ns.gs1.org/cbv/BizStep-flying"));
  // A disposition written where a business step belongs.
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kBizStep, "urn:epcglobal:cbv:disp:in_transit"));
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kBizStep, "https://ns.gs1.org/cbv/Disp-active"));
  // A standard word of another vocabulary.
  EXPECT_FALSE(CanonicalCbvValue(CbvVocabulary::kSourceDestType, "place").has_value());
  auto e = CanonicalCbvValue(CbvVocabulary::kBizStep, "transforming");
  EXPECT_NE(e.error().message.find("transforming"), std::string::npos);
}

TEST(IsUriTest, AcceptsSchemesAndCuriesRefusesWordsAndSpaces) {
  EXPECT_TRUE(IsUri("urn:epc:id:sgtin:0614141.107346.2017"));
  EXPECT_TRUE(IsUri("https://id.gs1.org/01/09521141012345/21/2017"));
  EXPECT_TRUE(IsUri("ni:///sha-256;df7bb3c352fef055578554f09f5e2aa4?ver=CBV2.0"));
  EXPECT_TRUE(IsUri("example:myField"));
  EXPECT_FALSE(IsUri("materialType"));
  EXPECT_FALSE(IsUri(""));
  EXPECT_FALSE(IsUri(":x"));
  EXPECT_FALSE(IsUri("urn:"));
  EXPECT_FALSE(IsUri("1urn:x"));
  EXPECT_FALSE(IsUri("urn:has space"));
  EXPECT_FALSE(IsUri("wrong date format"));
}

}  // namespace
}  // namespace keruen::tracking::internal
