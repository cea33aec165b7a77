// The UN Security Council Consolidated List, XML (schema sc-sanctions.xsd): INDIVIDUAL and
// ENTITY elements under CONSOLIDATED_LIST, keyed by REFERENCE_NUMBER ("KPi.033").
//
// Parsed with core/xml.h's safe settings: no network, no DOCTYPE (the list has none, and
// refusing it rules out entity-expansion and external-entity tricks).
#include <libxml/tree.h>

#include <tuple>
#include <unordered_set>

#include "keruen/core/xml.h"
#include "keruen/screening/lists/internal/dates.h"
#include "keruen/screening/lists/internal/entries.h"
#include "keruen/screening/lists/internal/importers.h"
#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

namespace fs = std::filesystem;

std::string_view NameOf(const xmlNode* n) {
  return n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
}

std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && NameOf(c) == name) out.push_back(c);
  }
  return out;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && NameOf(c) == name) return c;
  }
  return nullptr;
}

// The element's text, trimmed; "" for a missing element.
std::string Text(const xmlNode* n) {
  if (n == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(n);
  if (content == nullptr) return {};
  std::string out(Trim(reinterpret_cast<const char*>(content)));
  xmlFree(content);
  return out;
}

std::string ChildText(const xmlNode* parent, std::string_view name) {
  return Text(Child(parent, name));
}

int64_t LineOf(const xmlNode* n) { return static_cast<int64_t>(xmlGetLineNo(n)); }

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  return AsciiLower(haystack).find(needle) != std::string::npos;
}

// The UN writes document types in English, French or Spanish.
std::string_view DocumentScheme(std::string_view type) {
  if (ContainsIgnoreCase(type, "passport") || ContainsIgnoreCase(type, "passeport") ||
      ContainsIgnoreCase(type, "pasaporte")) {
    return "passport";
  }
  if (ContainsIgnoreCase(type, "national") || ContainsIgnoreCase(type, "identi")) {
    return "national_id";
  }
  return "other";
}

class UnImport {
 public:
  UnImport(std::string source, ImportContext& context)
      : source_(std::move(source)), context_(context) {}

  Result<ListEntry> Subject(const xmlNode* node, bool individual) {
    ++context_.stats.records;
    const std::string prefix(NameOf(node));
    ListEntry e;
    e.list = context_.list_id;
    e.type = individual ? EntityType::kPerson : EntityType::kOrganization;
    e.id = ChildText(node, "REFERENCE_NUMBER");
    if (e.id.empty()) return Fail(node, "REFERENCE_NUMBER", "is missing");
    if (!ids_.insert(e.id).second) {
      return Fail(node, "REFERENCE_NUMBER", e.id + " is listed twice");
    }
    std::string name;
    for (std::string_view part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
      const std::string p = ChildText(node, part);
      if (p.empty()) continue;
      if (!name.empty()) name.push_back(' ');
      name += p;
    }
    if (name.empty()) return Fail(node, "FIRST_NAME", "the subject has no name");
    AddName(e, name, /*primary=*/true, /*weak=*/false);
    AddName(e, ChildText(node, "NAME_ORIGINAL_SCRIPT"), /*primary=*/true, /*weak=*/false);
    for (const xmlNode* alias : Children(node, prefix + "_ALIAS")) {
      // QUALITY is "Good" or "Low" for individuals, "a.k.a."/"f.k.a." for entities.
      const bool weak = ContainsIgnoreCase(ChildText(alias, "QUALITY"), "low");
      AddName(e, ChildText(alias, "ALIAS_NAME"), /*primary=*/false, weak);
    }
    if (const std::string listed = ChildText(node, "LISTED_ON"); !listed.empty()) {
      // Some dates carry a zone offset: "2001-01-25-05:00".
      const std::string date = listed.substr(0, 10);
      if (date.size() != 10 || !IsPartialIsoDate(date)) {
        return Fail(Child(node, "LISTED_ON"), "LISTED_ON", "\"" + listed + "\" is not a date");
      }
      e.listed_on = date;
    }
    AppendUnique(e.programs, ChildText(node, "UN_LIST_TYPE"));
    const std::string gender = AsciiLower(ChildText(node, "GENDER"));
    if (gender == "male" || gender == "female") e.gender = gender;
    e.remarks = ChildText(node, "COMMENTS1");
    if (const xmlNode* nationality = Child(node, "NATIONALITY")) {
      for (const xmlNode* v : Children(nationality, "VALUE")) {
        if (std::string t = Text(v); !t.empty()) context_.countries.Resolve(t, e.countries);
      }
    }
    for (const xmlNode* address : Children(node, prefix + "_ADDRESS")) {
      if (std::string t = ChildText(address, "COUNTRY"); !t.empty()) {
        context_.countries.Resolve(t, e.countries);
      }
    }
    for (const xmlNode* dob : Children(node, "INDIVIDUAL_DATE_OF_BIRTH")) AddBirthDate(dob, e);
    for (const xmlNode* doc : Children(node, "INDIVIDUAL_DOCUMENT")) AddDocument(doc, e);
    return e;
  }

