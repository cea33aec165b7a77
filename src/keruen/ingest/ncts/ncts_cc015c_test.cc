#include "keruen/ingest/ncts/ncts_cc015c.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "keruen/core/paths.h"
#include "keruen/core/validate.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kPhase5[] = "phase5_v51.8.6";
constexpr char kPhase6[] = "phase6_v60.4.16";

std::string NctsDir() {
  const std::optional<std::string> shared = SharedDataDir();
  EXPECT_TRUE(shared.has_value()) << "shared data directory not found";
  return shared.value_or("") + "/tracking/ncts";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Sample(const char* phase, const std::string& name) {
  return ReadFile(NctsDir() + "/" + phase + "/samples/" + name);
}

// Sample file names in a phase folder that start with `prefix` and end in ".xml", sorted.
std::vector<std::string> SampleNames(const char* phase, const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(NctsDir() + "/" + phase + "/samples")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".xml") out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Replaces the one occurrence of `from` (the test fails if there is none).
std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

NctsOptions WithSchemas(NctsPhase phase = NctsPhase::kAuto) {
  NctsOptions o;
  o.schema_dir = NctsDir();
  o.phase = phase;
  return o;
}

Timestamp At(const char* iso) { return ParseTimestamp(iso).value(); }

// A small CC015C that satisfies both phases' XSDs, with the parts the HMRC samples lack:
// two goods items with commodity codes, a road vehicle and trailer, documents, seals.
std::string Minimal() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<ncts:CC015C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">
  <messageSender>keruen.test</messageSender>
  <messageRecipient>NTA.DE</messageRecipient>
  <preparationDateAndTime>2026-03-02T06:40:00</preparationDateAndTime>
  <messageIdentification>M1</messageIdentification>
  <messageType>CC015C</messageType>
  <TransitOperation>
    <LRN>KZTEST-0001</LRN>
    <declarationType>T1</declarationType>
    <additionalDeclarationType>A</additionalDeclarationType>
    <security>0</security>
    <reducedDatasetIndicator>0</reducedDatasetIndicator>
    <bindingItinerary>0</bindingItinerary>
    <limitDate>2026-03-07</limitDate>
  </TransitOperation>
  <CustomsOfficeOfDeparture>
    <referenceNumber>DE004800</referenceNumber>
  </CustomsOfficeOfDeparture>
  <CustomsOfficeOfDestinationDeclared>
    <referenceNumber>PL301010</referenceNumber>
  </CustomsOfficeOfDestinationDeclared>
  <HolderOfTheTransitProcedure>
    <identificationNumber>DE123456789012345</identificationNumber>
    <name>Elektronik Handel GmbH</name>
    <Address>
      <streetAndNumber>Industriestrasse 12</streetAndNumber>
      <postcode>70565</postcode>
      <city>Stuttgart</city>
      <country>DE</country>
    </Address>
  </HolderOfTheTransitProcedure>
  <Guarantee>
    <sequenceNumber>1</sequenceNumber>
    <guaranteeType>0</guaranteeType>
  </Guarantee>
  <Consignment>
    <countryOfDispatch>DE</countryOfDispatch>
    <countryOfDestination>PL</countryOfDestination>
    <inlandModeOfTransport>3</inlandModeOfTransport>
    <grossMass>503</grossMass>
    <Consignor>
      <name>Elektronik Handel GmbH</name>
    </Consignor>
    <TransportEquipment>
      <sequenceNumber>1</sequenceNumber>
      <numberOfSeals>2</numberOfSeals>
      <Seal>
        <sequenceNumber>1</sequenceNumber>
        <identifier>DE-SEAL-1</identifier>
      </Seal>
      <Seal>
        <sequenceNumber>2</sequenceNumber>
        <identifier>DE-SEAL-2</identifier>
      </Seal>
    </TransportEquipment>
    <DepartureTransportMeans>
      <sequenceNumber>1</sequenceNumber>
      <typeOfIdentification>30</typeOfIdentification>
      <identificationNumber>S-KH-1234</identificationNumber>
      <nationality>DE</nationality>
    </DepartureTransportMeans>
    <DepartureTransportMeans>
      <sequenceNumber>2</sequenceNumber>
      <typeOfIdentification>31</typeOfIdentification>
      <identificationNumber>S-AH-5678</identificationNumber>
      <nationality>DE</nationality>
    </DepartureTransportMeans>
    <TransportDocument>
      <sequenceNumber>1</sequenceNumber>
      <type>N730</type>
      <referenceNumber>CMR 0049121</referenceNumber>
    </TransportDocument>
    <HouseConsignment>
      <sequenceNumber>1</sequenceNumber>
      <grossMass>503</grossMass>
      <Consignee>
        <name>Ala-Too Electronics LLC</name>
        <Address>
          <streetAndNumber>Ibraimova 103</streetAndNumber>
          <city>Bishkek</city>
          <country>KG</country>
        </Address>
      </Consignee>
      <ConsignmentItem>
        <goodsItemNumber>1</goodsItemNumber>
        <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
        <Commodity>
          <descriptionOfGoods>Microcontrollers, 32-bit</descriptionOfGoods>
          <CommodityCode>
            <harmonizedSystemSubHeadingCode>854231</harmonizedSystemSubHeadingCode>
            <combinedNomenclatureCode>90</combinedNomenclatureCode>
          </CommodityCode>
          <GoodsMeasure>
            <grossMass>48</grossMass>
            <netMass>36.5</netMass>
          </GoodsMeasure>
        </Commodity>
        <Packaging>
          <sequenceNumber>1</sequenceNumber>
          <typeOfPackages>CT</typeOfPackages>
          <numberOfPackages>10</numberOfPackages>
        </Packaging>
        <Packaging>
          <sequenceNumber>2</sequenceNumber>
          <typeOfPackages>PX</typeOfPackages>
          <numberOfPackages>2</numberOfPackages>
        </Packaging>
        <SupportingDocument>
          <sequenceNumber>1</sequenceNumber>
          <type>N380</type>
          <referenceNumber>EH-2026-0311</referenceNumber>
        </SupportingDocument>
      </ConsignmentItem>
      <ConsignmentItem>
        <goodsItemNumber>2</goodsItemNumber>
        <declarationGoodsItemNumber>2</declarationGoodsItemNumber>
        <Commodity>
          <descriptionOfGoods>Static converters</descriptionOfGoods>
          <CommodityCode>
            <harmonizedSystemSubHeadingCode>850440</harmonizedSystemSubHeadingCode>
          </CommodityCode>
          <GoodsMeasure>
            <grossMass>455</grossMass>
            <netMass>410</netMass>
          </GoodsMeasure>
        </Commodity>
        <Packaging>
          <sequenceNumber>1</sequenceNumber>
          <typeOfPackages>PX</typeOfPackages>
          <numberOfPackages>3</numberOfPackages>
        </Packaging>
        <SupportingDocument>
          <sequenceNumber>1</sequenceNumber>
          <type>N380</type>
          <referenceNumber>EH-2026-0311</referenceNumber>
        </SupportingDocument>
        <SupportingDocument>
          <sequenceNumber>2</sequenceNumber>
          <type>C505</type>
          <referenceNumber>GUAR-7</referenceNumber>
        </SupportingDocument>
      </ConsignmentItem>
    </HouseConsignment>
  </Consignment>
</ncts:CC015C>
)";
}

