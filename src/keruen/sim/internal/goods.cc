#include "keruen/sim/internal/goods.h"

#include <algorithm>
#include <cmath>

#include "keruen/core/exchange_rates.h"

namespace keruen::sim_internal {

// Unit, mass per unit and price per kilogram of a chapter or heading, as ranges drawn
// log-uniformly per lot.
struct Shape {
  const char* unit;
  double kg_lo, kg_hi;  // per unit
  double usd_kg_lo, usd_kg_hi;
};

namespace {

struct ChapterWeight {
  int chapter;
  double weight;
};

struct FlowMix {
  TradeFlow flow;
  std::vector<ChapterWeight> chapters;
};

// Chapter mixes per flow, shaped after Kazakhstan's trade structure: machinery, vehicles
// and pharmaceuticals from the EU; electronics, machinery, clothing and furniture from
// China; food, metals, paper and plastics from Russia; fruit, vegetables and textiles from
// Central Asia; exports of metals, grain and flour, ores, chemicals and oilseeds.
const std::vector<FlowMix>& FlowMixes() {
  static const std::vector<FlowMix> kMixes = {
      {TradeFlow::kImportEu,
       {{84, 25},
        {85, 15},
        {30, 10},
        {87, 8},
        {90, 8},
        {39, 5},
        {38, 4},
        {33, 4},
        {22, 3},
        {94, 3},
        {73, 5},
        {40, 3},
        {48, 3},
        {32, 2}}},
      {TradeFlow::kImportCn,
       {{85, 25},
        {84, 20},
        {94, 8},
        {61, 5},
        {62, 3},
        {64, 5},
        {39, 6},
        {73, 6},
        {87, 8},
        {95, 4},
        {69, 3},
        {42, 3},
        {63, 4}}},
      {TradeFlow::kImportRu,
       {{4, 5},
        {17, 4},
        {19, 6},
        {20, 4},
        {21, 6},
        {22, 5},
        {72, 10},
        {73, 8},
        {48, 8},
        {39, 8},
        {44, 6},
        {31, 4},
        {87, 8},
        {84, 8},
        {85, 5},
        {33, 5},
        {34, 4}}},
      {TradeFlow::kImportCentralAsia,
       {{8, 20}, {7, 20}, {52, 10}, {61, 15}, {62, 10}, {25, 5}, {20, 10}, {9, 5}, {2, 5}}},
      {TradeFlow::kExportRu,
       {{72, 15},
        {74, 5},
        {76, 5},
        {10, 15},
        {11, 10},
        {15, 5},
        {28, 5},
        {31, 5},
        {26, 5},
        {7, 5},
        {2, 5},
        {25, 5},
        {27, 5},
        {12, 5}}},
      {TradeFlow::kExportCn,
       {{26, 20}, {74, 15}, {72, 15}, {28, 10}, {10, 10}, {15, 10}, {12, 10}, {41, 5}, {81, 5}}},
      {TradeFlow::kExportCentralAsia,
       {{11, 25}, {10, 20}, {27, 10}, {72, 10}, {15, 10}, {25, 10}, {17, 5}, {48, 5}, {31, 5}}},
      {TradeFlow::kExportEu,
       {{72, 30}, {76, 10}, {81, 10}, {28, 15}, {26, 10}, {10, 10}, {12, 15}}},
      {TradeFlow::kTransitCn,
       {{85, 25},
        {84, 20},
        {94, 8},
        {61, 8},
        {64, 5},
        {39, 6},
        {87, 10},
        {73, 6},
        {95, 4},
        {63, 4},
        {69, 4}}},
      {TradeFlow::kTransitEu,
       {{84, 25}, {85, 20}, {87, 15}, {30, 10}, {90, 8}, {39, 5}, {33, 5}, {38, 5}, {22, 4}}},
      {TradeFlow::kTransitRu,
       {{72, 10},
        {44, 10},
        {48, 10},
        {39, 8},
        {17, 8},
        {19, 8},
        {84, 8},
        {87, 8},
        {31, 5},
        {28, 5},
        {40, 5},
        {34, 5}}},
      {TradeFlow::kTransitCentralAsia, {{8, 25}, {7, 25}, {61, 15}, {52, 10}, {62, 10}, {20, 10}}},
  };
  return kMixes;
}

struct ShapeRule {
  std::string_view prefix;  // chapter (2 digits) or heading (4 digits)
  Shape shape;
};

// Headings first (the CHPL electronics and machine tools have prices far from their
// chapter's), then chapters.
constexpr ShapeRule kShapes[] = {
    {"8542", {"pcs", 0.0005, 0.005, 500, 5000}},
    {"8541", {"pcs", 0.0002, 0.002, 100, 1500}},
    {"8532", {"pcs", 0.0001, 0.001, 100, 800}},
    {"8533", {"pcs", 0.0002, 0.005, 50, 400}},
    {"8536", {"pcs", 0.01, 0.5, 20, 150}},
    {"8517", {"pcs", 0.2, 5, 50, 500}},
    {"8471", {"pcs", 1, 15, 50, 300}},
    {"8473", {"pcs", 0.05, 2, 50, 400}},
    {"8482", {"pcs", 0.05, 20, 5, 40}},
    {"8486", {"pcs", 200, 5000, 100, 1000}},
    {"8457", {"pcs", 1500, 15000, 10, 40}},
    {"8458", {"pcs", 1500, 15000, 10, 40}},
    {"8459", {"pcs", 800, 10000, 10, 40}},
    {"8466", {"pcs", 0.5, 50, 20, 200}},
    {"8504", {"pcs", 0.2, 50, 15, 150}},
    {"8525", {"pcs", 0.1, 3, 100, 1500}},
    {"8526", {"pcs", 0.2, 10, 100, 2000}},
    {"8529", {"pcs", 0.05, 5, 30, 500}},
    {"8534", {"pcs", 0.01, 0.5, 50, 600}},
    {"8543", {"pcs", 0.2, 20, 50, 800}},
    {"8548", {"pcs", 0.01, 1, 50, 600}},
    {"8807", {"pcs", 0.5, 50, 100, 2000}},
    {"8803", {"pcs", 0.5, 50, 100, 2000}},
    {"9013", {"pcs", 0.2, 5, 200, 3000}},
    {"9014", {"pcs", 0.2, 5, 200, 3000}},
    {"9027", {"pcs", 1, 50, 100, 2000}},
    {"9030", {"pcs", 0.5, 10, 100, 1500}},
    {"8703", {"pcs", 1100, 2200, 12, 30}},
    {"8704", {"pcs", 2000, 9000, 6, 15}},
    {"4011", {"pcs", 8, 60, 3, 8}},
    {"01", {"kg", 1, 1, 2, 6}},
    {"02", {"kg", 1, 1, 2, 8}},
    {"03", {"kg", 1, 1, 2, 10}},
    {"04", {"kg", 1, 1, 1.5, 8}},
    {"07", {"kg", 1, 1, 0.3, 2}},
    {"08", {"kg", 1, 1, 0.5, 4}},
    {"09", {"kg", 1, 1, 2, 12}},
    {"10", {"kg", 1, 1, 0.15, 0.35}},
    {"11", {"kg", 1, 1, 0.2, 0.45}},
    {"12", {"kg", 1, 1, 0.4, 1.2}},
    {"15", {"kg", 1, 1, 0.8, 2.5}},
    {"17", {"kg", 1, 1, 0.4, 1}},
    {"19", {"kg", 1, 1, 1, 6}},
    {"20", {"kg", 1, 1, 0.8, 4}},
    {"21", {"kg", 1, 1, 1, 8}},
    {"22", {"l", 1, 1.5, 0.5, 10}},
    {"25", {"kg", 1, 1, 0.03, 0.2}},
    {"26", {"kg", 1, 1, 0.05, 3}},
    {"27", {"kg", 1, 1, 0.4, 1.2}},
    {"28", {"kg", 1, 1, 0.3, 15}},
    {"29", {"kg", 1, 1, 1, 30}},
    {"30", {"kg", 1, 1, 20, 400}},
    {"31", {"kg", 1, 1, 0.2, 0.6}},
    {"32", {"kg", 1, 1, 2, 15}},
    {"33", {"kg", 1, 1, 3, 40}},
    {"34", {"kg", 1, 1, 1, 5}},
    {"38", {"kg", 1, 1, 1, 10}},
    {"39", {"kg", 1, 1, 1.5, 6}},
    {"40", {"kg", 1, 1, 2, 8}},
    {"41", {"kg", 1, 1, 1, 5}},
    {"42", {"pcs", 0.3, 2, 10, 80}},
    {"44", {"m3", 450, 800, 0.2, 0.8}},
    {"48", {"kg", 1, 1, 0.7, 2}},
    {"52", {"kg", 1, 1, 1.5, 5}},
    {"61", {"pcs", 0.2, 1, 8, 40}},
    {"62", {"pcs", 0.2, 1.2, 8, 40}},
    {"63", {"kg", 1, 1, 2, 8}},
    {"64", {"pairs", 0.5, 1.5, 8, 40}},
    {"69", {"kg", 1, 1, 0.5, 3}},
    {"72", {"kg", 1, 1, 0.5, 3}},
    {"73", {"kg", 1, 1, 1.5, 6}},
    {"74", {"kg", 1, 1, 7, 10}},
    {"76", {"kg", 1, 1, 2.2, 4}},
    {"81", {"kg", 1, 1, 10, 60}},
    {"84", {"pcs", 0.5, 2000, 8, 80}},
    {"85", {"pcs", 0.01, 50, 10, 300}},
    {"87", {"pcs", 5, 1500, 4, 15}},
    {"88", {"pcs", 0.5, 100, 100, 2000}},
    {"90", {"pcs", 0.2, 30, 30, 600}},
    {"94", {"pcs", 5, 60, 2, 8}},
    {"95", {"pcs", 0.1, 3, 3, 15}},
};

constexpr Shape kDefaultShape = {"kg", 1, 1, 1, 10};

const Shape& ShapeOf(std::string_view hs) {
  for (const ShapeRule& r : kShapes) {
    if (hs.substr(0, r.prefix.size()) == r.prefix) return r.shape;
  }
  return kDefaultShape;
}

double Round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

double UsdPerUnit(std::string_view currency) {
  // The simulator only prices in currencies the table knows; USD stands in for any other.
  return keruen::UsdPerUnit(currency).value_or(1.0);
}

Money MoneyFromUsd(double usd, std::string_view currency) {
  const double amount = usd / UsdPerUnit(currency);
  Money m;
  m.units = std::llround(amount * 100) * (Money::kScale / 100);
  m.currency = std::string(currency);
  return m;
}

double MoneyToUsd(const Money& money) { return money.amount() * UsdPerUnit(money.currency); }

Result<GoodsCatalog> GoodsCatalog::Make(std::vector<HsCode> hs, std::vector<HsCode> chpl) {
  GoodsCatalog c;
  c.hs_ = std::move(hs);
  c.chpl_ = std::move(chpl);
  // Headings no simulated trader deals in, though their chapters are traded: uranium and
  // thorium ores, radioactive elements, nuclear reactors, tanks, warships, circuses.
  static constexpr std::string_view kNotTraded[] = {"2612", "2844", "2845", "8401",
                                                    "8710", "8906", "9508"};
  for (size_t i = 0; i < c.hs_.size(); ++i) {
    const std::string& code = c.hs_[i].code;
    if (code.size() != 6) continue;
    if (std::find(std::begin(kNotTraded), std::end(kNotTraded), code.substr(0, 4)) !=
        std::end(kNotTraded)) {
      continue;
    }
    c.by_chapter_[static_cast<size_t>((code[0] - '0') * 10 + (code[1] - '0'))].push_back(i);
  }
  for (const FlowMix& mix : FlowMixes()) {
    std::vector<double>& weights = c.flow_weights_[static_cast<size_t>(mix.flow)];
    for (const ChapterWeight& cw : mix.chapters) {
      weights.push_back(cw.weight);
      if (c.by_chapter_[static_cast<size_t>(cw.chapter)].empty()) {
        return NotFound("the HS table has no code in chapter " + std::to_string(cw.chapter) +
                        ", which the simulated trade needs");
      }
    }
  }
  if (c.chpl_.empty()) return NotFound("the CHPL table is empty");
  for (const HsCode& h : c.hs_) c.hs_shapes_.push_back(&ShapeOf(h.code));
  for (const HsCode& h : c.chpl_) c.chpl_shapes_.push_back(&ShapeOf(h.code));
  return c;
}

const HsCode& GoodsCatalog::Random(TradeFlow flow, Rng& rng) const {
  const FlowMix& mix = FlowMixes()[static_cast<size_t>(flow)];
  const int chapter = mix.chapters[rng.Weighted(flow_weights_[static_cast<size_t>(flow)])].chapter;
  return hs_[rng.Pick(by_chapter_[static_cast<size_t>(chapter)])];
}

const HsCode& GoodsCatalog::RandomChpl(Rng& rng) const { return rng.Pick(chpl_); }

bool GoodsCatalog::IsChpl(std::string_view hs6) const {
  for (const HsCode& c : chpl_) {
    if (c.code == hs6) return true;
  }
  return false;
}

Lot GoodsCatalog::DrawLot(const HsCode& hs, Rng& rng) const {
  // Codes of the catalogue have their shape looked up once; others (none in practice) now.
  const bool in_hs = &hs >= hs_.data() && &hs < hs_.data() + hs_.size();
  const bool in_chpl = &hs >= chpl_.data() && &hs < chpl_.data() + chpl_.size();
  const Shape& s = in_hs     ? *hs_shapes_[static_cast<size_t>(&hs - hs_.data())]
                   : in_chpl ? *chpl_shapes_[static_cast<size_t>(&hs - chpl_.data())]
                             : ShapeOf(hs.code);
  Lot lot;
  lot.hs = &hs;
  lot.unit = s.unit;
  lot.kg_per_unit = lot.unit == "kg" ? 1.0 : rng.LogUniform(s.kg_lo, s.kg_hi);
  lot.usd_per_unit = rng.LogUniform(s.usd_kg_lo, s.usd_kg_hi) * lot.kg_per_unit;
  return lot;
}

double GoodsCatalog::QuantityFor(const Lot& lot, double usd, double max_net_kg) {
  double quantity = usd / lot.usd_per_unit;
  quantity = std::min(quantity, max_net_kg / lot.kg_per_unit);
  if (lot.unit == "kg") return std::max(1.0, std::round(quantity * 10) / 10);
  return std::max(1.0, std::round(quantity));
}

GoodsItem GoodsCatalog::Item(const Lot& lot, double quantity, double price_factor,
                             std::string_view currency, std::string_view origin, Rng& rng) const {
  GoodsItem item;
  item.hs = lot.hs->code;
  item.description = lot.hs->description;
  item.quantity = quantity;
  item.unit = lot.unit;
  item.net_kg = std::max(0.01, Round2(quantity * lot.kg_per_unit * rng.Uniform(0.98, 1.02)));
  // Packaging: a few percent for bulk, up to a third for small electronics in reels.
  const double packaging = lot.kg_per_unit < 0.1 ? rng.Uniform(1.1, 1.35) : rng.Uniform(1.02, 1.15);
  item.gross_kg = Round2(item.net_kg * packaging + rng.Uniform(0, 5));
  item.value = MoneyFromUsd(quantity * lot.usd_per_unit * price_factor, currency);
  if (item.value.units <= 0) item.value.units = Money::kScale / 100;  // at least a cent
  item.origin = std::string(origin);
  return item;
}

}  // namespace keruen::sim_internal
