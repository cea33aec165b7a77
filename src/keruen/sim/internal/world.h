// The reference data the simulated world is built from, loaded once per run: HS codes
// (the shared HS 2022 table when present, else the committed subset data/hs_sim.csv), the
// CHPL (data/chpl.csv), the border posts, the road network (data/corridors.csv) and, when
// the shared sanctions data exists, Russian companies on the OFAC SDN list (the ones the
// sanctions scheme writes under a variant spelling) and every list the screening engine
// reads, which clean companies' names are kept off (listed_names.h).
#ifndef KERUEN_SIM_INTERNAL_WORLD_H_
#define KERUEN_SIM_INTERNAL_WORLD_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/reference.h"
#include "keruen/sim/internal/goods.h"
#include "keruen/sim/internal/listed_names.h"
#include "keruen/sim/internal/parties.h"
#include "keruen/tracking/geo/road_network.h"

namespace keruen::sim_internal {

struct ReferenceData {
  GoodsCatalog goods;
  std::string hs_source;
  BorderPosts posts;
  tracking::RoadNetwork roads;  // the tracking engine's, so trucks drive its approved routes
  std::vector<SanctionedEntity> sanctioned;
  std::string sanctions_source;                     // empty when no list was found
  std::shared_ptr<const ListedNames> listed_names;  // null without shared sanctions lists
};

// `shared_dir`: the shared data directory, or empty for the committed tables alone.
// `listed_names`: also load the lists clean names are checked against.
Result<ReferenceData> LoadReferenceData(const std::string& shared_dir, bool listed_names = true);

// Reads the level-6 rows of an HS table with columns hscode and description (and, in the
// shared table, level).
Result<std::vector<HsCode>> LoadHsCodes(const std::string& path);

// Reads the Russian companies of an OFAC SDN sdn.csv (legacy CSV without header:
// ent_num, name, type, programs, ..., remarks) designated under RUSSIA-EO14024 whose names
// have a Russian legal form and a transliterated core, with the INN and OGRN the remarks
// give.
Result<std::vector<SanctionedEntity>> LoadSdnRussianCompanies(const std::string& path);

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_WORLD_H_