// ---- The HMRC "valid" samples ---------------------------------------------------------

TEST(NctsCc015cTest, EveryValidSampleOfBothPhasesImportsWithSchemaValidation) {
  for (const char* phase : {kPhase5, kPhase6}) {
    const std::vector<std::string> names = SampleNames(phase, "cc015c-valid");
    EXPECT_THAT(names, ElementsAre("cc015c-valid-2.xml", "cc015c-valid.xml")) << phase;
    const NctsOptions options =
        WithSchemas(phase == kPhase5 ? NctsPhase::kPhase5 : NctsPhase::kPhase6);
    for (const std::string& name : names) {
      Result<Declaration> d = ParseCc015c(Sample(phase, name), options);
      ASSERT_TRUE(d.has_value()) << phase << "/" << name << ": " << d.error().ToString();
      EXPECT_EQ(d->kind, DeclarationKind::kTransit);
      EXPECT_FALSE(d->items.empty());
    }
  }
}

TEST(NctsCc015cTest, Phase5ValidSampleMapsItsFields) {
  Result<Declaration> d = ParseCc015c(Sample(kPhase5, "cc015c-valid.xml"), {});
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->id, "DHbrfgDQJRm");
  EXPECT_EQ(d->lodged_at, At("2022-07-02T03:11:04Z"));
  // "ezv3Z" has no EORI shape, so the holder keeps no identifier; having no name either,
  // it is named by its number.
  EXPECT_TRUE(d->declarant.ids.empty());
  EXPECT_EQ(d->declarant.name, "TIN ezv3Z");
  ASSERT_EQ(d->items.size(), 1u);
  EXPECT_EQ(d->items[0].seq, 25);
  EXPECT_EQ(d->items[0].hs, "");
  EXPECT_THAT(d->items[0].description, StartsWith("fds9YFrlk6DX7pnwQNgJ"));
  EXPECT_EQ(d->items[0].quantity, 0);  // Packaging without numberOfPackages
  EXPECT_EQ(d->items[0].value, (Money{0, "EUR"}));
  EXPECT_FALSE(d->itinerary.limit_date.has_value());
  EXPECT_TRUE(d->transport.seals.empty());

  // CC015C makes the commodity code optional, and so does Keruen for transit.
  Status check = CheckDeclaration(*d);
  EXPECT_TRUE(check.has_value()) << check.error().ToString();
}

