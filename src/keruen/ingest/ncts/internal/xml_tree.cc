#include "keruen/ingest/ncts/internal/xml_tree.h"

#include <algorithm>
#include <string>
#include <vector>

namespace keruen::ncts_internal {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

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
