#include "keruen/ingest/ncts/ncts_cc015c.h"

#include <libxml/tree.h>

#include <charconv>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "keruen/core/reference.h"
#include "keruen/core/time.h"
#include "keruen/core/xml.h"
#include "keruen/ingest/ncts/internal/ncts_validator.h"
#include "keruen/ingest/ncts/internal/xml_tree.h"

namespace keruen {
namespace {

using ncts_internal::Child;
using ncts_internal::Children;
using ncts_internal::ElementPath;
using ncts_internal::LineOf;
using ncts_internal::LocalName;
using ncts_internal::TrimmedText;

constexpr std::string_view kMessageType = "CC015C";

// A value as quoted in an error message; long values are cut (at a UTF-8 character
// boundary) so a hostile megabyte-long field does not end up in logs.
std::string Quote(std::string_view s) {
  constexpr size_t kMax = 64;
  if (s.size() <= kMax) return "\"" + std::string(s) + "\"";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(s.substr(0, cut)) + "...\"";
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z'); }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

// "XI" is Northern Ireland in the EU customs code lists; ISO 3166 knows it as part of GB.
constexpr std::string_view kNorthernIreland = "XI";

bool IsCustomsCountry(std::string_view code) {
  return code == kNorthernIreland || IsCountryCode(code);
}

// An NCTS identification number as an EORI when it has the shape core/validate.h accepts.
std::optional<Identifier> EoriOf(std::string_view tin) {
  const std::string_view prefix = tin.substr(0, 2);
  if (tin.size() < 3 || tin.size() > 17 || !(IsCountryCode(prefix) || prefix == "XI")) {
    return std::nullopt;  // XI: Northern Ireland, as core/validate.h accepts
  }
  for (char c : tin) {
    if (!IsAlnum(c)) return std::nullopt;
  }
  return Identifier{IdKind::kEori, std::string(tin)};
}

// CL218 TransportModeCode to the names Keruen documents use; nullopt for codes not in CL218.
std::optional<std::string_view> TransportModeName(std::string_view code) {
  if (code.size() != 1) return std::nullopt;
  switch (code[0]) {
    case '1':
      return "sea";
    case '2':
      return "rail";
    case '3':
      return "road";
    case '4':
      return "air";
    case '5':
      return "post";
    case '7':
      return "fixed_installation";
    case '8':
      return "inland_waterway";
    case '9':
      return "";  // "mode unknown"
    default:
      return std::nullopt;
  }
}

// NCTS document type codes (UN/CEFACT 1001 with an "N" prefix) that have a Keruen name.
std::string DocumentTypeName(const std::string& code) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"N271", "packing_list"}, {"N325", "proforma_invoice"},
      {"N380", "invoice"},      {"N705", "bill_of_lading"},
      {"N720", "cim"},          {"N730", "cmr"},
      {"N740", "air_waybill"}};
  for (const auto& [nc, name] : kNames) {
    if (code == nc) return std::string(name);
  }
  return code;
}

// CL750 type of identification of a means of transport: "registration number of the road
// trailer".
constexpr std::string_view kRoadTrailer = "31";

// Walks one CC015C tree and builds the Declaration, stopping at the first problem.
class Mapper {
 public:
  Mapper(const xmlNode* root, const NctsOptions& options) : root_(root), options_(options) {}

  Result<Declaration> Map() {
    Declaration d;
    d.kind = DeclarationKind::kTransit;
    if (auto s = MapHeader(d); !s) return tl::unexpected(s.error());
    if (auto s = MapTransitOperation(d); !s) return tl::unexpected(s.error());
    for (std::string_view office :
         {"CustomsOfficeOfDeparture", "CustomsOfficeOfDestinationDeclared"}) {
      const xmlNode* n = Child(root_, office);
      if (n == nullptr) return tl::unexpected(Missing(root_, office));
      if (auto s = CheckOffice(n); !s) return tl::unexpected(s.error());
    }
    for (std::string_view office :
         {"CustomsOfficeOfTransitDeclared", "CustomsOfficeOfExitForTransitDeclared"}) {
      for (const xmlNode* n : Children(root_, office)) {
        if (auto s = CheckOffice(n); !s) return tl::unexpected(s.error());
      }
    }
    const xmlNode* holder = Child(root_, "HolderOfTheTransitProcedure");
    if (holder == nullptr) return tl::unexpected(Missing(root_, "HolderOfTheTransitProcedure"));
    Result<Party> declarant = MapParty(holder);
    if (!declarant) return tl::unexpected(declarant.error());
    d.declarant = std::move(*declarant);
    if (auto s = MapConsignment(d); !s) return tl::unexpected(s.error());
    return d;
  }