TEST(NctsCc015cTest, Phase6ValidSampleMapsGoodsMeasure) {
  Result<Declaration> d = ParseCc015c(Sample(kPhase6, "cc015c-valid.xml"), {});
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->id, "DHbrfgDQJRm");
  ASSERT_EQ(d->items.size(), 1u);
  EXPECT_EQ(d->items[0].seq, 25);
  EXPECT_EQ(d->items[0].gross_kg, 1000.0);
  EXPECT_EQ(d->items[0].net_kg, 0.0);

  Status check = CheckDeclaration(*d);
  EXPECT_TRUE(check.has_value()) << check.error().ToString();
}

TEST(NctsCc015cTest, ValidTwoSampleMapsPartiesTransportAndGoodsInBothPhases) {
  for (const char* phase : {kPhase5, kPhase6}) {
    SCOPED_TRACE(phase);
    Result<Declaration> d = ParseCc015c(Sample(phase, "cc015c-valid-2.xml"), {});
    ASSERT_TRUE(d.has_value()) << d.error().ToString();
    EXPECT_EQ(d->id, "MDTP-18");
    EXPECT_EQ(d->lodged_at, At("2023-04-03T10:18:16Z"));
    EXPECT_EQ(d->itinerary.limit_date, At("2023-07-30T23:59:59Z"));
    EXPECT_EQ(d->itinerary.entry_post, "");  // offices are not border posts
    EXPECT_EQ(d->itinerary.exit_post, "");

    EXPECT_EQ(d->declarant.name, "Trader 1");
    EXPECT_EQ(d->declarant.country, "BG");
    EXPECT_EQ(d->declarant.address, "1 TRADER STREET, BT12 5EE Belfast");
    // XI985524247819 is a Northern Ireland EORI, which validate.h accepts.
    EXPECT_THAT(d->declarant.ids, ElementsAre(Identifier{IdKind::kEori, "XI985524247819"}));

    ASSERT_TRUE(d->consignor.has_value());
    EXPECT_EQ(d->consignor->name, "Klein Georg");
    EXPECT_EQ(d->consignor->country, "BG");
    EXPECT_THAT(d->consignor->ids, ElementsAre(Identifier{IdKind::kEori, "NL023111152"}));
    ASSERT_TRUE(d->consignee.has_value());
    EXPECT_EQ(d->consignee->name, "Sofia Lemmens");
    EXPECT_EQ(d->consignee->country, "AE");
    ASSERT_TRUE(d->carrier.has_value());
    EXPECT_EQ(d->carrier->name, "TIN NL023111152");  // the carrier has no name in CC015C
    EXPECT_THAT(d->carrier->ids, ElementsAre(Identifier{IdKind::kEori, "NL023111152"}));
    EXPECT_EQ(d->country_of_dispatch, "");
    EXPECT_EQ(d->country_of_destination, "GB");

    EXPECT_EQ(d->transport.mode, "sea");  // modeOfTransportAtTheBorder 1
    EXPECT_EQ(d->transport.vehicle, "56984526487521");
    EXPECT_THAT(d->transport.seals, ElementsAre("F742"));

    ASSERT_EQ(d->items.size(), 1u);
    const GoodsItem& item = d->items[0];
    EXPECT_EQ(item.seq, 1);
    EXPECT_EQ(item.hs, "152000");
    EXPECT_EQ(item.description, "Drum, steel");
    EXPECT_EQ(item.quantity, 10);
    EXPECT_EQ(item.unit, "packages");
    EXPECT_DOUBLE_EQ(item.gross_kg, 3340.102);
    EXPECT_DOUBLE_EQ(item.net_kg, 3340.102);
    EXPECT_TRUE(d->documents.empty());  // the sample's documents are commented out

    EXPECT_TRUE(CheckDeclaration(*d).has_value()) << CheckDeclaration(*d).error().ToString();
  }
}

// ---- Danish Customs (Skat) templates: real-world phase 5 CC015C -------------------------

