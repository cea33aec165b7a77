// What the trucks carry: real HS-6 codes drawn by trade flow (Kazakhstan imports machinery
// from the EU and consumer goods from China, exports metals and grain...), and goods items
// with plausible units, unit masses, unit prices and packaging.
#ifndef KERUEN_SIM_INTERNAL_GOODS_H_
#define KERUEN_SIM_INTERNAL_GOODS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/sim/internal/random.h"

namespace keruen::sim_internal {

struct HsCode {
  std::string code;  // six digits
  std::string description;
};

// The kinds of trade the world has, each with its own mix of HS chapters.
enum class TradeFlow {
  kImportEu,
  kImportCn,
  kImportRu,
  kImportCentralAsia,  // from Kyrgyzstan and Uzbekistan
  kExportRu,
  kExportCn,
  kExportCentralAsia,
  kExportEu,
  kTransitCn,           // Chinese goods to Central Asia or Russia
  kTransitEu,           // European goods to Central Asia
  kTransitRu,           // Russian goods to Central Asia
  kTransitCentralAsia,  // Central Asian produce to Russia
};
inline constexpr size_t kTradeFlowCount = 12;

// US dollars per unit of `currency`: the fixed table of core/exchange_rates.h, the one the
// rules convert with; USD for a currency it does not know.
double UsdPerUnit(std::string_view currency);
// `usd` in `currency`, rounded to cents.
Money MoneyFromUsd(double usd, std::string_view currency);
double MoneyToUsd(const Money& money);

// One kind of goods as traded by one party: its code, unit, mass per unit and price.
struct Lot {
  const HsCode* hs = nullptr;
  std::string unit;  // "pcs", "kg", "pairs", "l", "m3"
  double kg_per_unit = 1;
  double usd_per_unit = 1;
};

struct Shape;  // unit, unit mass and price range of a chapter or heading (goods.cc)

class GoodsCatalog {
 public:
  // `hs` holds level-6 codes; `chpl` the Common High Priority List codes (with their own
  // descriptions). Fails when a chapter a trade flow needs has no code in `hs`.
  static Result<GoodsCatalog> Make(std::vector<HsCode> hs, std::vector<HsCode> chpl);

  const HsCode& Random(TradeFlow flow, Rng& rng) const;
  const HsCode& RandomChpl(Rng& rng) const;
  bool IsChpl(std::string_view hs6) const;

  // A lot of `hs`: unit, unit mass and price drawn from the code's chapter or heading.
  Lot DrawLot(const HsCode& hs, Rng& rng) const;
  // An item of `quantity` units of `lot`, priced `price_factor` times the lot's price, in
  // `currency`, with net and gross masses (gross includes packaging).
  GoodsItem Item(const Lot& lot, double quantity, double price_factor, std::string_view currency,
                 std::string_view origin, Rng& rng) const;
  // The quantity of `lot` worth about `usd`, but no heavier than `max_net_kg`.
  static double QuantityFor(const Lot& lot, double usd, double max_net_kg);

 private:
  std::vector<HsCode> hs_;
  std::vector<HsCode> chpl_;
  std::array<std::vector<size_t>, 100> by_chapter_;
  std::array<std::vector<double>, kTradeFlowCount> flow_weights_;  // chapter weights per flow
  std::vector<const Shape*> hs_shapes_, chpl_shapes_;  // per code, in the order of hs_, chpl_
};

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_GOODS_H_
