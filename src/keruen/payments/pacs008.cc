#include "keruen/payments/pacs008.h"

#include <libxml/tree.h>

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "keruen/core/time.h"
#include "keruen/core/validate.h"
#include "keruen/core/xml.h"

namespace keruen::payments {
namespace {

std::string_view LocalName(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view name) {
  std::vector<const xmlNode*> out;
  if (parent == nullptr) return out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && LocalName(c) == name) out.push_back(c);
  }
  return out;
}

// Follows `path` (local names) down from `node`; null when a step is missing.
const xmlNode* Find(const xmlNode* node, std::initializer_list<std::string_view> path) {
  for (std::string_view step : path) node = Child(node, step);
  return node;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The trimmed text of `node`, empty for a null node.
std::string Text(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (content == nullptr) return {};
  std::string text(Trim(reinterpret_cast<const char*>(content)));
  xmlFree(content);
  return text;
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(Trim(reinterpret_cast<const char*>(value)));
  xmlFree(value);
  return text;
}

int64_t LineOf(const xmlNode* node) {
  const long line = xmlGetLineNo(node);
  return line > 0 ? line : 0;
}

// Where errors point: the source, and the element path of the transaction being read.
class Locator {
 public:
  Locator(std::string_view source, std::string prefix)
      : source_(source), prefix_(std::move(prefix)) {}

  std::string Path(std::string_view field) const {
    if (field.empty()) return prefix_;
    return prefix_.empty() ? std::string(field) : prefix_ + "/" + std::string(field);
  }
  tl::unexpected<Error> Fail(const xmlNode* at, std::string_view field, std::string message,
                             ErrorCode code = ErrorCode::kInvalidArgument) const {
    return tl::unexpected(Error{code, std::move(message), Path(field), {}, 0}.WithSource(
        source_, at ? LineOf(at) : 0));
  }

 private:
  std::string_view source_;
  std::string prefix_;
};

// "84000.00" -> 840000000 ten-thousandths. ISO 20022 amounts have up to 5 fraction digits;
// a fifth one must be zero to be held exactly.
std::optional<int64_t> ParseAmountUnits(std::string_view text) {
  size_t i = 0;
  int64_t whole = 0;
  int int_digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (++int_digits > 14) return std::nullopt;  // beyond any real transfer; avoids overflow
    whole = whole * 10 + (text[i++] - '0');
  }
  if (int_digits == 0) return std::nullopt;
  int64_t fraction = 0;
  int fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      const int digit = text[i++] - '0';
      if (++fraction_digits > 5) return std::nullopt;
      if (fraction_digits == 5) {
        if (digit != 0) return std::nullopt;
      } else {
        fraction = fraction * 10 + digit;
      }
    }
    if (fraction_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  for (int d = std::min(fraction_digits, 4); d < 4; ++d) fraction *= 10;
  return whole * Money::kScale + fraction;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The Keruen identifier kind a scheme name stands for, or nullopt (see the header).
std::optional<IdKind> KindOf(std::string_view scheme, std::string_view country, bool person) {
  const std::string s = Lower(scheme);
  if (s == "txid") {
    if (country == "KZ") return person ? IdKind::kIin : IdKind::kBin;
    if (country == "RU" || country == "KG" || country == "BY") return IdKind::kInn;
    return IdKind::kVat;
  }
  return ParseIdKind(s);
}

void ReadIdentifiers(const xmlNode* id, Party& party) {
  for (const auto& [group, person] : {std::pair{"OrgId", false}, std::pair{"PrvtId", true}}) {
    for (const xmlNode* other : Children(Child(id, group), "Othr")) {
      const std::string value = Text(Child(other, "Id"));
      const xmlNode* scheme_name = Child(other, "SchmeNm");
      std::string scheme = Text(Child(scheme_name, "Cd"));
      if (scheme.empty()) scheme = Text(Child(scheme_name, "Prtry"));
      if (value.empty() || scheme.empty()) continue;
      if (auto kind = KindOf(scheme, party.country, person)) {
        party.ids.push_back(Identifier{*kind, value});
      }
    }
  }
}

std::string ReadAddress(const xmlNode* address) {
  std::string out;
  auto add = [&out](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += ", ";
    out += part;
  };
  for (const char* field : {"StrtNm", "BldgNb", "PstCd", "TwnNm"}) add(Text(Child(address, field)));
  for (const xmlNode* line : Children(address, "AdrLine")) add(Text(line));
  return out;
}

std::string ReadBic(const xmlNode* agent) {
  const xmlNode* institution = Child(agent, "FinInstnId");
  std::string bic = Text(Child(institution, "BICFI"));
  if (bic.empty()) bic = Text(Child(institution, "BIC"));  // pacs.008.001.02 and older
  return bic;
}

Result<PaymentParty> ReadParty(const xmlNode* tx, const Locator& at, std::string_view party_el,
                               std::string_view account_el, std::string_view agent_el) {
  const xmlNode* party = Child(tx, party_el);
  if (party == nullptr) return at.Fail(tx, party_el, "missing (every transfer names it)");
  PaymentParty out;
  out.party.name = Text(Child(party, "Nm"));
  const xmlNode* address = Child(party, "PstlAdr");
  out.party.country = Text(Child(address, "Ctry"));
  if (out.party.country.empty()) out.party.country = Text(Child(party, "CtryOfRes"));
  out.party.address = ReadAddress(address);
  ReadIdentifiers(Child(party, "Id"), out.party);
  const xmlNode* account_id = Find(tx, {account_el, "Id"});
  out.account = Text(Child(account_id, "IBAN"));
  if (out.account.empty()) out.account = Text(Find(account_id, {"Othr", "Id"}));
  out.agent_bic = ReadBic(Child(tx, agent_el));
  return out;
}

Result<Timestamp> ReadExecutedAt(const xmlNode* tx, const xmlNode* header, const Locator& at,
                                 const Locator& header_at) {
  for (const auto& [node, where] : {std::pair{Child(tx, "IntrBkSttlmDt"), &at},
                                    std::pair{Child(header, "IntrBkSttlmDt"), &header_at}}) {
    if (node == nullptr) continue;
    auto date = ParseDate(Text(node));
    if (!date) {
      return where->Fail(node, "IntrBkSttlmDt",
                         "\"" + Text(node) + "\" is not a date (YYYY-MM-DD)");
    }
    return StartOfDate(*date);
  }
  if (const xmlNode* accepted = Child(tx, "AccptncDtTm")) {
    auto ts = ParseTimestamp(Text(accepted));
    if (!ts)
      return at.Fail(accepted, "AccptncDtTm",
                     "\"" + Text(accepted) + "\" is not an ISO 8601 date-time");
    return *ts;
  }
  if (const xmlNode* created = Child(header, "CreDtTm")) {
    auto ts = ParseTimestamp(Text(created));
    if (!ts)
      return header_at.Fail(created, "CreDtTm",
                            "\"" + Text(created) + "\" is not an ISO 8601 date-time");
    return *ts;
  }
  return at.Fail(tx, "IntrBkSttlmDt",
                 "missing, and neither AccptncDtTm nor GrpHdr/CreDtTm gives a date");
}

}  // namespace