TEST(NctsCc015cTest, DanishTemplatesImportAndPassTheDeclarationChecks) {
  Result<Declaration> ga = ParseCc015c(Sample(kPhase5, "dk-skat-IE015-GA_skabelon.xml"), {});
  ASSERT_TRUE(ga.has_value()) << ga.error().ToString();
  EXPECT_EQ(ga->id, "SkabelonGA1");
  EXPECT_EQ(ga->declarant.name, "Hr. Hovedforpligtede");
  EXPECT_EQ(ga->declarant.country, "DK");
  EXPECT_THAT(ga->declarant.ids, ElementsAre(Identifier{IdKind::kEori, "DK19552101"}));
  ASSERT_TRUE(ga->consignee.has_value());
  EXPECT_EQ(ga->consignee->name, "Hr. Modtager");
  EXPECT_EQ(ga->consignee->address, "Modtagervej 1, 8200 Aarhus");
  EXPECT_EQ(ga->country_of_destination, "DK");
  EXPECT_EQ(ga->itinerary.limit_date, At("2024-03-21T23:59:59Z"));
  EXPECT_EQ(ga->transport.mode, "road");  // inlandModeOfTransport 3, no border mode
  EXPECT_EQ(ga->transport.vehicle, "DK12345");
  ASSERT_EQ(ga->items.size(), 1u);
  EXPECT_EQ(ga->items[0].hs, "730411");
  EXPECT_EQ(ga->items[0].gross_kg, 10000);
  EXPECT_EQ(ga->items[0].net_kg, 9000);
  EXPECT_THAT(ga->documents, ElementsAre(DocumentRef{"N822", "4785B CV"}));
  EXPECT_TRUE(CheckDeclaration(*ga).has_value()) << CheckDeclaration(*ga).error().ToString();

  Result<Declaration> standard =
      ParseCc015c(Sample(kPhase5, "dk-skat-IE015-Skabelon_standard.xml"), {});
  ASSERT_TRUE(standard.has_value()) << standard.error().ToString();
  EXPECT_EQ(standard->id, "ForsSkabelon1");
  EXPECT_EQ(standard->items.at(0).hs, "73041100");  // with combinedNomenclatureCode 00
  EXPECT_TRUE(CheckDeclaration(*standard).has_value());

  Result<Declaration> non_eu =
      ParseCc015c(Sample(kPhase5, "dk-skat-IE015-Skabelon_non_EU_sikkerhed_og_sikring_2.xml"), {});
  ASSERT_TRUE(non_eu.has_value()) << non_eu.error().ToString();
  EXPECT_EQ(non_eu->id, "SkabelonSSNONEU1");
  EXPECT_EQ(non_eu->country_of_destination, "GB");
  EXPECT_EQ(non_eu->transport.mode, "road");  // modeOfTransportAtTheBorder 3
  EXPECT_EQ(non_eu->transport.vehicle, "DK12345");
  EXPECT_THAT(non_eu->documents, ElementsAre(DocumentRef{"packing_list", "1234"}));
  EXPECT_TRUE(CheckDeclaration(*non_eu).has_value());
}

TEST(NctsCc015cTest, DanishTemplatesFailTheXsdOnTheirNationalExtensionBlock) {
  for (const char* name : {"dk-skat-IE015-GA_skabelon.xml", "dk-skat-IE015-Skabelon_standard.xml",
                           "dk-skat-IE015-Skabelon_non_EU_sikkerhed_og_sikring_2.xml"}) {
    Result<Declaration> d = ParseCc015c(Sample(kPhase5, name), WithSchemas());
    ASSERT_FALSE(d.has_value()) << name;
    EXPECT_EQ(d.error().field, "Extensions[1]") << name;
    EXPECT_EQ(d.error().line, 3) << name;
    EXPECT_THAT(d.error().message, HasSubstr("This element is not expected")) << name;
    EXPECT_THAT(d.error().message, HasSubstr("phase5")) << name;
  }
}

// ---- The HMRC "invalid" samples ---------------------------------------------------------

TEST(NctsCc015cTest, EveryInvalidSampleOfBothPhasesIsRefusedWithOrWithoutXsd) {
  for (const char* phase : {kPhase5, kPhase6}) {
    const std::vector<std::string> names = SampleNames(phase, "cc015c-invalid");
    EXPECT_EQ(names.size(), 4u) << phase;
    for (const std::string& name : names) {
      for (const NctsOptions& options : {NctsOptions{}, WithSchemas()}) {
        Result<Declaration> d = ParseCc015c(Sample(phase, name), options);
        ASSERT_FALSE(d.has_value()) << phase << "/" << name;
        EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument) << d.error().ToString();
        EXPECT_FALSE(d.error().field.empty()) << d.error().ToString();
        EXPECT_GT(d.error().line, 0) << d.error().ToString();
      }
    }
  }
}

TEST(NctsCc015cTest, TemplatePlaceholderLrnIsRefused) {
  for (const char* phase : {kPhase5, kPhase6}) {
    Result<Declaration> d = ParseCc015c(Sample(phase, "cc015c-invalid-lrn.xml"), {});
    ASSERT_FALSE(d.has_value()) << phase;
    EXPECT_EQ(d.error().field, "TransitOperation/LRN");
    EXPECT_EQ(d.error().line, 8);
    EXPECT_THAT(d.error().message, HasSubstr("\"{{LRN}}\" is not a local reference number"));
    EXPECT_EQ(d.error().ToString().rfind("CC015C:8: TransitOperation/LRN: ", 0), 0u)
        << d.error().ToString();
  }
}

