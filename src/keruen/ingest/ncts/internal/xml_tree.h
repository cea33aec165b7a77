// libxml2 documents parsed under the settings untrusted customs messages need, and the few
// tree helpers the NCTS importer uses.
//
// Safety: no network (XML_PARSE_NONET), entities never substituted (no XML_PARSE_NOENT) and
// no DTD loaded; a DOCTYPE is refused outright, since NCTS messages never carry one and it is
// the door for external entities (XXE) and entity expansion bombs. libxml2's own limits on
// depth and text size stay on (no XML_PARSE_HUGE), and the caller caps the input size.
//
// Elements are matched by local name: NCTS roots are prefixed (`ncts:CC015C`, `ns2:CC015C`)
// while their children are in no namespace.
#ifndef KERUEN_INGEST_NCTS_INTERNAL_XML_TREE_H_
#define KERUEN_INGEST_NCTS_INTERNAL_XML_TREE_H_

#include <libxml/tree.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"

namespace keruen::ncts_internal {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses `xml` (at most `max_bytes`). Errors are kParse with the 1-based line of the first
// problem libxml2 reports, or kInvalidArgument for a refused DOCTYPE or size.
Result<XmlDocPtr> ParseXml(std::string_view xml, size_t max_bytes);

// Element children of `parent` whose local name is `name`, in document order.
std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name);
// The first such child, or null.
const xmlNode* Child(const xmlNode* parent, std::string_view name);

std::string_view LocalName(const xmlNode* node);
// The text content with leading and trailing XML white space removed (xs:token style).
std::string TrimmedText(const xmlNode* node);

// The path of an element (or attribute, as `.../@name`) below the document root, by local
// names: `Consignment/HouseConsignment/ConsignmentItem[2]/Commodity`. An element gets a
// 1-based index when its parent holds more than one element of its name. The root itself is
// the empty path.
std::string ElementPath(const xmlNode* node);
// 1-based source line of a node, 0 when unknown.
int64_t LineOf(const xmlNode* node);

}  // namespace keruen::ncts_internal

#endif  // KERUEN_INGEST_NCTS_INTERNAL_XML_TREE_H_