 private:
  Error At(const xmlNode* node, std::string message) const {
    return Error{
        ErrorCode::kInvalidArgument, std::move(message), ElementPath(node), {}, LineOf(node)};
  }

  Error Missing(const xmlNode* parent, std::string_view name) const {
    std::string path = ElementPath(parent);
    if (!path.empty()) path += '/';
    path += name;
    return Error{ErrorCode::kInvalidArgument, "is missing", std::move(path), {}, LineOf(parent)};
  }

  // The text of a child that must be present and not empty.
  Result<std::string> RequiredText(const xmlNode* parent, std::string_view name) const {
    const xmlNode* n = Child(parent, name);
    if (n == nullptr) return tl::unexpected(Missing(parent, name));
    std::string text = TrimmedText(n);
    if (text.empty()) return tl::unexpected(At(n, "is empty"));
    return text;
  }

  // The text of an optional child, empty when absent.
  static std::string OptionalText(const xmlNode* parent, std::string_view name) {
    return TrimmedText(Child(parent, name));
  }

  Result<std::string> Country(const xmlNode* n) const {
    const std::string code = TrimmedText(n);
    if (code == kNorthernIreland) return std::string("GB");
    if (IsCountryCode(code)) return code;
    std::string upper = code;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (upper != code && IsCustomsCountry(upper)) {
      return tl::unexpected(At(n, Quote(code) +
                                      " is not an ISO 3166-1 alpha-2 country code "
                                      "(codes are upper case: " +
                                      Quote(upper) + ")"));
    }
    return tl::unexpected(At(n, Quote(code) + " is not an ISO 3166-1 alpha-2 country code"));
  }

