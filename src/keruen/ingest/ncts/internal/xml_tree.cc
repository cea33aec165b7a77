#include "keruen/ingest/ncts/internal/xml_tree.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <climits>
#include <mutex>

namespace keruen::ncts_internal {
namespace {

// What the parser callbacks learn; reached through xmlParserCtxt::_private.
struct ParseState {
  bool doctype = false;
  int64_t doctype_line = 0;
  bool failed = false;
  std::string first_error;
  int64_t first_error_line = 0;
};

ParseState& StateOf(void* ctx) {
  return *static_cast<ParseState*>(static_cast<xmlParserCtxt*>(ctx)->_private);
}

// SAX internalSubset: called when `<!DOCTYPE` is read, before any declaration inside it.
void RefuseDoctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxt*>(ctx);
  ParseState& state = StateOf(ctx);
  state.doctype = true;
  state.doctype_line = ctxt->input != nullptr ? ctxt->input->line : 0;
  xmlStopParser(ctxt);
}

// Structured error sink: keeps the first error (later ones are mostly consequences of it)
// and keeps libxml2 from printing to stderr.
void RecordError(void* ctx, xmlError* error) {
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  ParseState& state = StateOf(ctx);
  if (state.failed) return;
  state.failed = true;
  std::string message = error->message != nullptr ? error->message : "unknown error";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  state.first_error = std::move(message);
  state.first_error_line = error->line;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

Result<XmlDocPtr> ParseXml(std::string_view xml, size_t max_bytes) {
  // libxml2 wants its globals set up once before parsers run on several threads.
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });

  if (xml.size() > max_bytes || xml.size() > static_cast<size_t>(INT_MAX)) {
    return MakeError(ErrorCode::kInvalidArgument, "document of " + std::to_string(xml.size()) +
                                                      " bytes exceeds the limit of " +
                                                      std::to_string(max_bytes) + " bytes");
  }
  if (xml.empty()) return ParseError("empty document");

  xmlParserCtxt* ctxt = xmlCreateMemoryParserCtxt(xml.data(), static_cast<int>(xml.size()));
  if (ctxt == nullptr) return MakeError(ErrorCode::kInternal, "cannot create an XML parser");
  ParseState state;
  ctxt->_private = &state;
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                              XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  // After xmlCtxtUseOptions, which rewrites some handlers; the SAX block is this context's own.
  ctxt->sax->internalSubset = RefuseDoctype;
  ctxt->sax->serror = RecordError;

  xmlParseDocument(ctxt);
  const bool well_formed = ctxt->wellFormed != 0;
  XmlDocPtr doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  xmlFreeParserCtxt(ctxt);

  if (state.doctype) {
    Error e{ErrorCode::kInvalidArgument,
            "a DOCTYPE is not accepted in an NCTS message (it could declare external entities)",
            {},
            {},
            state.doctype_line};
    return tl::unexpected(std::move(e));
  }
  if (!well_formed || doc == nullptr) {
    Error e{ErrorCode::kParse,
            "XML is not well-formed: " +
                (state.failed ? state.first_error : std::string("unknown parser error")),
            {},
            {},
            state.first_error_line};
    return tl::unexpected(std::move(e));
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) return ParseError("document has no root element");
  return doc;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> out;
  if (parent == nullptr) return out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) out.push_back(c);
  }
  return out;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) return c;
  }
  return nullptr;
}

std::string_view LocalName(const xmlNode* node) {
  if (node == nullptr || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

std::string TrimmedText(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string_view text(reinterpret_cast<const char*>(content));
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && IsXmlSpace(text[begin])) ++begin;
  while (end > begin && IsXmlSpace(text[end - 1])) --end;
  std::string out(text.substr(begin, end - begin));
  xmlFree(content);
  return out;
}

std::string ElementPath(const xmlNode* node) {
  std::string attribute;
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) {
    attribute = "@" + std::string(LocalName(node));
    node = node->parent;
  }
  while (node != nullptr && node->type != XML_ELEMENT_NODE) node = node->parent;

  std::vector<std::string> parts;
  for (; node != nullptr && node->parent != nullptr && node->parent->type == XML_ELEMENT_NODE;
       node = node->parent) {
    const std::string_view name = LocalName(node);
    int index = 0;
    int count = 0;
    for (const xmlNode* s = node->parent->children; s != nullptr; s = s->next) {
      if (s->type != XML_ELEMENT_NODE || LocalName(s) != name) continue;
      ++count;
      if (s == node) index = count;
    }
    std::string part(name);
    if (count > 1) part += "[" + std::to_string(index) + "]";
    parts.push_back(std::move(part));
  }
  std::reverse(parts.begin(), parts.end());
  if (!attribute.empty()) parts.push_back(std::move(attribute));

  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

int64_t LineOf(const xmlNode* node) {
  if (node != nullptr && node->type == XML_ATTRIBUTE_NODE) node = node->parent;
  if (node == nullptr) return 0;
  const long line = xmlGetLineNo(node);
  return line > 0 ? line : 0;
}

}  // namespace keruen::ncts_internal
