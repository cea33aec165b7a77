#include "keruen/core/validate.h"

#include <set>

#include "keruen/core/reference.h"

namespace keruen {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool AllAlnum(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      return false;
    }
  }
  return !s.empty();
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

class Checker {
 public:
  void Add(std::string field, std::string message) {
    problems_.push_back(
        Error{ErrorCode::kInvalidArgument, std::move(message), std::move(field), {}, 0});
  }

  void Country(const std::string& field, std::string_view code, bool required) {
    if (code.empty()) {
      if (required) Add(field, "is required");
      return;
    }
    if (!IsCountryCode(code))
      Add(field, Quote(code) + " is not an ISO 3166-1 alpha-2 country code");
  }

  void Money(const std::string& field, const keruen::Money& m, bool allow_zero) {
    if (!IsCurrencyCode(m.currency)) {
      Add(field + ".currency", Quote(m.currency) + " is not an ISO 4217 currency code");
    }
    if (m.units < 0 || (!allow_zero && m.units == 0)) {
      Add(field + ".amount", allow_zero ? "must not be negative" : "must be positive");
    }
  }

  // Identifier formats of the issuing countries; deliberately only what is certain.
  void Identifier(const std::string& field, const keruen::Identifier& id) {
    const std::string path = field + "." + std::string(IdKindName(id.kind));
    const std::string_view v = id.value;
    switch (id.kind) {
      case IdKind::kBin:
      case IdKind::kIin:
        if (!AllDigits(v) || v.size() != 12) Add(path, Quote(v) + " is not 12 digits");
        break;
      case IdKind::kInn:  // Russia 10 or 12 digits, Kyrgyzstan 14
        if (!AllDigits(v) || (v.size() != 10 && v.size() != 12 && v.size() != 14)) {
          Add(path, Quote(v) + " is not 10, 12 or 14 digits");
        }
        break;
      case IdKind::kOgrn:
        if (!AllDigits(v) || (v.size() != 13 && v.size() != 15)) {
          Add(path, Quote(v) + " is not 13 or 15 digits");
        }
        break;
      case IdKind::kEori:
        // "XI" is the EORI prefix of Northern Ireland, which has no ISO 3166 code of its own.
        if (v.size() < 3 || v.size() > 17 || !AllAlnum(v) ||
            !(IsCountryCode(v.substr(0, 2)) || v.substr(0, 2) == "XI")) {
          Add(path, Quote(v) + " is not an EORI number (country code and up to 15 characters)");
        }
        break;
      case IdKind::kVat:
        if (v.size() < 4 || v.size() > 16 || !AllAlnum(v))
          Add(path, Quote(v) + " is not a VAT number");
        break;
    }
  }

  void Party(const std::string& field, const keruen::Party& p) {
    if (p.name.empty()) Add(field + ".name", "is required");
    Country(field + ".country", p.country, false);
    for (const auto& id : p.ids) Identifier(field + ".ids", id);
  }

  std::vector<Error> Take() { return std::move(problems_); }

 private:
  std::vector<Error> problems_;
};

}  // namespace

std::vector<Error> ValidateDeclaration(const Declaration& d) {
  Checker c;
  if (d.id.size() > 64) c.Add("id", "is longer than 64 characters");
  c.Party("declarant", d.declarant);
  if (d.consignor) c.Party("consignor", *d.consignor);
  if (d.consignee) c.Party("consignee", *d.consignee);
  if (d.carrier) c.Party("carrier", *d.carrier);
  c.Country("country_of_dispatch", d.country_of_dispatch, false);
  c.Country("country_of_destination", d.country_of_destination, false);
  if (d.itinerary.limit_date && *d.itinerary.limit_date < d.lodged_at) {
    c.Add("itinerary.limit_date", "is before lodged_at");
  }
  if (d.items.empty()) c.Add("items", "must hold at least one goods item");
  if (d.items.size() > 1999) c.Add("items", "holds more than 1999 goods items");
  std::set<int32_t> seqs;
  for (size_t i = 0; i < d.items.size(); ++i) {
    const GoodsItem& it = d.items[i];
    const std::string path = "items[" + std::to_string(i) + "]";
    if (it.hs.empty()) {
      // NCTS makes the commodity code optional in transit; everywhere else it is required.
      if (d.kind != DeclarationKind::kTransit) c.Add(path + ".hs", "is required");
    } else if (!AllDigits(it.hs) || it.hs.size() < 6 || it.hs.size() > 10) {
      c.Add(path + ".hs", Quote(it.hs) + " is not 6-10 digits");
    }
    if (it.seq != 0 && !seqs.insert(it.seq).second) {
      c.Add(path + ".seq", std::to_string(it.seq) + " is used by an earlier item");
    }
    if (it.quantity < 0) c.Add(path + ".quantity", "must not be negative");
    if (it.net_kg < 0) c.Add(path + ".net_kg", "must not be negative");
    if (it.gross_kg < 0) c.Add(path + ".gross_kg", "must not be negative");
    if (it.gross_kg > 0 && it.net_kg > it.gross_kg * 1.0001) {
      c.Add(path + ".net_kg", "exceeds gross_kg");
    }
    c.Money(path + ".value", it.value, true);
    c.Country(path + ".origin", it.origin, false);
  }
  for (size_t i = 0; i < d.transport.seals.size(); ++i) {
    if (d.transport.seals[i].empty()) {
      c.Add("transport.seals[" + std::to_string(i) + "]", "must not be empty");
    }
  }
  return c.Take();
}

std::vector<Error> ValidatePayment(const Payment& p) {
  Checker c;
  if (p.id.size() > 64) c.Add("id", "is longer than 64 characters");
  c.Money("amount", p.amount, false);
  c.Party("debtor", p.debtor.party);
  c.Party("creditor", p.creditor.party);
  auto bic = [&](const std::string& field, std::string_view v) {
    if (v.empty()) return;
    if ((v.size() != 8 && v.size() != 11) || !AllAlnum(v) || !IsCountryCode(v.substr(4, 2))) {
      c.Add(field, Quote(v) + " is not a BIC (8 or 11 characters with a country code)");
    }
  };
  bic("debtor.agent_bic", p.debtor.agent_bic);
  bic("creditor.agent_bic", p.creditor.agent_bic);
  for (size_t i = 0; i < p.intermediary_bics.size(); ++i) {
    bic("intermediary_bics[" + std::to_string(i) + "]", p.intermediary_bics[i]);
  }
  return c.Take();
}

Status CheckDeclaration(const Declaration& d) {
  auto problems = ValidateDeclaration(d);
  if (problems.empty()) return Ok();
  return tl::unexpected(std::move(problems.front()));
}

Status CheckPayment(const Payment& p) {
  auto problems = ValidatePayment(p);
  if (problems.empty()) return Ok();
  return tl::unexpected(std::move(problems.front()));
}

}  // namespace keruen