  // A non-negative decimal of the XSD form `[0-9]+(\.[0-9]+)?`.
  Result<double> Decimal(const xmlNode* n) const {
    const std::string text = TrimmedText(n);
    const size_t dot = text.find('.');
    const std::string_view whole = std::string_view(text).substr(0, dot);
    const bool shaped =
        AllDigits(whole) && (dot == std::string::npos || AllDigits(text.substr(dot + 1)));
    double value = 0;
    if (shaped) {
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && end == text.data() + text.size()) return value;
    }
    return tl::unexpected(At(n, Quote(text) + " is not a non-negative decimal number"));
  }

  // A whole number from `min` to `max`.
  Result<int64_t> Integer(const xmlNode* n, int64_t min, int64_t max) const {
    const std::string text = TrimmedText(n);
    int64_t value = 0;
    if (AllDigits(text) && text.size() <= 12) {
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && value >= min && value <= max) return value;
    }
    return tl::unexpected(At(n, Quote(text) + " is not a whole number from " + std::to_string(min) +
                                    " to " + std::to_string(max)));
  }

  Status MapHeader(Declaration& d) const {
    for (std::string_view field : {"messageSender", "messageRecipient"}) {
      if (auto text = RequiredText(root_, field); !text) return tl::unexpected(text.error());
    }
    Result<std::string> type = RequiredText(root_, "messageType");
    if (!type) return tl::unexpected(type.error());
    if (*type != kMessageType) {
      return tl::unexpected(At(Child(root_, "messageType"),
                               Quote(*type) + " does not match the root element CC015C"));
    }
    Result<std::string> prepared = RequiredText(root_, "preparationDateAndTime");
    if (!prepared) return tl::unexpected(prepared.error());
    Result<Timestamp> at = ParseTimestamp(*prepared);
    if (!at) {
      return tl::unexpected(
          At(Child(root_, "preparationDateAndTime"), Quote(*prepared) + " is not a date and time"));
    }
    d.lodged_at = *at;
    return Ok();
  }

  Status MapTransitOperation(Declaration& d) const {
    const xmlNode* op = Child(root_, "TransitOperation");
    if (op == nullptr) return tl::unexpected(Missing(root_, "TransitOperation"));

    Result<std::string> lrn = RequiredText(op, "LRN");
    if (!lrn) return tl::unexpected(lrn.error());
    bool lrn_ok = lrn->size() <= 22;
    for (char c : *lrn) {
      lrn_ok = lrn_ok && (IsAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/');
    }
    if (!lrn_ok) {
      return tl::unexpected(At(Child(op, "LRN"), Quote(*lrn) +
                                                     " is not a local reference number (LRN: "
                                                     "1-22 letters, digits, '-', '_', '.', '/')"));
    }
    d.id = *lrn;

    if (const xmlNode* mrn_node = Child(op, "MRN"); mrn_node != nullptr) {
      const std::string mrn = TrimmedText(mrn_node);
      bool ok = mrn.size() == 18 && IsDigit(mrn[0]) && IsDigit(mrn[1]) && IsUpper(mrn[2]) &&
                IsUpper(mrn[3]) && (IsDigit(mrn[17]) || mrn[17] == 'F');
      for (size_t i = 4; ok && i < 17; ++i) ok = IsDigit(mrn[i]) || IsUpper(mrn[i]);
      if (!ok) {
        return tl::unexpected(At(mrn_node, Quote(mrn) + " is not a movement reference number (MRN: "
                                                        "[0-9]{2}[A-Z]{2}[A-Z0-9]{13}[0-9F])"));
      }
      d.id = mrn;
    }

    if (const xmlNode* limit = Child(op, "limitDate"); limit != nullptr) {
      const std::string text = TrimmedText(limit);
      Result<Date> date = ParseDate(text);
      if (!date) return tl::unexpected(At(limit, Quote(text) + " is not a date (YYYY-MM-DD)"));
      // The goods may be presented until the end of that day.
      d.itinerary.limit_date = StartOfDate(*date) + 24 * 3600 - 1;
    }
    return Ok();
  }

  // Office reference numbers are `[A-Z]{2}[A-Z0-9]{6}`, the first two the office's country.
  Status CheckOffice(const xmlNode* office) const {
    Result<std::string> ref = RequiredText(office, "referenceNumber");
    if (!ref) return tl::unexpected(ref.error());
    const xmlNode* n = Child(office, "referenceNumber");
    bool shaped = ref->size() == 8 && IsUpper((*ref)[0]) && IsUpper((*ref)[1]);
    for (size_t i = 2; shaped && i < 8; ++i) shaped = IsUpper((*ref)[i]) || IsDigit((*ref)[i]);
    if (!shaped) {
      return tl::unexpected(
          At(n, Quote(*ref) + " is not a customs office reference number ([A-Z]{2}[A-Z0-9]{6})"));
    }
    const std::string_view country = std::string_view(*ref).substr(0, 2);
    if (!IsCustomsCountry(country)) {
      return tl::unexpected(At(n, Quote(*ref) + " does not start with a country code (" +
                                      std::string(country) + " is not an ISO 3166-1 code)"));
    }
    return Ok();
  }

  Result<Party> MapParty(const xmlNode* n) const {
    Party p;
    p.name = OptionalText(n, "name");
    const std::string tin = OptionalText(n, "identificationNumber");
    if (std::optional<Identifier> id = EoriOf(tin)) p.ids.push_back(std::move(*id));
    if (p.name.empty() && !tin.empty()) {
      // CC015C may identify a party (often the holder or the carrier) by number alone; it
      // is named by that number, since every stored party has a name to show and screen.
      p.name = "TIN " + tin;
    }
    if (const xmlNode* address = Child(n, "Address"); address != nullptr) {
      std::string place = OptionalText(address, "postcode");
      const std::string city = OptionalText(address, "city");
      if (!place.empty() && !city.empty()) place += ' ';
      place += city;
      p.address = OptionalText(address, "streetAndNumber");
      if (!p.address.empty() && !place.empty()) p.address += ", ";
      p.address += place;
      if (const xmlNode* country = Child(address, "country"); country != nullptr) {
        Result<std::string> code = Country(country);
        if (!code) return tl::unexpected(code.error());
        p.country = std::move(*code);
      }
    }
    return p;
  }

  // The consignment-level party `name`, else the first house consignment's (else, when
  // `item_level`, the first consignment item's); null when none names one.
  static const xmlNode* FirstParty(const xmlNode* consignment,
                                   const std::vector<const xmlNode*>& houses, std::string_view name,
                                   bool item_level) {
    if (const xmlNode* n = Child(consignment, name)) return n;
    for (const xmlNode* h : houses) {
      if (const xmlNode* n = Child(h, name)) return n;
    }
    if (item_level) {
      for (const xmlNode* h : houses) {
        for (const xmlNode* item : Children(h, "ConsignmentItem")) {
          if (const xmlNode* n = Child(item, name)) return n;
        }
      }
    }
    return nullptr;
  }

  // The consignment-level country `name`, else the one all house consignments stating it
  // agree on (empty when they disagree).
  Result<std::string> AgreedCountry(const xmlNode* consignment,
                                    const std::vector<const xmlNode*>& houses,
                                    std::string_view name) const {
    if (const xmlNode* n = Child(consignment, name)) return Country(n);
    std::string agreed;
    bool disagree = false;
    for (const xmlNode* h : houses) {
      const xmlNode* n = Child(h, name);
      if (n == nullptr) continue;
      Result<std::string> code = Country(n);
      if (!code) return code;
      if (agreed.empty()) {
        agreed = std::move(*code);
      } else if (agreed != *code) {
        disagree = true;
      }
    }
    return disagree ? std::string() : agreed;
  }

  Status MapConsignment(Declaration& d) const {
    const xmlNode* consignment = Child(root_, "Consignment");
    if (consignment == nullptr) return tl::unexpected(Missing(root_, "Consignment"));
    const std::vector<const xmlNode*> houses = Children(consignment, "HouseConsignment");
    if (houses.empty()) return tl::unexpected(Missing(consignment, "HouseConsignment"));

    Result<std::string> dispatch = AgreedCountry(consignment, houses, "countryOfDispatch");
    if (!dispatch) return tl::unexpected(dispatch.error());
    d.country_of_dispatch = std::move(*dispatch);
    Result<std::string> destination = AgreedCountry(consignment, houses, "countryOfDestination");
    if (!destination) return tl::unexpected(destination.error());
    d.country_of_destination = std::move(*destination);

    struct PartySlot {
      std::string_view element;
      bool item_level;
      std::optional<Party>* slot;
    };
    for (const PartySlot& p :
         {PartySlot{"Consignor", false, &d.consignor}, PartySlot{"Consignee", true, &d.consignee},
          PartySlot{"Carrier", false, &d.carrier}}) {
      const xmlNode* n = FirstParty(consignment, houses, p.element, p.item_level);
      if (n == nullptr) continue;
      Result<Party> party = MapParty(n);
      if (!party) return tl::unexpected(party.error());
      *p.slot = std::move(*party);
    }

    if (auto s = MapTransport(consignment, houses, d.transport); !s) return s;

    std::set<std::pair<std::string, std::string>> seen_documents;
    if (auto s = AddDocuments(consignment, d, seen_documents); !s) return s;
    for (const xmlNode* house : houses) {
      if (auto s = AddDocuments(house, d, seen_documents); !s) return s;
      const std::vector<const xmlNode*> items = Children(house, "ConsignmentItem");
      if (items.empty()) return tl::unexpected(Missing(house, "ConsignmentItem"));
      for (const xmlNode* item : items) {
        Result<GoodsItem> goods = MapItem(item);
        if (!goods) return tl::unexpected(goods.error());
        d.items.push_back(std::move(*goods));
        if (auto s = AddDocuments(item, d, seen_documents); !s) return s;
      }
    }
    return Ok();
  }

  Status MapTransport(const xmlNode* consignment, const std::vector<const xmlNode*>& houses,
                      Transport& t) const {
    const xmlNode* mode = Child(consignment, "modeOfTransportAtTheBorder");
    if (mode == nullptr) mode = Child(consignment, "inlandModeOfTransport");
    if (mode != nullptr) {
      const std::string code = TrimmedText(mode);
      std::optional<std::string_view> name = TransportModeName(code);
      if (!name) {
        return tl::unexpected(
            At(mode, Quote(code) + " is not a mode of transport of code list CL218 (1-5, 7-9)"));
      }
      t.mode = std::string(*name);
    }

    for (const xmlNode* means : Children(consignment, "ActiveBorderTransportMeans")) {
      t.vehicle = OptionalText(means, "identificationNumber");
      if (!t.vehicle.empty()) break;
    }
    std::vector<const xmlNode*> departure = Children(consignment, "DepartureTransportMeans");
    for (const xmlNode* h : houses) {
      for (const xmlNode* means : Children(h, "DepartureTransportMeans")) {
        departure.push_back(means);
      }
    }
    for (const xmlNode* means : departure) {
      const std::string id = OptionalText(means, "identificationNumber");
      if (id.empty()) continue;
      const bool trailer = OptionalText(means, "typeOfIdentification") == kRoadTrailer;
      std::string& slot = trailer ? t.trailer : t.vehicle;
      if (slot.empty()) slot = id;
    }

    for (const xmlNode* equipment : Children(consignment, "TransportEquipment")) {
      for (const xmlNode* seal : Children(equipment, "Seal")) {
        Result<std::string> id = RequiredText(seal, "identifier");
        if (!id) return tl::unexpected(id.error());
        t.seals.push_back(std::move(*id));
      }
    }
    return Ok();
  }

  Result<GoodsItem> MapItem(const xmlNode* item) const {
    GoodsItem g;
    const xmlNode* number = Child(item, "declarationGoodsItemNumber");
    if (number == nullptr) return tl::unexpected(Missing(item, "declarationGoodsItemNumber"));
    Result<int64_t> seq = Integer(number, 1, 1999);
    if (!seq) return tl::unexpected(seq.error());
    g.seq = static_cast<int32_t>(*seq);

    const xmlNode* commodity = Child(item, "Commodity");
    if (commodity == nullptr) return tl::unexpected(Missing(item, "Commodity"));
    Result<std::string> description = RequiredText(commodity, "descriptionOfGoods");
    if (!description) return tl::unexpected(description.error());
    g.description = std::move(*description);

    if (const xmlNode* code = Child(commodity, "CommodityCode"); code != nullptr) {
      const xmlNode* hs = Child(code, "harmonizedSystemSubHeadingCode");
      if (hs == nullptr) return tl::unexpected(Missing(code, "harmonizedSystemSubHeadingCode"));
      g.hs = TrimmedText(hs);
      if (g.hs.size() != 6 || !AllDigits(g.hs)) {
        return tl::unexpected(At(hs, Quote(g.hs) + " is not 6 digits"));
      }
      if (const xmlNode* cn = Child(code, "combinedNomenclatureCode"); cn != nullptr) {
        const std::string text = TrimmedText(cn);
        if (text.size() != 2 || !AllDigits(text)) {
          return tl::unexpected(At(cn, Quote(text) + " is not 2 digits"));
        }
        g.hs += text;
      }
    }

    if (const xmlNode* measure = Child(commodity, "GoodsMeasure"); measure != nullptr) {
      const std::pair<std::string_view, double*> masses[] = {{"grossMass", &g.gross_kg},
                                                             {"netMass", &g.net_kg}};
      for (const auto& [name, slot] : masses) {
        const xmlNode* n = Child(measure, name);
        if (n == nullptr) continue;
        Result<double> kg = Decimal(n);
        if (!kg) return tl::unexpected(kg.error());
        *slot = *kg;
      }
    }

    for (const xmlNode* packaging : Children(item, "Packaging")) {
      const xmlNode* count = Child(packaging, "numberOfPackages");
      if (count == nullptr) continue;
      Result<int64_t> packages = Integer(count, 0, 99999999);
      if (!packages) return tl::unexpected(packages.error());
      g.quantity += static_cast<double>(*packages);
      g.unit = "packages";
    }

    g.value = Money{0, options_.default_currency};
    return g;
  }

  Status AddDocuments(const xmlNode* parent, Declaration& d,
                      std::set<std::pair<std::string, std::string>>& seen) const {
    for (std::string_view kind : {"PreviousDocument", "SupportingDocument", "TransportDocument"}) {
      for (const xmlNode* doc : Children(parent, kind)) {
        Result<std::string> type = RequiredText(doc, "type");
        if (!type) return tl::unexpected(type.error());
        Result<std::string> ref = RequiredText(doc, "referenceNumber");
        if (!ref) return tl::unexpected(ref.error());
        DocumentRef r{DocumentTypeName(*type), std::move(*ref)};
        if (seen.emplace(r.type, r.ref).second) d.documents.push_back(std::move(r));
      }
    }
    return Ok();
  }

  const xmlNode* root_;
  const NctsOptions& options_;
};