TEST(NctsCc015cTest, EmptyOrMissingMessageSenderIsRefused) {
  for (const char* phase : {kPhase5, kPhase6}) {
    Result<Declaration> empty = ParseCc015c(Sample(phase, "cc015c-invalid-message-sender.xml"), {});
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().field, "messageSender");
    EXPECT_EQ(empty.error().message, "is empty");
    EXPECT_EQ(empty.error().line, 2);

    Result<Declaration> missing = ParseCc015c(Sample(phase, "cc015c-invalid.xml"), {});
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().field, "messageSender");
    EXPECT_EQ(missing.error().message, "is missing");
  }
}

TEST(NctsCc015cTest, DepartureOfficeWithoutCountryCodeIsRefused) {
  for (const char* phase : {kPhase5, kPhase6}) {
    Result<Declaration> d =
        ParseCc015c(Sample(phase, "cc015c-invalid-reference-departure.xml"), {});
    ASSERT_FALSE(d.has_value());
    EXPECT_EQ(d.error().field, "CustomsOfficeOfDeparture/referenceNumber");
    EXPECT_EQ(d.error().line, 16);
    EXPECT_EQ(d.error().message,
              "\"XB3KMA8M\" does not start with a country code (XB is not an ISO 3166-1 code)");
  }
}

TEST(NctsCc015cTest, XsdReportsTheFirstSchemaErrorWithPathAndLine) {
  Result<Declaration> sender =
      ParseCc015c(Sample(kPhase5, "cc015c-invalid-message-sender.xml"), WithSchemas());
  ASSERT_FALSE(sender.has_value());
  EXPECT_EQ(sender.error().field, "messageSender");
  EXPECT_EQ(sender.error().line, 2);
  EXPECT_THAT(sender.error().message,
              HasSubstr("phase5 CC015C schema: [facet 'pattern'] The value '' is not accepted"));

  Result<Declaration> order = ParseCc015c(Sample(kPhase5, "cc015c-invalid.xml"), WithSchemas());
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().field, "messageRecipient");
  EXPECT_THAT(order.error().message,
              HasSubstr("This element is not expected. Expected is ( messageSender )"));

  // Phase 6 requires GoodsMeasure, which the phase 6 "invalid" samples leave out; the phase 5
  // schema accepts them and the LRN check speaks.
  Result<Declaration> p6 =
      ParseCc015c(Sample(kPhase6, "cc015c-invalid-lrn.xml"), WithSchemas(NctsPhase::kPhase6));
  ASSERT_FALSE(p6.has_value());
  EXPECT_EQ(p6.error().field, "Consignment/HouseConsignment/ConsignmentItem/Commodity");
  EXPECT_EQ(p6.error().line, 37);
  EXPECT_THAT(p6.error().message, HasSubstr("phase6 CC015C schema: Missing child element(s)"));
  Result<Declaration> p5 =
      ParseCc015c(Sample(kPhase6, "cc015c-invalid-lrn.xml"), WithSchemas(NctsPhase::kPhase5));
  ASSERT_FALSE(p5.has_value());
  EXPECT_EQ(p5.error().field, "TransitOperation/LRN");
}

TEST(NctsCc015cTest, PhaseIdSelectsTheSchema) {
  const std::string p6_sample = Sample(kPhase6, "cc015c-invalid-lrn.xml");
  // PhaseID="NCTS5.0" in the sample: the phase 5 schema, which accepts the missing measure.
  Result<Declaration> auto5 = ParseCc015c(p6_sample, WithSchemas());
  ASSERT_FALSE(auto5.has_value());
  EXPECT_EQ(auto5.error().field, "TransitOperation/LRN");

  Result<Declaration> auto6 =
      ParseCc015c(Replace(p6_sample, "PhaseID=\"NCTS5.0\"", "PhaseID=\"NCTS6\""), WithSchemas());
  ASSERT_FALSE(auto6.has_value());
  EXPECT_THAT(auto6.error().message, HasSubstr("phase6 CC015C schema"));

  Result<Declaration> unknown =
      ParseCc015c(Replace(p6_sample, "PhaseID=\"NCTS5.0\"", "PhaseID=\"NCTS7\""), WithSchemas());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().field, "@PhaseID");
  EXPECT_THAT(unknown.error().message, HasSubstr("\"NCTS7\" is not an NCTS phase"));
}

TEST(NctsCc015cTest, MissingSchemaFolderIsReportedAsNotFound) {
  NctsOptions options;
  options.schema_dir = NctsDir() + "/no-such-folder";
  Result<Declaration> d = ParseCc015c(Sample(kPhase5, "cc015c-valid.xml"), options);
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(d.error().message, HasSubstr("phase5*/xsd/cc015c.xsd"));
}

// ---- Other messages and hostile input ---------------------------------------------------

