// A case told whole: the documents behind its alerts, joined with what each engine knows of
// them. This is what an analyst opens (`keruen cases show`, GET /api/v1/cases/{id}):
// - each declaration with its parties, route and goods, every item with the controlled-goods
//   lists it is on, and the lane the risk engine recorded;
// - the movement of each transit or export: its state and history;
// - the trader's balance in the virtual warehouse for each HS-6 code of the case;
// - each payment with the decision taken on it;
// - every alert with its explanation and evidence.
#ifndef KERUEN_CASES_CASE_STORY_H_
#define KERUEN_CASES_CASE_STORY_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keruen/cases/cases.h"
#include "keruen/core/json_writer.h"
#include "keruen/goods/controlled_goods.h"
#include "keruen/ledger/virtual_warehouse.h"

namespace keruen::cases {

struct StoryDeclaration {
  Declaration declaration;
  std::vector<std::vector<goods::Listing>> listings;  // per goods item
  std::optional<Decision> lane;                       // the latest lane decision
  std::optional<Movement> movement;
};

struct StoryPayment {
  Payment payment;
  std::optional<Decision> decision;  // the latest payment decision
};

struct StoryBalance {
  std::string party;
  std::string hs6;
  ledger::Balance balance;
};

struct CaseStory {
  Case summary;
  std::vector<StoryDeclaration> declarations;
  std::vector<StoryPayment> payments;
  std::vector<StoryBalance> balances;
};

// A company's balance of one code, or nullopt; the caller's ledger (the server's live one, or
// one the CLI loads from the store).
using BalanceLookup =
    std::function<std::optional<ledger::Balance>(const std::string& party, const std::string& hs6)>;

Result<CaseStory> TellStory(Store& store, const Case& c, const goods::ControlledGoods& goods,
                            const BalanceLookup& balance);

void AppendJson(JsonWriter& w, const CaseStory& story);
// The story for a terminal, one fact a line.
std::string RenderText(const CaseStory& story);
// A case's queue line for lists: id, status, severity, rules, summary.
void AppendJson(JsonWriter& w, const Case& c, bool with_alerts);

}  // namespace keruen::cases

#endif  // KERUEN_CASES_CASE_STORY_H_