// The schema phase of a message: the option when set, else from the PhaseID attribute.
Result<NctsPhase> PhaseOf(const xmlNode* root, NctsPhase requested) {
  if (requested != NctsPhase::kAuto) return requested;
  const xmlAttr* attr = xmlHasProp(root, reinterpret_cast<const xmlChar*>("PhaseID"));
  if (attr == nullptr) return NctsPhase::kPhase5;
  const auto* node = reinterpret_cast<const xmlNode*>(attr);
  const std::string id = TrimmedText(node);
  if (id == "NCTS6") return NctsPhase::kPhase6;
  if (id == "NCTS5.0" || id == "NCTS5.1") return NctsPhase::kPhase5;
  return tl::unexpected(Error{ErrorCode::kInvalidArgument,
                              Quote(id) + " is not an NCTS phase this importer knows "
                                          "(NCTS5.0, NCTS5.1, NCTS6)",
                              ElementPath(node),
                              {},
                              LineOf(node)});
}

}  // namespace

Result<Declaration> ParseCc015c(std::string_view xml, const NctsOptions& options) {
  auto located = [&](Error e) {
    e.source = options.source;
    return tl::unexpected(std::move(e));
  };
  if (!IsCurrencyCode(options.default_currency)) {
    return InvalidArgument("default_currency",
                           Quote(options.default_currency) + " is not an ISO 4217 currency code");
  }

  if (xml.size() > options.max_bytes) {
    return located(Error{ErrorCode::kInvalidArgument, "document of " + std::to_string(xml.size()) +
                                                          " bytes exceeds the limit of " +
                                                          std::to_string(options.max_bytes) +
                                                          " bytes"});
  }
  Result<XmlDocument> doc = ParseXmlSafely(xml, options.source);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (LocalName(root) != kMessageType) {
    return located(
        Error{ErrorCode::kInvalidArgument,
              "not a CC015C transit declaration (found " + std::string(LocalName(root)) + ")",
              {},
              {},
              LineOf(root)});
  }

  if (!options.schema_dir.empty()) {
    Result<NctsPhase> phase = PhaseOf(root, options.phase);
    if (!phase) return located(phase.error());
    Status valid = ncts_internal::NctsValidator::Shared().ValidateCc015c(
        doc->get(), options.schema_dir, *phase);
    if (!valid) {
      // Problems of the message carry its location; a missing schema is the caller's.
      if (valid.error().code == ErrorCode::kInvalidArgument) return located(valid.error());
      return tl::unexpected(valid.error());
    }
  }

  Result<Declaration> d = Mapper(root, options).Map();
  if (!d) return located(d.error());
  return d;
}

}  // namespace keruen
