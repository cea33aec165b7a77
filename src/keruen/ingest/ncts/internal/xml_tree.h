// The few libxml2 tree helpers the NCTS importer uses on documents parsed by
// keruen/core/xml.h (which holds the safety settings for untrusted messages).
//
// Elements are matched by local name: NCTS roots are prefixed (`ncts:CC015C`, `ns2:CC015C`)
// while their children are in no namespace.
#ifndef KERUEN_INGEST_NCTS_INTERNAL_XML_TREE_H_
#define KERUEN_INGEST_NCTS_INTERNAL_XML_TREE_H_

#include <libxml/tree.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace keruen::ncts_internal {

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
