// XML from outside (sanctions lists, customs messages) parsed with libxml2 under one set of
// settings that are safe for untrusted input, so every importer gets the same protection.
//
// Safety: no network (XML_PARSE_NONET), entities never substituted (no XML_PARSE_NOENT) and no
// DTD loaded; a DOCTYPE is refused outright, since none of the formats Keruen reads carries one
// and it is the door for external entities (XXE) and entity expansion bombs. libxml2's own
// limits on depth and text size stay on (no XML_PARSE_HUGE); callers cap the input size where
// their format has a sensible limit. libxml2 writes nothing to stderr: the first error it
// reports becomes the returned Error, with its line.
#ifndef KERUEN_CORE_XML_H_
#define KERUEN_CORE_XML_H_

#include <libxml/tree.h>

#include <memory>
#include <string_view>

#include "keruen/core/error.h"

namespace keruen {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
// A parsed document; never null when returned by ParseXmlSafely, and always has a root element.
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses `text`. `source` (a file name, or empty) is put into every error. Errors:
// kInvalidArgument for a DOCTYPE (with its line) or a text larger than libxml2 takes (INT_MAX
// bytes); kParse for an empty text, one without a root element, or one that is not well-formed
// ("XML is not well-formed: <libxml2's first error>", with the 1-based line of that error).
// Safe to call from several threads.
Result<XmlDocument> ParseXmlSafely(std::string_view text, std::string_view source);

}  // namespace keruen

#endif  // KERUEN_CORE_XML_H_
