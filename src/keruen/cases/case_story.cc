#include "keruen/cases/case_story.h"

#include <cstdio>
#include <set>

#include "keruen/core/json_codec.h"

namespace keruen::cases {
namespace {

std::optional<Decision> Latest(const std::vector<Decision>& decisions, std::string_view kind) {
  std::optional<Decision> latest;
  for (const Decision& d : decisions) {
    if (d.kind == kind) latest = d;
  }
  return latest;
}

// The trader whose stock the declaration moves (ledger::EntriesOf's rule).
const Party* TraderOf(const Declaration& d) {
  switch (d.kind) {
    case DeclarationKind::kImport:
      return d.consignee ? &*d.consignee : nullptr;
    case DeclarationKind::kExport:
    case DeclarationKind::kWaybill:
      return d.consignor ? &*d.consignor : nullptr;
    case DeclarationKind::kTransit:
      return nullptr;
  }
  return nullptr;
}

std::string Fixed(double v, int decimals = 0) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string PartyLine(const char* role, const std::optional<Party>& p) {
  if (!p) return {};
  std::string s = std::string("    ") + role + ": " + p->name + " (" + p->country;
  for (const Identifier& id : p->ids) s += ", " + std::string(IdKindName(id.kind)) + " " + id.value;
  return s + ")\n";
}

}  // namespace

Result<CaseStory> TellStory(Store& store, const Case& c, const goods::ControlledGoods& goods,
                            const BalanceLookup& balance) {
  CaseStory story;
  story.summary = c;
  std::set<std::pair<std::string, std::string>> codes;  // (party, hs6) for balances
  for (const std::string& id : c.declarations) {
    auto stored = store.GetDeclaration(id);
    if (!stored) return tl::unexpected(stored.error());
    if (!*stored) continue;  // an alert may name a document not stored (yet)
    StoryDeclaration sd;
    sd.declaration = (*stored)->value;
    const Date on = DateOf(sd.declaration.lodged_at);
    for (const GoodsItem& item : sd.declaration.items) {
      sd.listings.push_back(goods.Classify(item.hs, on));
      const Party* trader = TraderOf(sd.declaration);
      if (auto hs = goods::NormalizeHs(item.hs); trader && hs && hs->size() >= 6) {
        codes.emplace(ledger::PartyKey(*trader), hs->substr(0, 6));
      }
    }
    auto decisions = store.DecisionsFor({"declaration", id});
    if (!decisions) return tl::unexpected(decisions.error());
    sd.lane = Latest(*decisions, "lane");
    auto movement = store.GetMovement(id);
    if (!movement) return tl::unexpected(movement.error());
    sd.movement = *movement;
    story.declarations.push_back(std::move(sd));
  }
  for (const std::string& id : c.payments) {
    auto stored = store.GetPayment(id);
    if (!stored) return tl::unexpected(stored.error());
    if (!*stored) continue;
    StoryPayment sp;
    sp.payment = (*stored)->value;
    auto decisions = store.DecisionsFor({"payment", id});
    if (!decisions) return tl::unexpected(decisions.error());
    sp.decision = Latest(*decisions, "payment");
    story.payments.push_back(std::move(sp));
  }
  if (balance) {
    for (const auto& [party, hs6] : codes) {
      if (auto b = balance(party, hs6)) story.balances.push_back({party, hs6, *b});
    }
  }
  return story;
}

void AppendJson(JsonWriter& w, const Case& c, bool with_alerts) {
  w.BeginObject()
      .Field("id", c.id)
      .Field("status", CaseStatusName(c.status))
      .Field("assignee", c.assignee)
      .Field("severity", SeverityName(c.severity))
      .Field("priority", c.priority)
      .Field("opened_at", FormatTimestamp(c.opened_at))
      .Field("updated_at", FormatTimestamp(c.updated_at))
      .Field("summary", c.summary);
  for (auto [key, list] : {std::pair{"rules", &c.rules}, std::pair{"declarations", &c.declarations},
                           std::pair{"payments", &c.payments}}) {
    w.Key(key).BeginArray();
    for (const std::string& s : *list) w.String(s);
    w.EndArray();
  }
  w.Field("alert_count", static_cast<int64_t>(c.alerts.size()));
  if (with_alerts) {
    for (auto [key, list] :
         {std::pair{"alerts", &c.alerts}, std::pair{"suppressed", &c.suppressed}}) {
      w.Key(key).BeginArray();
      for (const Alert& a : *list) {
        std::string json;
        keruen::AppendJson(a, json);
        w.Raw(json);
      }
      w.EndArray();
    }
  }
  w.EndObject();
}

void AppendJson(JsonWriter& w, const CaseStory& story) {
  w.BeginObject();
  w.Key("case");
  AppendJson(w, story.summary, true);
  w.Key("declarations").BeginArray();
  for (const StoryDeclaration& sd : story.declarations) {
    std::string json;
    keruen::AppendJson(sd.declaration, json);
    w.BeginObject().Key("declaration").Raw(json);
    w.Key("item_listings").BeginArray();
    for (const auto& listings : sd.listings) {
      w.BeginArray();
      for (const goods::Listing& l : listings) goods::AppendJson(w, l);
      w.EndArray();
    }
    w.EndArray();
    if (sd.lane) {
      std::string lane;
      keruen::AppendJson(*sd.lane, lane);
      w.Key("lane").Raw(lane);
    }
    if (sd.movement) {
      std::string movement;
      keruen::AppendJson(*sd.movement, movement);
      w.Key("movement").Raw(movement);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("payments").BeginArray();
  for (const StoryPayment& sp : story.payments) {
    std::string json;
    keruen::AppendJson(sp.payment, json);
    w.BeginObject().Key("payment").Raw(json);
    if (sp.decision) {
      std::string decision;
      keruen::AppendJson(*sp.decision, decision);
      w.Key("decision").Raw(decision);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("balances").BeginArray();
  for (const StoryBalance& b : story.balances) {
    w.BeginObject()
        .Field("party", b.party)
        .Field("hs6", b.hs6)
        .Field("in_kg", b.balance.in_kg)
        .Field("out_kg", b.balance.out_kg)
        .Field("out_to_russia_kg", b.balance.out_to_russia_kg)
        .Field("excess_kg", b.balance.excess_kg())
        .EndObject();
  }
  w.EndArray().EndObject();
}

std::string RenderText(const CaseStory& story) {
  const Case& c = story.summary;
  std::string s = c.id + "  " + std::string(CaseStatusName(c.status)) +
                  (c.assignee.empty() ? "" : " (" + c.assignee + ")") + ", " +
                  std::string(SeverityName(c.severity)) + ", priority " +
                  std::to_string(c.priority) + "\n  " + c.summary + "\n";
  s += "\nalerts (" + std::to_string(c.alerts.size()) + "):\n";
  for (const Alert& a : c.alerts) {
    s += "  " + a.rule + " [" + std::string(SeverityName(a.severity)) + ", " +
         std::string(AlertStatusName(a.status)) + "] " + a.subject.type + " " + a.subject.id +
         ": " + a.explanation + "\n";
  }
  for (const Alert& a : c.suppressed) {
    s += "  (suppressed: facts cleared before) " + a.rule + " " + a.subject.id + ": " +
         a.explanation + "\n";
  }
  for (const StoryDeclaration& sd : story.declarations) {
    const Declaration& d = sd.declaration;
    s += "\ndeclaration " + d.id + ": " + std::string(DeclarationKindName(d.kind)) + " lodged " +
         FormatTimestamp(d.lodged_at) + ", " + d.country_of_dispatch + " -> " +
         d.country_of_destination;
    if (sd.lane) s += ", lane " + sd.lane->outcome;
    s += "\n";
    s += PartyLine("consignor", d.consignor) + PartyLine("consignee", d.consignee);
    if (!d.itinerary.entry_post.empty() || !d.itinerary.exit_post.empty()) {
      s += "    route: " + d.itinerary.entry_post + " -> " + d.itinerary.exit_post + "\n";
    }
    for (size_t i = 0; i < d.items.size(); ++i) {
      const GoodsItem& item = d.items[i];
      s += "    item " + std::to_string(item.seq) + ": " + item.hs + " " + item.description + ", " +
           Fixed(item.net_kg, 1) + " kg, " + Fixed(item.value.amount(), 2) + " " +
           item.value.currency + "\n";
      for (const goods::Listing& l : sd.listings[i])
        s += "      on " + goods::DescribeListing(l) + "\n";
    }
    if (sd.movement) {
      s += "    movement: " + std::string(MovementStateName(sd.movement->state));
      for (const MovementEvent& e : sd.movement->history) {
        s += "; " + std::string(MovementStateName(e.state)) + " " + FormatTimestamp(e.at) +
             (e.reason.empty() ? "" : " (" + e.reason + ")");
      }
      s += "\n";
    }
  }
  if (!story.balances.empty()) s += "\nvirtual warehouse:\n";
  for (const StoryBalance& b : story.balances) {
    s += "  " + b.party + " " + b.hs6 + ": in " + Fixed(b.balance.in_kg) + " kg, out " +
         Fixed(b.balance.out_kg) + " kg (" + Fixed(b.balance.out_to_russia_kg) +
         " kg to RU/BY), balance " + Fixed(-b.balance.excess_kg()) + " kg\n";
  }
  for (const StoryPayment& sp : story.payments) {
    const Payment& p = sp.payment;
    s += "\npayment " + p.id + ": " + Fixed(p.amount.amount(), 2) + " " + p.amount.currency +
         " on " + FormatTimestamp(p.executed_at) + " from " + p.debtor.party.name + " (" +
         p.debtor.party.country + ", " + p.debtor.agent_bic + ") to " + p.creditor.party.name +
         " (" + p.creditor.party.country + ")";
    if (sp.decision) s += ": " + sp.decision->outcome + " by " + sp.decision->decided_by;
    s += "\n    remittance: " + p.remittance + "\n";
  }
  return s;
}

}  // namespace keruen::cases