TEST(NctsCc015cTest, OtherNctsMessagesAreRefusedByType) {
  Result<Declaration> arrival = ParseCc015c(Sample(kPhase5, "cc007c-valid.xml"), {});
  ASSERT_FALSE(arrival.has_value());
  EXPECT_EQ(arrival.error().message, "not a CC015C transit declaration (found CC007C)");

  int refused = 0;
  for (const char* phase : {kPhase5, kPhase6}) {
    for (const char* prefix :
         {"cc007c", "cc013c", "cc014c", "cc025c", "cc029c", "cc043c", "cc044c", "cc170c", "tis-"}) {
      for (const std::string& name : SampleNames(phase, prefix)) {
        Result<Declaration> d = ParseCc015c(Sample(phase, name), WithSchemas());
        ASSERT_FALSE(d.has_value()) << name;
        EXPECT_THAT(d.error().message, StartsWith("not a CC015C transit declaration (found CC"))
            << name;
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 40);
}

TEST(NctsCc015cTest, MessageTypeMustMatchTheRoot) {
  Result<Declaration> d =
      ParseCc015c(Replace(Minimal(), "<messageType>CC015C<", "<messageType>CC013C<"), {});
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field, "messageType");
  EXPECT_EQ(d.error().message, "\"CC013C\" does not match the root element CC015C");
}

TEST(NctsCc015cTest, TruncatedXmlIsRefusedWithALineNumber) {
  const std::string full = Sample(kPhase5, "cc015c-valid-2.xml");
  const std::string truncated = full.substr(0, full.size() / 2);
  const int64_t lines = std::count(truncated.begin(), truncated.end(), '\n') + 1;
  Result<Declaration> d = ParseCc015c(truncated, {});
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, ErrorCode::kParse);
  EXPECT_THAT(d.error().message, StartsWith("XML is not well-formed: "));
  EXPECT_GT(d.error().line, 100);
  EXPECT_LE(d.error().line, lines);
  EXPECT_EQ(d.error().ToString().rfind("CC015C:" + std::to_string(d.error().line) + ": ", 0), 0u)
      << d.error().ToString();

  Result<Declaration> empty = ParseCc015c("", {});
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kParse);
}

TEST(NctsCc015cTest, ExternalEntityIsNeverRead) {
  const fs::path secret = fs::temp_directory_path() / "keruen_ncts_xxe_secret.txt";
  {
    std::ofstream out(secret);
    out << "TOPSECRET-4711";
  }
  const std::string xxe = Replace(
      Replace(Minimal(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE ncts:CC015C [\n<!ENTITY xxe SYSTEM \"file://" +
                  secret.string() + "\">\n]>\n"),
      "<LRN>KZTEST-0001</LRN>", "<LRN>&xxe;</LRN>");
  Result<Declaration> d = ParseCc015c(xxe, {});
  fs::remove(secret);
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error().message, HasSubstr("DOCTYPE is not accepted"));
  EXPECT_EQ(d.error().line, 2);
  EXPECT_THAT(d.error().ToString(), ::testing::Not(HasSubstr("TOPSECRET")));
}

TEST(NctsCc015cTest, EntityExpansionBombIsRefused) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&lol" + (i > 1 ? std::to_string(i - 1) : "") + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<CC015C>&lol9;</CC015C>\n";
  Result<Declaration> d = ParseCc015c(bomb, {});
  ASSERT_FALSE(d.has_value());
  EXPECT_THAT(d.error().message, HasSubstr("DOCTYPE is not accepted"));
}

TEST(NctsCc015cTest, OversizedInputIsRefusedBeforeParsing) {
  NctsOptions options;
  options.max_bytes = 1000;
  Result<Declaration> d = ParseCc015c(Sample(kPhase5, "cc015c-valid.xml"), options);
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(d.error().message, HasSubstr("exceeds the limit of 1000 bytes"));
}

// ---- Mapping details on a complete message ---------------------------------------------

TEST(NctsCc015cTest, MinimalMessageIsSchemaValidInBothPhases) {
  for (NctsPhase phase : {NctsPhase::kPhase5, NctsPhase::kPhase6}) {
    Result<Declaration> d = ParseCc015c(Minimal(), WithSchemas(phase));
    EXPECT_TRUE(d.has_value()) << d.error().ToString();
  }
}

