#include "keruen/core/xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <climits>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>

namespace keruen {
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

tl::unexpected<Error> Located(ErrorCode code, std::string message, std::string_view source,
                              int64_t line) {
  return tl::unexpected(Error{code, std::move(message), {}, std::string(source), line});
}

}  // namespace

Result<XmlDocument> ParseXmlSafely(std::string_view text, std::string_view source) {
  // libxml2 wants its globals set up once before parsers run on several threads.
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });

  if (text.size() > static_cast<size_t>(INT_MAX)) {
    return Located(ErrorCode::kInvalidArgument,
                   "document of " + std::to_string(text.size()) +
                       " bytes exceeds the XML parser's limit of " + std::to_string(INT_MAX) +
                       " bytes",
                   source, 0);
  }
  // libxml2 gives no parser at all for an empty buffer.
  if (text.empty()) return Located(ErrorCode::kParse, "empty document", source, 0);

  xmlParserCtxt* ctxt = xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size()));
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
  XmlDocument doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  xmlFreeParserCtxt(ctxt);

  if (state.doctype) {
    return Located(ErrorCode::kInvalidArgument,
                   "a DOCTYPE is not accepted (it could declare external entities)", source,
                   state.doctype_line);
  }
  if (!well_formed || doc == nullptr) {
    return Located(ErrorCode::kParse,
                   "XML is not well-formed: " +
                       (state.failed ? state.first_error : std::string("unknown parser error")),
                   source, state.first_error_line);
  }
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    return Located(ErrorCode::kParse, "document has no root element", source, 0);
  }
  return doc;
}

}  // namespace keruen
