#include "keruen/api/problem.h"

#include "keruen/core/json_writer.h"

namespace keruen {
namespace {

struct ProblemInfo {
  int status;
  std::string_view slug;
  std::string_view title;
};

ProblemInfo InfoOf(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kBadRequest:
      return {400, "bad-request", "Bad request"};
    case ProblemKind::kMalformedDocument:
      return {400, "malformed-document", "Malformed document"};
    case ProblemKind::kInvalidParameter:
      return {400, "invalid-parameter", "Invalid parameter"};
    case ProblemKind::kNotFound:
      return {404, "not-found", "Not found"};
    case ProblemKind::kMethodNotAllowed:
      return {405, "method-not-allowed", "Method not allowed"};
    case ProblemKind::kConflict:
      return {409, "conflict", "Conflict"};
    case ProblemKind::kPayloadTooLarge:
      return {413, "payload-too-large", "Payload too large"};
    case ProblemKind::kUnsupportedMediaType:
      return {415, "unsupported-media-type", "Unsupported media type"};
    case ProblemKind::kInvalidDocument:
      return {422, "invalid-document", "Invalid document"};
    case ProblemKind::kInternal:
      return {500, "internal", "Internal error"};
    case ProblemKind::kUnavailable:
      return {503, "unavailable", "Service unavailable"};
  }
  return {500, "internal", "Internal error"};
}

ProblemKind KindOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kParse:
      return ProblemKind::kMalformedDocument;
    case ErrorCode::kInvalidArgument:
      return ProblemKind::kInvalidDocument;
    case ErrorCode::kNotFound:
      return ProblemKind::kNotFound;
    case ErrorCode::kConflict:
      return ProblemKind::kConflict;
    case ErrorCode::kIo:
    case ErrorCode::kUnavailable:
      return ProblemKind::kUnavailable;
    case ErrorCode::kInternal:
      return ProblemKind::kInternal;
  }
  return ProblemKind::kInternal;
}

}  // namespace

int ProblemStatus(ProblemKind kind) { return InfoOf(kind).status; }

std::string ProblemTypeUri(ProblemKind kind) {
  return "urn:keruen:problem:" + std::string(InfoOf(kind).slug);
}

HttpResponse ProblemResponse(const Problem& problem) {
  const ProblemInfo info = InfoOf(problem.kind);
  HttpResponse response;
  response.status = info.status;
  response.content_type = std::string(kProblemType);
  JsonWriter w(response.body);
  w.BeginObject();
  w.Field("type", ProblemTypeUri(problem.kind));
  w.Field("title", info.title);
  w.Field("status", info.status);
  w.Field("detail", problem.detail);
  w.Field("instance", problem.instance);
  if (!problem.field.empty()) w.Field("field", problem.field);
  if (problem.line > 0) w.Field("line", problem.line);
  if (!problem.source.empty()) w.Field("source", problem.source);
  w.EndObject();
  return response;
}

Problem ProblemFromError(const Error& error, std::string_view instance) {
  Problem p;
  p.kind = KindOf(error.code);
  p.detail = error.ToString();  // "source:line: field: message", a sentence on its own
  p.instance = std::string(instance);
  p.field = error.field;
  p.line = error.line;
  p.source = error.source;
  return p;
}

}  // namespace keruen
