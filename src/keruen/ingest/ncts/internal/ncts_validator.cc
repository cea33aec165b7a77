#include "keruen/ingest/ncts/internal/ncts_validator.h"

#include <filesystem>
#include <vector>

#include "keruen/ingest/ncts/internal/xml_tree.h"

namespace keruen::ncts_internal {
namespace {

namespace fs = std::filesystem;

std::string TrimMessage(const char* message) {
  std::string out = message != nullptr ? message : "unknown error";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Errors libxml2 reports while compiling a schema; only the first is kept.
void RecordSchemaError(void* ctx, xmlError* error) {
  auto* first = static_cast<std::string*>(ctx);
  if (error == nullptr || error->level < XML_ERR_ERROR || !first->empty()) return;
  *first = TrimMessage(error->message);
  if (error->file != nullptr)
    *first += " (" + std::string(error->file) + ":" + std::to_string(error->line) + ")";
}

// Validity errors of one document: the first in full, the rest counted.
struct ValidityErrors {
  int count = 0;
  Error first;
};

void RecordValidityError(void* ctx, xmlError* error) {
  auto* errors = static_cast<ValidityErrors*>(ctx);
  if (error == nullptr || error->level < XML_ERR_ERROR) return;
  if (errors->count++ > 0) return;
  const auto* node = static_cast<const xmlNode*>(error->node);
  std::string message = TrimMessage(error->message);
  // "Element 'messageSender': [facet 'pattern'] ..." -> the path names the element already.
  if (message.rfind("Element '", 0) == 0) {
    if (const size_t end = message.find("': "); end != std::string::npos) {
      message.erase(0, end + 3);
    }
  }
  errors->first = Error{ErrorCode::kInvalidArgument,
                        std::move(message),
                        ElementPath(node),
                        {},
                        node != nullptr ? LineOf(node) : error->line};
}

std::string_view PhasePrefix(NctsPhase phase) {
  return phase == NctsPhase::kPhase6 ? "phase6" : "phase5";
}

// The newest `<dir>/<prefix>*/xsd/cc015c.xsd` (folder names carry the schema version,
// "phase5_v51.8.6", so the greatest name is the newest).
std::string FindSchemaFile(const std::string& dir, std::string_view prefix) {
  std::string best_folder;
  std::string best_file;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const fs::path file = it->path() / "xsd" / "cc015c.xsd";
    std::error_code file_ec;
    if (!fs::is_regular_file(file, file_ec)) continue;
    if (best_folder.empty() || name > best_folder) {
      best_folder = name;
      best_file = file.string();
    }
  }
  return best_file;
}

}  // namespace

NctsValidator& NctsValidator::Shared() {
  static NctsValidator* const instance = new NctsValidator();  // never destroyed: used at exit
  return *instance;
}

Result<NctsValidator::SchemaPtr> NctsValidator::Load(const std::string& schema_dir,
                                                     NctsPhase phase) {
  const std::string key = schema_dir + "#" + std::string(PhasePrefix(phase));
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = schemas_.find(key); it != schemas_.end()) return it->second;

  const std::string path = FindSchemaFile(schema_dir, PhasePrefix(phase));
  if (path.empty()) {
    return NotFound("no CC015C schema for NCTS " + std::string(PhasePrefix(phase)) + " in " +
                    schema_dir + " (expected " + schema_dir + "/" +
                    std::string(PhasePrefix(phase)) + "*/xsd/cc015c.xsd)");
  }
  xmlSchemaParserCtxt* parser = xmlSchemaNewParserCtxt(path.c_str());
  if (parser == nullptr) return MakeError(ErrorCode::kInternal, "cannot read schema " + path);
  std::string first_error;
  xmlSchemaSetParserStructuredErrors(parser, RecordSchemaError, &first_error);
  xmlSchema* compiled = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (compiled == nullptr) {
    return MakeError(ErrorCode::kInternal, "cannot compile schema " + path + ": " + first_error);
  }
  SchemaPtr schema(compiled, SchemaDeleter());
  schemas_.emplace(key, schema);
  return schema;
}

Status NctsValidator::ValidateCc015c(xmlDoc* doc, const std::string& schema_dir, NctsPhase phase) {
  Result<SchemaPtr> schema = Load(schema_dir, phase);
  if (!schema) return tl::unexpected(schema.error());

  xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(schema->get());
  if (ctxt == nullptr) return MakeError(ErrorCode::kInternal, "cannot create a schema validator");
  ValidityErrors errors;
  xmlSchemaSetValidStructuredErrors(ctxt, RecordValidityError, &errors);
  const int rc = xmlSchemaValidateDoc(ctxt, doc);
  xmlSchemaFreeValidCtxt(ctxt);
  if (rc == 0) return Ok();
  if (rc < 0 || errors.count == 0) {
    return MakeError(ErrorCode::kInternal,
                     "schema validation failed internally (code " + std::to_string(rc) + ")");
  }
  Error e = std::move(errors.first);
  e.message =
      "violates the NCTS " + std::string(PhasePrefix(phase)) + " CC015C schema: " + e.message;
  if (errors.count > 1) {
    e.message += " (and " + std::to_string(errors.count - 1) + " more schema error" +
                 (errors.count > 2 ? "s" : "") + ")";
  }
  return tl::unexpected(std::move(e));
}

}  // namespace keruen::ncts_internal