TEST(NctsCc015cTest, CompleteMessageMapsEveryField) {
  Result<Declaration> d = ParseCc015c(Minimal(), {});
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->id, "KZTEST-0001");
  EXPECT_EQ(d->lodged_at, At("2026-03-02T06:40:00Z"));
  EXPECT_EQ(d->itinerary.limit_date, At("2026-03-07T23:59:59Z"));
  EXPECT_EQ(d->declarant.name, "Elektronik Handel GmbH");
  EXPECT_EQ(d->declarant.address, "Industriestrasse 12, 70565 Stuttgart");
  EXPECT_THAT(d->declarant.ids, ElementsAre(Identifier{IdKind::kEori, "DE123456789012345"}));
  ASSERT_TRUE(d->consignee.has_value());  // from the house consignment
  EXPECT_EQ(d->consignee->name, "Ala-Too Electronics LLC");
  EXPECT_EQ(d->consignee->address, "Ibraimova 103, Bishkek");
  EXPECT_EQ(d->consignee->country, "KG");
  EXPECT_FALSE(d->carrier.has_value());
  EXPECT_EQ(d->country_of_dispatch, "DE");
  EXPECT_EQ(d->country_of_destination, "PL");
  EXPECT_EQ(d->transport.mode, "road");
  EXPECT_EQ(d->transport.vehicle, "S-KH-1234");
  EXPECT_EQ(d->transport.trailer, "S-AH-5678");
  EXPECT_THAT(d->transport.seals, ElementsAre("DE-SEAL-1", "DE-SEAL-2"));
  ASSERT_EQ(d->items.size(), 2u);
  EXPECT_EQ(d->items[0].hs, "85423190");
  EXPECT_EQ(d->items[0].quantity, 12);  // 10 + 2 packages
  EXPECT_EQ(d->items[0].unit, "packages");
  EXPECT_EQ(d->items[0].net_kg, 36.5);
  EXPECT_EQ(d->items[1].seq, 2);
  EXPECT_EQ(d->items[1].hs, "850440");
  EXPECT_EQ(d->items[1].value, (Money{0, "EUR"}));
  // The invoice both items cite is listed once.
  EXPECT_THAT(d->documents,
              ElementsAre(DocumentRef{"cmr", "CMR 0049121"}, DocumentRef{"invoice", "EH-2026-0311"},
                          DocumentRef{"C505", "GUAR-7"}));
  EXPECT_TRUE(CheckDeclaration(*d).has_value()) << CheckDeclaration(*d).error().ToString();
}

TEST(NctsCc015cTest, MrnWinsOverLrnWhenPresent) {
  Result<Declaration> d =
      ParseCc015c(Replace(Minimal(), "<LRN>KZTEST-0001</LRN>",
                          "<MRN>26DE00000000000017</MRN><LRN>KZTEST-0001</LRN>"),
                  {});
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->id, "26DE00000000000017");

  Result<Declaration> bad = ParseCc015c(
      Replace(Minimal(), "<LRN>KZTEST-0001</LRN>", "<MRN>26DE0001</MRN><LRN>KZTEST-0001</LRN>"),
      {});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "TransitOperation/MRN");
}

TEST(NctsCc015cTest, BadHsCodeNamesTheItemPath) {
  const std::string xml = Replace(Minimal(), "<harmonizedSystemSubHeadingCode>850440<",
                                  "<harmonizedSystemSubHeadingCode>85423<");
  const size_t at = xml.find(">85423<");
  const int64_t line = std::count(xml.begin(), xml.begin() + static_cast<ptrdiff_t>(at), '\n') + 1;
  Result<Declaration> d = ParseCc015c(xml, {});
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field,
            "Consignment/HouseConsignment/ConsignmentItem[2]/Commodity/CommodityCode/"
            "harmonizedSystemSubHeadingCode");
  EXPECT_EQ(d.error().message, "\"85423\" is not 6 digits");
  EXPECT_EQ(d.error().line, line);
}

TEST(NctsCc015cTest, BadValuesAreRefusedAtTheirElement) {
  struct Case {
    std::string from, to, field, message;
  };
  const Case cases[] = {
      {"<netMass>410<", "<netMass>-4<", "ConsignmentItem[2]/Commodity/GoodsMeasure/netMass",
       "\"-4\" is not a non-negative decimal number"},
      {"<combinedNomenclatureCode>90<", "<combinedNomenclatureCode>9A<",
       "CommodityCode/combinedNomenclatureCode", "\"9A\" is not 2 digits"},
      {"<numberOfPackages>3<", "<numberOfPackages>three<",
       "ConsignmentItem[2]/Packaging/numberOfPackages", "\"three\" is not a whole number"},
      {"<declarationGoodsItemNumber>2<", "<declarationGoodsItemNumber>2000<",
       "ConsignmentItem[2]/declarationGoodsItemNumber", "from 1 to 1999"},
      {"<inlandModeOfTransport>3<", "<inlandModeOfTransport>6<",
       "Consignment/inlandModeOfTransport", "\"6\" is not a mode of transport of code list CL218"},
      {"<limitDate>2026-03-07<", "<limitDate>07.03.2026<", "TransitOperation/limitDate",
       "is not a date"},
      {"<preparationDateAndTime>2026-03-02T06:40:00<", "<preparationDateAndTime>yesterday<",
       "preparationDateAndTime", "is not a date and time"},
      {"<referenceNumber>PL301010<", "<referenceNumber>PL30<",
       "CustomsOfficeOfDestinationDeclared/referenceNumber",
       "is not a customs office reference number"},
      {"<identifier>DE-SEAL-2</identifier>", "<identifier> </identifier>",
       "Consignment/TransportEquipment/Seal[2]/identifier", "is empty"},
      {"<country>KG</country>", "<country>XX</country>",
       "Consignment/HouseConsignment/Consignee/Address/country",
       "\"XX\" is not an ISO 3166-1 alpha-2 country code"},
  };
  for (const Case& c : cases) {
    Result<Declaration> d = ParseCc015c(Replace(Minimal(), c.from, c.to), {});
    ASSERT_FALSE(d.has_value()) << c.to;
    EXPECT_THAT(d.error().field, ::testing::EndsWith(c.field)) << c.to;
    EXPECT_THAT(d.error().message, HasSubstr(c.message)) << c.to;
  }
}

