// Import of NCTS CC015C messages (IE015 "declaration data", the transit declaration a holder
// lodges at the office of departure), phases 5 and 6, into a keruen::Declaration of kind
// transit. The ingest pipeline validates the result (core/validate.h) and stores it.
//
// Mapping (element paths below the root; both phases share them, phase 6 only drops a few
// optional ones):
//   id            TransitOperation/MRN when present (not in CC015C itself, but in messages
//                 re-exported after release), else TransitOperation/LRN.
//   lodged_at     preparationDateAndTime. NCTS writes it without an offset; taken as UTC.
//   declarant     HolderOfTheTransitProcedure: name, Address, identificationNumber.
//   consignor,    Consignment/Consignor (Consignee), else the first HouseConsignment that
//   consignee     names one, else (consignee, phase 5) the first ConsignmentItem/Consignee.
//                 A Declaration holds one of each: further house-level parties are dropped.
//   carrier       Consignment/Carrier/identificationNumber (NCTS gives the carrier no name).
//   countries     Consignment/countryOfDispatch, countryOfDestination, else the value all
//                 house consignments that state one agree on.
//   itinerary     TransitOperation/limitDate as the end of that day (23:59:59Z). Customs
//                 office references are checked but not mapped: entry_post and exit_post
//                 name Kazakh road border posts, which offices of departure, transit and
//                 destination are not.
//   transport     mode from modeOfTransportAtTheBorder, else inlandModeOfTransport (code list
//                 CL218: 1 sea, 2 rail, 3 road, 4 air, 5 post, 7 fixed_installation,
//                 8 inland_waterway, 9 unknown -> empty); vehicle from the first
//                 ActiveBorderTransportMeans, else the first DepartureTransportMeans that is
//                 not a trailer; trailer from a DepartureTransportMeans of CL750 type 31
//                 (road trailer); seals from every TransportEquipment/Seal/identifier.
//   items         each HouseConsignment/ConsignmentItem: seq = declarationGoodsItemNumber;
//                 hs = Commodity/CommodityCode harmonizedSystemSubHeadingCode (6 digits)
//                 + combinedNomenclatureCode (2 digits) when given; description; gross and
//                 net kg from GoodsMeasure; quantity = the sum of Packaging/numberOfPackages
//                 with unit "packages". CC015C carries no item value and no origin: value is
//                 0 in NctsOptions::default_currency and origin stays empty.
//   documents     PreviousDocument, SupportingDocument, TransportDocument at consignment,
//                 house and item level, without repeats. Type codes of UN/CEFACT 1001 that
//                 Keruen names are renamed (N380 invoice, N325 proforma_invoice, N730 cmr,
//                 N705 bill_of_lading, N720 cim, N740 air_waybill, N271 packing_list); others
//                 keep their NCTS code ("N822").
//
// Identification numbers (NCTS "TIN"s) become identifiers only when they have the EORI
// shape core/validate.h checks: an ISO 3166 country code followed by up to 15 letters or
// digits. Anything else (test data such as "ezv3Z"; Northern Ireland's "XI..." EORIs, whose
// prefix is not an ISO 3166 code) is dropped and the party keeps its name. None is mapped
// to VAT: CC015C has no VAT number field, and a TIN that is not an EORI is not known to be
// one. Country codes "XI" (Northern Ireland in EU customs code lists) become "GB".
//
// Checks beyond the XSD, so a message is refused with a reason even without schema
// validation: the root and messageType are CC015C; messageSender and messageRecipient are
// present; the LRN is 1-22 letters, digits or "-", "_", ".", "/" (so "{{LRN}}", an unfilled
// template, is refused); office references are `[A-Z]{2}[A-Z0-9]{6}` starting with a
// country code; every mapped value has its format (6-digit HS code, decimal masses, upper
// case ISO country codes, ...). Errors carry the element path and line, e.g.
//   CC015C:37: Consignment/HouseConsignment/ConsignmentItem[2]/Commodity/CommodityCode/
//   harmonizedSystemSubHeadingCode: "85423" is not 6 digits
//
// Any input bytes are safe to pass (see internal/xml_tree.h for the libxml2 settings).
#ifndef KERUEN_INGEST_NCTS_NCTS_CC015C_H_
#define KERUEN_INGEST_NCTS_NCTS_CC015C_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "keruen/core/error.h"
#include "keruen/core/model.h"

namespace keruen {

// Which NCTS phase's schema a message is validated against. The two phases share one
// namespace (http://ncts.dgtaxud.ec), so kAuto reads the root's PhaseID attribute: "NCTS6"
// is phase 6; "NCTS5.0", "NCTS5.1" or no PhaseID is phase 5 (phase 6 systems still accept
// phase 5 messages, which say so with NCTS5.x).
enum class NctsPhase { kAuto, kPhase5, kPhase6 };

struct NctsOptions {
  // Folder holding one sub-folder per phase, `phase5*/xsd/cc015c.xsd` and
  // `phase6*/xsd/cc015c.xsd` (as shared/data/tracking/ncts does). Empty: no XSD validation.
  std::string schema_dir;
  NctsPhase phase = NctsPhase::kAuto;
  // Currency of the (zero) item values, since CC015C states none.
  std::string default_currency = "EUR";
  // Larger inputs are refused before parsing. A full declaration (1,999 items) is ~4 MB.
  size_t max_bytes = 16u << 20;
  // Put in Error::source, so Error::ToString shows "source:line: path: message".
  std::string source = "CC015C";
};

// Parses, optionally validates against the XSD, checks and maps one CC015C message.
Result<Declaration> ParseCc015c(std::string_view xml, const NctsOptions& options);

}  // namespace keruen

#endif  // KERUEN_INGEST_NCTS_NCTS_CC015C_H_