bool LooksLikeXml(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  text = Trim(text);
  return !text.empty() && text.front() == '<';
}

Result<std::vector<Payment>> ParsePacs008(std::string_view xml, std::string_view source) {
  const Locator top(source, "");
  if (xml.size() > kMaxPacs008Bytes) {
    return top.Fail(nullptr, "",
                    "message of " + std::to_string(xml.size()) + " bytes is over the limit of " +
                        std::to_string(kMaxPacs008Bytes));
  }
  auto doc = ParseXmlSafely(xml, source);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* message =
      LocalName(root) == "FIToFICstmrCdtTrf" ? root : Child(root, "FIToFICstmrCdtTrf");
  const std::string ns =
      root->ns && root->ns->href ? reinterpret_cast<const char*>(root->ns->href) : "";
  if (message == nullptr || (!ns.empty() && ns.find("pacs.008") == std::string::npos)) {
    return top.Fail(root, std::string(LocalName(root)),
                    "not a pacs.008 message (expected Document/FIToFICstmrCdtTrf" +
                        (ns.empty() ? std::string(")") : ", found namespace " + ns + ")"));
  }
  const xmlNode* header = Child(message, "GrpHdr");
  const Locator header_at(source, "GrpHdr");
  const std::string msg_id = Text(Child(header, "MsgId"));
  const auto transactions = Children(message, "CdtTrfTxInf");
  if (transactions.empty())
    return top.Fail(message, "CdtTrfTxInf", "no transaction in the message");

  std::vector<Payment> payments;
  payments.reserve(transactions.size());
  for (size_t i = 0; i < transactions.size(); ++i) {
    const xmlNode* tx = transactions[i];
    const Locator at(source, "CdtTrfTxInf[" + std::to_string(i + 1) + "]");
    Payment p;
    const xmlNode* payment_id = Child(tx, "PmtId");
    p.id = Text(Child(payment_id, "TxId"));
    if (p.id.empty()) {
      p.id = Text(Child(payment_id, "EndToEndId"));
      if (p.id == "NOTPROVIDED") p.id.clear();
    }
    if (p.id.empty()) {
      if (msg_id.empty()) {
        return at.Fail(tx, "PmtId", "no TxId, no EndToEndId and no GrpHdr/MsgId to name it by");
      }
      p.id = msg_id + "-" + std::to_string(i + 1);
    }

    const xmlNode* amount = Child(tx, "IntrBkSttlmAmt");
    if (amount == nullptr) return at.Fail(tx, "IntrBkSttlmAmt", "missing");
    p.amount.currency = Attribute(amount, "Ccy");
    if (p.amount.currency.empty()) {
      return at.Fail(amount, "IntrBkSttlmAmt", "missing the Ccy attribute");
    }
    const std::string amount_text = Text(amount);
    auto units = ParseAmountUnits(amount_text);
    if (!units) {
      return at.Fail(amount, "IntrBkSttlmAmt",
                     "\"" + amount_text +
                         "\" is not a decimal amount (digits, '.', 5 decimals at "
                         "most)");
    }
    p.amount.units = *units;

    auto executed = ReadExecutedAt(tx, header, at, header_at);
    if (!executed) return tl::unexpected(executed.error());
    p.executed_at = *executed;

    auto debtor = ReadParty(tx, at, "Dbtr", "DbtrAcct", "DbtrAgt");
    if (!debtor) return tl::unexpected(debtor.error());
    p.debtor = std::move(*debtor);
    auto creditor = ReadParty(tx, at, "Cdtr", "CdtrAcct", "CdtrAgt");
    if (!creditor) return tl::unexpected(creditor.error());
    p.creditor = std::move(*creditor);
    for (const char* agent : {"IntrmyAgt1", "IntrmyAgt2", "IntrmyAgt3"}) {
      if (std::string bic = ReadBic(Child(tx, agent)); !bic.empty()) {
        p.intermediary_bics.push_back(std::move(bic));
      }
    }

    const xmlNode* remittance = Child(tx, "RmtInf");
    for (const xmlNode* line : Children(remittance, "Ustrd")) {
      if (std::string text = Text(line); !text.empty()) {
        if (!p.remittance.empty()) p.remittance += ' ';
        p.remittance += text;
      }
    }
    for (const xmlNode* structured : Children(remittance, "Strd")) {
      for (const xmlNode* document : Children(structured, "RfrdDocInf")) {
        const std::string number = Text(Child(document, "Nb"));
        if (number.empty()) continue;
        const std::string type = Text(Find(document, {"Tp", "CdOrPrtry", "Cd"}));
        if (!p.remittance.empty()) p.remittance += ' ';
        if (type == "CINV") p.remittance += "Invoice ";
        p.remittance += number;
      }
    }
    const xmlNode* purpose = Child(tx, "Purp");
    p.purpose = Text(Child(purpose, "Cd"));
    if (p.purpose.empty()) p.purpose = Text(Child(purpose, "Prtry"));

    if (auto valid = CheckPayment(p); !valid) {
      return tl::unexpected(
          valid.error().WithFieldPrefix(at.Path("")).WithSource(source, LineOf(tx)));
    }
    payments.push_back(std::move(p));
  }
  return payments;
}

}  // namespace keruen::payments