TEST(NctsCc015cTest, LongValuesAreCutInErrorMessages) {
  const std::string huge(100000, '7');
  Result<Declaration> d =
      ParseCc015c(Replace(Minimal(), "<netMass>410<", "<netMass>-" + huge + "<"), {});
  ASSERT_FALSE(d.has_value());
  EXPECT_LT(d.error().message.size(), 200u);
  EXPECT_THAT(d.error().message, HasSubstr("...\" is not a non-negative decimal number"));
}

TEST(NctsCc015cTest, LowerCaseCountryDriftIsReportedClearly) {
  const std::string drifted = Replace(Sample(kPhase5, "cc015c-valid-2.xml"),
                                      "<country>AE</country>", "<country>ae</country>");
  Result<Declaration> d = ParseCc015c(drifted, {});
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field, "Consignment/Consignee/Address/country");
  EXPECT_EQ(d.error().message,
            "\"ae\" is not an ISO 3166-1 alpha-2 country code (codes are upper case: \"AE\")");

  Result<Declaration> xsd = ParseCc015c(drifted, WithSchemas());
  ASSERT_FALSE(xsd.has_value());
  EXPECT_EQ(xsd.error().field, "Consignment/Consignee/Address/country");
  EXPECT_THAT(xsd.error().message, HasSubstr("[facet 'pattern'] The value 'ae'"));
}

TEST(NctsCc015cTest, NorthernIrelandCountryBecomesGb) {
  Result<Declaration> d =
      ParseCc015c(Replace(Minimal(), "<country>KG</country>", "<country>XI</country>"), {});
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->consignee->country, "GB");
}

TEST(NctsCc015cTest, BadDefaultCurrencyIsAnOptionError) {
  NctsOptions options;
  options.default_currency = "EURO";
  Result<Declaration> d = ParseCc015c(Minimal(), options);
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().field, "default_currency");
}

// ---- Robustness ------------------------------------------------------------------------

// Deterministic mutation fuzzing over the samples: every input gets an answer, never a crash
// (run under -DKERUEN_SANITIZE=ON for memory errors).
TEST(NctsCc015cTest, MutatedInputsAlwaysGetAnAnswer) {
  const std::vector<std::string> seeds = {Minimal(), Sample(kPhase5, "cc015c-valid-2.xml"),
                                          Sample(kPhase5, "dk-skat-IE015-GA_skabelon.xml")};
  std::mt19937 rng(20260302);
  using std::string_literals::operator""s;
  // Markup characters, a NUL, invalid and valid UTF-8, letters of the element names.
  const std::string alphabet = "<>/&;\"'=!?[]- \n\x00\xff\xc3\xa9"s + "CC015Cabc123";
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string input = seeds[round % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !input.empty(); ++e) {
      const size_t at = rng() % input.size();
      switch (rng() % 4) {
        case 0:
          input[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          input.erase(at, 1 + rng() % 16);
          break;
        case 2:
          input.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          input.resize(at);
          break;
      }
    }
    Result<Declaration> d = ParseCc015c(input, round % 5 == 0 ? WithSchemas() : NctsOptions{});
    if (d.has_value()) {
      ++accepted;
    } else {
      ++refused;
      EXPECT_FALSE(d.error().message.empty());
    }
  }
  std::mt19937 bytes_rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string noise(rng() % 512, '\0');
    for (char& c : noise) c = static_cast<char>(bytes_rng());
    EXPECT_FALSE(ParseCc015c(noise, {}).has_value());
  }
  EXPECT_GT(refused, 0);
  EXPECT_GT(accepted, 0);  // some edits land in text content and keep the message valid
}

TEST(NctsCc015cTest, ConcurrentValidationSharesTheCompiledSchema) {
  const std::string xml = Minimal();
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) ok[t] += ParseCc015c(xml, WithSchemas()).has_value() ? 1 : 0;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_THAT(ok, ElementsAre(20, 20, 20, 20));
}

}  // namespace
}  // namespace keruen
