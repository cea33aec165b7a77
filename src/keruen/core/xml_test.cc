#include "keruen/core/xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace keruen {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string NodeName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

TEST(XmlTest, WellFormedDocumentKeepsElementsTextAndLines) {
  Result<XmlDocument> doc = ParseXmlSafely(
      "<?xml version=\"1.0\"?>\n<list date=\"2026-02-27\">\n  <entry>Ivan</entry>\n</list>\n",
      "list.xml");
  ASSERT_TRUE(doc.has_value()) << doc.error().ToString();
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(NodeName(root), "list");
  const xmlNode* entry = xmlFirstElementChild(const_cast<xmlNode*>(root));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(NodeName(entry), "entry");
  EXPECT_EQ(xmlGetLineNo(entry), 3);
  xmlChar* text = xmlNodeGetContent(entry);
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(text)), "Ivan");
  xmlFree(text);
}

TEST(XmlTest, MalformedDocumentNamesSourceAndLineOfTheFirstError) {
  // The end tag on line 4 does not close the element opened on line 3.
  Result<XmlDocument> doc =
      ParseXmlSafely("<?xml version=\"1.0\"?>\n<list>\n<entry>\n</other>\n</list>\n", "list.xml");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kParse);
  EXPECT_THAT(doc.error().message, StartsWith("XML is not well-formed: "));
  EXPECT_EQ(doc.error().source, "list.xml");
  EXPECT_EQ(doc.error().line, 4);
  EXPECT_THAT(doc.error().ToString(), StartsWith("list.xml:4: "));
}

TEST(XmlTest, EmptyAndTruncatedTextsAreParseErrors) {
  Result<XmlDocument> empty = ParseXmlSafely("", "empty.xml");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kParse);
  EXPECT_EQ(empty.error().source, "empty.xml");

  Result<XmlDocument> truncated = ParseXmlSafely("<list>\n<entry>Iv", "");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().code, ErrorCode::kParse);
  EXPECT_EQ(truncated.error().line, 2);
}

TEST(XmlTest, ExternalEntityIsRefusedWithoutBeingRead) {
  const std::filesystem::path secret =
      std::filesystem::path(::testing::TempDir()) / "keruen_xml_xxe_secret.txt";
  std::ofstream(secret) << "TOPSECRET-4711";
  const std::string xxe =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE list [\n<!ENTITY xxe SYSTEM \"file://" + secret.string() +
      "\">\n]>\n<list>&xxe;</list>\n";
  Result<XmlDocument> doc = ParseXmlSafely(xxe, "list.xml");
  std::filesystem::remove(secret);
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(doc.error().message, HasSubstr("DOCTYPE is not accepted"));
  EXPECT_EQ(doc.error().line, 2);
  EXPECT_EQ(doc.error().source, "list.xml");
  EXPECT_THAT(doc.error().ToString(), Not(HasSubstr("TOPSECRET")));
}

TEST(XmlTest, InternalEntityExpansionIsRefused) {
  // A DOCTYPE with only internal entities is refused too: that is how expansion bombs come.
  Result<XmlDocument> doc = ParseXmlSafely(
      "<!DOCTYPE list [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>\n"
      "<list>&b;</list>\n",
      "");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(doc.error().line, 1);
}

}  // namespace
}  // namespace keruen