 private:
  tl::unexpected<Error> Fail(const xmlNode* node, std::string field, std::string message) {
    return tl::unexpected(RecordError(source_, LineOf(node), std::move(field), std::move(message)));
  }

  // TYPE_OF_DATE EXACT or APPROXIMATELY with DATE or YEAR; BETWEEN with FROM_YEAR/TO_YEAR.
  void AddBirthDate(const xmlNode* dob, ListEntry& e) {
    std::string text = ChildText(dob, "DATE");
    if (text.empty()) text = ChildText(dob, "YEAR");
    const std::string from = ChildText(dob, "FROM_YEAR");
    const std::string to = ChildText(dob, "TO_YEAR");
    if (text.empty() && !from.empty() && !to.empty()) text = from + " to " + to;
    for (std::string& d : ExtractDates(text)) AppendUnique(e.birth_dates, std::move(d));
  }

  void AddDocument(const xmlNode* doc, ListEntry& e) {
    const std::string number = ChildText(doc, "NUMBER");
    if (number.empty()) return;
    std::string issuer = ChildText(doc, "ISSUING_COUNTRY");
    if (issuer.empty()) issuer = ChildText(doc, "COUNTRY_OF_ISSUE");
    const std::string country = issuer.empty() ? "" : context_.countries.ResolveFirst(issuer);
    AddIdentifier(e, DocumentScheme(ChildText(doc, "TYPE_OF_DOCUMENT")), number, country);
  }

  std::string source_;
  ImportContext& context_;
  std::unordered_set<std::string> ids_;
};

// The XML file itself, or the one XML file in a folder.
Result<fs::path> ListFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return path;
  std::vector<fs::path> xml;
  for (auto it = fs::directory_iterator(path, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".xml") xml.push_back(it->path());
  }
  if (xml.size() != 1) {
    return InvalidArgument("", path.string() + ": expected one XML file in the folder, found " +
                                   std::to_string(xml.size()));
  }
  return xml.front();
}

}  // namespace

Result<ListSnapshot> ImportUn(const fs::path& folder_or_file, ImportContext& context) {
  auto file = ListFile(folder_or_file);
  if (!file) return tl::unexpected(file.error());
  const fs::path& path = *file;
  auto text = ReadListFile(path, context.stats);
  if (!text) return tl::unexpected(text.error());
  const std::string source = path.string();
  auto doc = ParseXmlSafely(*text, source);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  if (NameOf(root) != "CONSOLIDATED_LIST") {
    return tl::unexpected(RecordError(source, LineOf(root), std::string(NameOf(root)),
                                      "expected the root element CONSOLIDATED_LIST"));
  }
  ListSnapshot snapshot;
  snapshot.source = source;
  if (xmlChar* generated = xmlGetProp(const_cast<xmlNode*>(root),
                                      reinterpret_cast<const xmlChar*>("dateGenerated"))) {
    const std::string date = std::string(reinterpret_cast<const char*>(generated)).substr(0, 10);
    xmlFree(generated);
    if (IsPartialIsoDate(date) && date.size() == 10) snapshot.published_on = date;
  }
  UnImport import(source, context);
  for (auto [group, member, individual] :
       {std::tuple<std::string_view, std::string_view, bool>{"INDIVIDUALS", "INDIVIDUAL", true},
        {"ENTITIES", "ENTITY", false}}) {
    const xmlNode* parent = Child(root, group);
    if (parent == nullptr) continue;
    for (const xmlNode* node : Children(parent, member)) {
      auto entry = import.Subject(node, individual);
      if (!entry) return tl::unexpected(entry.error());
      snapshot.entries.push_back(std::move(*entry));
    }
  }
  return snapshot;
}

}  // namespace keruen::screening::lists_internal
