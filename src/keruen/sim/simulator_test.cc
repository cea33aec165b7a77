#include "keruen/sim/simulator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "keruen/core/json_codec.h"
#include "keruen/core/paths.h"
#include "keruen/core/reference.h"
#include "keruen/core/validate.h"
#include "keruen/sim/internal/listed_names.h"
#include "keruen/sim/internal/parties.h"
#include "keruen/tracking/geo/road_network.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using sim_internal::PartyRef;
using ::testing::HasSubstr;
using tracking::DistanceKm;
using tracking::LatLon;
using tracking::RoadNetwork;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

fs::path TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("keruen_sim_test_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(dir);
  return dir;
}

// The tests below check other things than names: they leave out the reading of every
// sanctions list, which takes long under sanitizers (CleanPartiesNeverScreenAsListed pays it).
SimOptions SmallOptions(uint64_t seed) {
  SimOptions o;
  o.seed = seed;
  o.days = 3;
  o.scale = 60;
  o.screen_clean_names = false;
  return o;
}

// Every scheme at 5 %: a small world in which each appears many times.
SimOptions HighRateOptions() {
  SimOptions o;
  o.seed = 7;
  o.days = 10;
  o.scale = 150;
  o.scheme_rates.fill(0.05);
  o.screen_clean_names = false;
  return o;
}

const SimData& HighRateWorld() {
  static const SimData* data = [] {
    auto d = SimulateInMemory(HighRateOptions());
    EXPECT_TRUE(d) << d.error().ToString();
    return new SimData(std::move(*d));
  }();
  return *data;
}

const BorderPosts& Posts() {
  static const BorderPosts* posts = new BorderPosts(*BorderPosts::LoadDefault());
  return *posts;
}

std::map<std::string, std::vector<const SealPing*>> PingsByDevice(const SimData& d) {
  std::map<std::string, std::vector<const SealPing*>> out;
  for (const SealPing& p : d.pings) out[p.device].push_back(&p);
  return out;
}

std::vector<const TruthRecord*> TruthOf(const SimData& d, Scheme s) {
  std::vector<const TruthRecord*> out;
  for (const TruthRecord& t : d.truth) {
    if (t.scheme == s) out.push_back(&t);
  }
  return out;
}

const Declaration* FindDeclaration(const SimData& d, const std::string& id) {
  for (const Declaration& x : d.declarations) {
    if (x.id == id) return &x;
  }
  return nullptr;
}

LatLon At(const BorderPost& p) { return LatLon{*p.lat, *p.lon}; }

TEST(SimulateTest, SameSeedGivesIdenticalFilesAndAnotherSeedDoesNot) {
  const fs::path a = TempDir("a"), b = TempDir("b"), c = TempDir("c");
  ASSERT_TRUE(Simulate(SmallOptions(42), a.string()));
  ASSERT_TRUE(Simulate(SmallOptions(42), b.string()));
  ASSERT_TRUE(Simulate(SmallOptions(43), c.string()));
  for (const char* file :
       {"declarations.ndjson", "payments.ndjson", "pings.ndjson", "truth.jsonl", "summary.json"}) {
    const std::string content = ReadAll(a / file);
    EXPECT_EQ(content, ReadAll(b / file)) << file;
    if (std::string_view(file) != "truth.jsonl") {
      EXPECT_FALSE(content.empty()) << file;
    }
  }
  EXPECT_NE(ReadAll(a / "declarations.ndjson"), ReadAll(c / "declarations.ndjson"));
  EXPECT_NE(ReadAll(a / "pings.ndjson"), ReadAll(c / "pings.ndjson"));
  // No temporary file is left behind.
  for (const auto& entry : fs::directory_iterator(a)) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr("partial")));
  }
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

TEST(SimulateTest, FilesMatchTheInMemoryWorldAndParse) {
  const fs::path dir = TempDir("parse");
  const SimOptions options = SmallOptions(5);
  auto summary = Simulate(options, dir.string());
  ASSERT_TRUE(summary) << summary.error().ToString();
  auto memory = SimulateInMemory(options);
  ASSERT_TRUE(memory);
  const auto declaration_lines = Lines(ReadAll(dir / "declarations.ndjson"));
  ASSERT_EQ(declaration_lines.size(), memory->declarations.size());
  EXPECT_EQ(static_cast<int64_t>(declaration_lines.size()), summary->declarations);
  Timestamp previous = 0;
  for (size_t i = 0; i < declaration_lines.size(); ++i) {
    auto d = ParseDeclarationJson(declaration_lines[i]);
    ASSERT_TRUE(d) << d.error().ToString() << "\n" << declaration_lines[i];
    EXPECT_EQ(*d, memory->declarations[i]);
    EXPECT_TRUE(CheckDeclaration(*d)) << declaration_lines[i];
    EXPECT_GE(d->lodged_at, previous);
    previous = d->lodged_at;
  }
  const auto payment_lines = Lines(ReadAll(dir / "payments.ndjson"));
  ASSERT_EQ(payment_lines.size(), memory->payments.size());
  for (size_t i = 0; i < payment_lines.size(); ++i) {
    auto p = ParsePaymentJson(payment_lines[i]);
    ASSERT_TRUE(p) << p.error().ToString() << "\n" << payment_lines[i];
    EXPECT_EQ(*p, memory->payments[i]);
  }
  const auto ping_lines = Lines(ReadAll(dir / "pings.ndjson"));
  ASSERT_EQ(ping_lines.size(), memory->pings.size());
  for (size_t i = 0; i < ping_lines.size(); i += 97) {
    const auto j = nlohmann::json::parse(ping_lines[i]);
    EXPECT_EQ(j.at("device"), memory->pings[i].device);
    EXPECT_EQ(j.at("ts"), FormatTimestamp(memory->pings[i].ts));
    EXPECT_NEAR(j.at("lat").get<double>(), memory->pings[i].lat, 1e-5);
    EXPECT_TRUE(j.at("event").is_null() || j.at("event").is_string());
    EXPECT_TRUE(j.contains("speed_kmh") && j.contains("battery_pct"));
  }
  const auto summary_json = nlohmann::json::parse(ReadAll(dir / "summary.json"));
  EXPECT_EQ(summary_json.at("seed"), 5);
  EXPECT_EQ(summary_json.at("counts").at("declarations"), summary->declarations);
  EXPECT_EQ(summary_json.at("counts").at("pings"), static_cast<int64_t>(ping_lines.size()));
  fs::remove_all(dir);
}

TEST(SimulateTest, EveryDeclarationAndPaymentPassesValidation) {
  const SimData& d = HighRateWorld();
  ASSERT_GT(d.declarations.size(), 1000u);
  ASSERT_GT(d.payments.size(), 500u);
  std::set<DeclarationKind> kinds;
  std::set<std::string> currencies;
  for (const Declaration& x : d.declarations) {
    const std::string json = ToJson(x);
    auto parsed = ParseDeclarationJson(json);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    EXPECT_EQ(*parsed, x);
    const auto problems = ValidateDeclaration(x);
    EXPECT_TRUE(problems.empty()) << problems.front().ToString() << "\n" << json;
    kinds.insert(x.kind);
    ASSERT_GE(x.items.size(), 1u);
    ASSERT_LE(x.items.size(), 5u);
    for (const GoodsItem& it : x.items) {
      EXPECT_LE(it.net_kg, it.gross_kg) << json;
      EXPECT_GT(it.quantity, 0) << json;
      EXPECT_EQ(it.hs.size(), 6u);
      currencies.insert(it.value.currency);
    }
    ASSERT_FALSE(x.documents.empty());
    EXPECT_EQ(x.documents[0].type, "invoice");
    if (x.kind == DeclarationKind::kTransit) {
      EXPECT_TRUE(x.itinerary.limit_date.has_value());
      EXPECT_FALSE(x.transport.vehicle.empty());
      EXPECT_FALSE(x.transport.trailer.empty());
      ASSERT_GE(x.transport.seals.size(), 1u);
      ASSERT_LE(x.transport.seals.size(), 2u);
      for (const std::string& seal : x.transport.seals) {
        EXPECT_THAT(seal, ::testing::MatchesRegex("ENS-KZ-[0-9]{8}"));
      }
    }
  }
  EXPECT_EQ(kinds.size(), 4u);
  EXPECT_EQ(currencies, (std::set<std::string>{"CNY", "EUR", "KZT", "RUB", "USD"}));
  for (const Payment& p : d.payments) {
    const std::string json = ToJson(p);
    auto parsed = ParsePaymentJson(json);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    EXPECT_EQ(*parsed, p);
    const auto problems = ValidatePayment(p);
    EXPECT_TRUE(problems.empty()) << problems.front().ToString() << "\n" << json;
    EXPECT_FALSE(p.debtor.agent_bic.empty());
    EXPECT_FALSE(p.creditor.agent_bic.empty());
  }
}

TEST(SimulateTest, PaymentsNameTheInvoiceOfTheirDeclaration) {
  const SimData& d = HighRateWorld();
  std::set<std::string> invoices;
  for (const Declaration& x : d.declarations) invoices.insert(x.documents[0].ref);
  for (const Payment& p : d.payments) {
    bool found = false;
    for (const std::string& ref : invoices) {
      if (p.remittance.find(ref) != std::string::npos) {
        found = true;
        break;
      }
    }
    EXPECT_TRUE(found) << p.remittance;
  }
}

TEST(SimulateTest, EveryEntryAndExitPostResolvesInItsManySpellings) {
  const SimData& d = HighRateWorld();
  std::map<std::string, std::set<std::string>> spellings;  // post id -> as written
  for (const Declaration& x : d.declarations) {
    for (const std::string* name : {&x.itinerary.entry_post, &x.itinerary.exit_post}) {
      if (name->empty()) continue;
      const BorderPost* post = Posts().Resolve(*name);
      ASSERT_NE(post, nullptr) << *name;
      spellings[post->id].insert(*name);
    }
  }
  EXPECT_GE(spellings["KZ-BCP-044"].size(), 3u);  // Kordai, Кордай, Korday, ...
  EXPECT_TRUE(spellings["KZ-BCP-044"].count("Кордай"));
}

TEST(SimulateTest, TruthRefersToRecordsThatExist) {
  const SimData& d = HighRateWorld();
  std::set<std::string> declarations, payments, devices, parties;
  auto add_party = [&](const Party& p) {
    parties.insert(p.name);
    parties.insert(PartyRef(p));
  };
  for (const Declaration& x : d.declarations) {
    declarations.insert(x.id);
    add_party(x.declarant);
    for (const auto* p : {&x.consignor, &x.consignee, &x.carrier}) {
      if (p->has_value()) add_party(**p);
    }
  }
  for (const Payment& p : d.payments) {
    payments.insert(p.id);
    add_party(p.debtor.party);
    add_party(p.creditor.party);
  }
  for (const SealPing& p : d.pings) devices.insert(p.device);
  EXPECT_EQ(declarations.size(), d.declarations.size()) << "declaration ids are unique";
  EXPECT_EQ(payments.size(), d.payments.size()) << "payment ids are unique";
  ASSERT_FALSE(d.truth.empty());
  for (const TruthRecord& t : d.truth) {
    EXPECT_FALSE(t.declarations.empty()) << SchemeName(t.scheme);
    EXPECT_FALSE(t.parties.empty()) << SchemeName(t.scheme);
    EXPECT_FALSE(t.note.empty());
    for (const auto& id : t.declarations) EXPECT_TRUE(declarations.count(id)) << id;
    for (const auto& id : t.payments) EXPECT_TRUE(payments.count(id)) << id;
    for (const auto& id : t.devices) EXPECT_TRUE(devices.count(id)) << id;
    for (const auto& id : t.parties)
      EXPECT_TRUE(parties.count(id)) << SchemeName(t.scheme) << ": " << id;
  }
}

TEST(SimulateTest, EachSchemeAppearsAtAHighRate) {
  const SimData& d = HighRateWorld();
  for (Scheme s : kAllSchemes) {
    EXPECT_GE(TruthOf(d, s).size(), 5u) << SchemeName(s);
    EXPECT_EQ(d.summary.scheme_instances[static_cast<size_t>(s)],
              static_cast<int64_t>(TruthOf(d, s).size()));
  }
  // Most traffic is clean even so.
  std::set<std::string> planted;
  for (const TruthRecord& t : d.truth) planted.insert(t.declarations.begin(), t.declarations.end());
  EXPECT_LT(planted.size(), d.declarations.size() * 2 / 3);
}

TEST(SimulateTest, GhostTransitsEndAtARussianPostAndCleanOnesAtTheirExit) {
  const SimData& d = HighRateWorld();
  const auto by_device = PingsByDevice(d);
  std::set<std::string> not_clean;
  for (const TruthRecord& t : d.truth)
    not_clean.insert(t.declarations.begin(), t.declarations.end());
  auto near_russian_post = [&](LatLon at) {
    for (const BorderPost& p : Posts().all()) {
      if (p.neighbour == "RU" && p.lat && DistanceKm(at, At(p)) < 3) return true;
    }
    return false;
  };
  const auto ghosts = TruthOf(d, Scheme::kGhostTransit);
  ASSERT_FALSE(ghosts.empty());
  for (const TruthRecord* t : ghosts) {
    const Declaration* x = FindDeclaration(d, t->declarations[0]);
    ASSERT_NE(x, nullptr);
    const BorderPost* declared_exit = Posts().Resolve(x->itinerary.exit_post);
    ASSERT_NE(declared_exit, nullptr);
    EXPECT_TRUE(declared_exit->neighbour == "KG" || declared_exit->neighbour == "UZ");
    for (const std::string& seal : t->devices) {
      const SealPing* last = by_device.at(seal).back();
      EXPECT_TRUE(near_russian_post({last->lat, last->lon})) << seal;
      EXPECT_GT(DistanceKm({last->lat, last->lon}, At(*declared_exit)), 100) << seal;
    }
  }
  int clean = 0;
  for (const Declaration& x : d.declarations) {
    if (x.kind != DeclarationKind::kTransit || not_clean.count(x.id)) continue;
    const BorderPost* exit = Posts().Resolve(x.itinerary.exit_post);
    ASSERT_NE(exit, nullptr);
    for (const std::string& seal : x.transport.seals) {
      const SealPing* last = by_device.at(seal).back();
      EXPECT_LT(DistanceKm({last->lat, last->lon}, At(*exit)), 1.0) << x.id;
      ++clean;
    }
  }
  EXPECT_GT(clean, 100);
}

TEST(SimulateTest, DeviationTracksLeaveTheRouteByMoreThan50Km) {
  const SimData& d = HighRateWorld();
  auto net = RoadNetwork::LoadDefault(Posts());
  ASSERT_TRUE(net);
  const auto by_device = PingsByDevice(d);
  const auto deviations = TruthOf(d, Scheme::kRouteDeviation);
  ASSERT_FALSE(deviations.empty());
  for (const TruthRecord* t : deviations) {
    const Declaration* x = FindDeclaration(d, t->declarations[0]);
    const BorderPost* entry = Posts().Resolve(x->itinerary.entry_post);
    const BorderPost* exit = Posts().Resolve(x->itinerary.exit_post);
    const auto route = net->RouteBetween(entry->id, exit->id);
    ASSERT_TRUE(route) << route.error().ToString();
    for (const std::string& seal : t->devices) {
      double farthest = 0;
      for (const SealPing* p : by_device.at(seal)) {
        farthest = std::max(farthest, route->DistanceKm({p->lat, p->lon}));
      }
      EXPECT_GT(farthest, 50) << seal;
      const SealPing* last = by_device.at(seal).back();
      EXPECT_LT(DistanceKm({last->lat, last->lon}, At(*exit)), 1.0) << "came back: " << seal;
    }
  }
}

TEST(SimulateTest, SealBreachesReportTheirEvent) {
  const SimData& d = HighRateWorld();
  std::map<std::string, std::set<std::string>> events;
  for (const SealPing& p : d.pings) {
    if (!p.event.empty()) events[p.device].insert(p.event);
  }
  for (const TruthRecord* t : TruthOf(d, Scheme::kSealBreach)) {
    bool reported = false;
    for (const std::string& seal : t->devices) {
      reported = reported || events[seal].count("01") || events[seal].count("02");
    }
    EXPECT_TRUE(reported) << t->declarations[0];
  }
}

TEST(SimulateTest, PingsStayInTheRegionAtPlausibleSpeedsInTimeOrder) {
  const SimData& d = HighRateWorld();
  ASSERT_GT(d.pings.size(), 10000u);
  for (const auto& [device, track] : PingsByDevice(d)) {
    for (size_t i = 0; i < track.size(); ++i) {
      const SealPing& p = *track[i];
      ASSERT_GE(p.lat, 39) << device;
      ASSERT_LE(p.lat, 57) << device;
      ASSERT_GE(p.lon, 45) << device;
      ASSERT_LE(p.lon, 88) << device;
      ASSERT_GE(p.battery_pct, 1);
      ASSERT_LE(p.battery_pct, 100);
      if (i == 0) continue;
      const SealPing& q = *track[i - 1];
      ASSERT_GT(p.ts, q.ts) << device;
      const double km = DistanceKm({q.lat, q.lon}, {p.lat, p.lon});
      ASSERT_LT(km / static_cast<double>(p.ts - q.ts) * 3600, 130) << device << " at " << i;
    }
  }
  // Each device's pings are contiguous in the output.
  std::set<std::string> finished;
  for (size_t i = 0; i < d.pings.size(); ++i) {
    if (i > 0 && d.pings[i].device != d.pings[i - 1].device) {
      ASSERT_FALSE(finished.count(d.pings[i].device));
      finished.insert(d.pings[i - 1].device);
    }
  }
}

TEST(SimulateTest, TheSameCompanyAppearsUnderSeveralSpellings) {
  const SimData& d = HighRateWorld();
  std::map<std::string, std::set<std::string>> names_by_id;
  for (const Declaration& x : d.declarations) {
    for (const auto* p : {&x.consignor, &x.consignee}) {
      if (p->has_value() && !(*p)->ids.empty()) names_by_id[PartyRef(**p)].insert((*p)->name);
    }
  }
  int varied = 0;
  bool cyrillic_and_latin = false;
  for (const auto& [id, names] : names_by_id) {
    if (names.size() < 2) continue;
    ++varied;
    bool cyr = false, lat = false;
    for (const std::string& n : names)
      ((static_cast<unsigned char>(n[0]) >= 0x80) ? cyr : lat) = true;
    cyrillic_and_latin = cyrillic_and_latin || (cyr && lat);
  }
  EXPECT_GT(varied, 50);
  EXPECT_TRUE(cyrillic_and_latin);
}

TEST(SimulateTest, PassThroughGoodsLeaveForRussiaWithinDays) {
  const SimData& d = HighRateWorld();
  for (const TruthRecord* t : TruthOf(d, Scheme::kPassThroughReexport)) {
    ASSERT_EQ(t->declarations.size(), 2u);
    const Declaration* in = FindDeclaration(d, t->declarations[0]);
    const Declaration* out = FindDeclaration(d, t->declarations[1]);
    EXPECT_EQ(in->kind, DeclarationKind::kImport);
    EXPECT_EQ(out->kind, DeclarationKind::kExport);
    EXPECT_EQ(out->country_of_destination, "RU");
    EXPECT_NE(in->country_of_dispatch, "RU");
    EXPECT_EQ(in->consignee->ids, out->consignor->ids);
    EXPECT_LE(out->lodged_at - in->lodged_at, 11 * 86400);
    ASSERT_EQ(in->items.size(), out->items.size());
    for (size_t i = 0; i < in->items.size(); ++i) {
      EXPECT_EQ(in->items[i].hs, out->items[i].hs);
      EXPECT_GE(out->items[i].quantity, in->items[i].quantity * 0.85);
      EXPECT_LE(out->items[i].quantity, in->items[i].quantity);
    }
  }
}

TEST(SimulateTest, SplitShipmentsStayJustUnderTheThreshold) {
  const SimData& d = HighRateWorld();
  const double eur_usd = 1.08;
  for (const TruthRecord* t : TruthOf(d, Scheme::kSplitShipments)) {
    ASSERT_GE(t->declarations.size(), 3u);
    for (const std::string& id : t->declarations) {
      const Declaration* x = FindDeclaration(d, id);
      ASSERT_EQ(x->items.size(), 1u);
      const Money& v = x->items[0].value;
      const double usd = v.amount() * (v.currency == "EUR"   ? eur_usd
                                       : v.currency == "CNY" ? 0.138
                                       : v.currency == "RUB" ? 0.011
                                       : v.currency == "KZT" ? 0.00198
                                                             : 1.0);
      EXPECT_LT(usd / eur_usd, HighRateOptions().split_threshold_eur) << id;
      EXPECT_GT(usd / eur_usd, 0.5 * HighRateOptions().split_threshold_eur) << id;
    }
  }
}

TEST(SimulateTest, SanctionedNamesAreWrittenUnderAVariant) {
  const SimData& d = HighRateWorld();
  const auto records = TruthOf(d, Scheme::kSanctionedPartyVariant);
  if (d.summary.sanctions_source.empty()) {
    EXPECT_TRUE(records.empty());
    return;
  }
  ASSERT_FALSE(records.empty());
  for (const TruthRecord* t : records) {
    const Declaration* x = FindDeclaration(d, t->declarations[0]);
    const Party& p = x->consignee->country == "RU" ? *x->consignee : *x->consignor;
    EXPECT_EQ(p.country, "RU");
    // The note quotes the listed name; the document must not repeat it.
    const size_t q = t->note.find('"');
    const std::string listed = t->note.substr(q + 1, t->note.find('"', q + 1) - q - 1);
    EXPECT_NE(p.name, listed);
    EXPECT_THAT(t->note, HasSubstr("OFAC SDN"));
  }
}

// No clean party is a namesake of a listed subject: outside the sanctions scheme's documents,
// no party name as written is a listed name (listed_names.h).
TEST(SimulateTest, CleanPartiesNeverScreenAsListed) {
  SimOptions o = HighRateOptions();
  o.days = 5;
  o.scale = 120;
  o.screen_clean_names = true;
  const auto world = SimulateInMemory(o);
  ASSERT_TRUE(world) << world.error().ToString();
  const SimData& d = *world;
  const std::optional<std::string> shared = SharedDataDir();
  if (!shared) {
    EXPECT_TRUE(d.summary.name_screening_lists.empty());
    return;
  }
  auto listed = sim_internal::ListedNames::LoadShared(*shared);
  ASSERT_TRUE(listed) << listed.error().ToString();
  ASSERT_NE(*listed, nullptr);
  EXPECT_EQ(d.summary.name_screening_lists, (*listed)->lists());
  std::set<std::string> sanctioned_documents;
  for (const TruthRecord* t : TruthOf(d, Scheme::kSanctionedPartyVariant)) {
    sanctioned_documents.insert(t->declarations.begin(), t->declarations.end());
    sanctioned_documents.insert(t->payments.begin(), t->payments.end());
  }
  std::set<std::pair<std::string, std::string>> parties;  // (name, country)
  auto add = [&parties](const Party& p) {
    if (!p.name.empty()) parties.emplace(p.name, p.country);
  };
  for (const Declaration& x : d.declarations) {
    if (sanctioned_documents.count(x.id)) continue;
    add(x.declarant);
    for (const auto* p : {&x.consignor, &x.consignee, &x.carrier}) {
      if (*p) add(**p);
    }
  }
  for (const Payment& p : d.payments) {
    if (sanctioned_documents.count(p.id)) continue;
    add(p.debtor.party);
    add(p.creditor.party);
  }
  EXPECT_GT(parties.size(), 300u);
  for (const auto& [name, country] : parties) {
    EXPECT_FALSE((*listed)->IsListedName(name, country)) << name << " (" << country << ")";
  }
}

TEST(SimulateTest, CommittedTablesAloneStillMakeAWorld) {
  SimOptions o = SmallOptions(9);
  o.shared_data_dir = "";  // no shared data: committed HS subset, no sanctions scheme
  o.scheme_rates.fill(0.02);
  auto d = SimulateInMemory(o);
  ASSERT_TRUE(d) << d.error().ToString();
  EXPECT_THAT(d->summary.hs_source, HasSubstr("hs_sim.csv"));
  EXPECT_TRUE(d->summary.sanctions_source.empty());
  EXPECT_TRUE(TruthOf(*d, Scheme::kSanctionedPartyVariant).empty());
  bool noted = false;
  for (const std::string& n : d->summary.notes)
    noted = noted || n.find("sanctioned_party_variant") != std::string::npos;
  EXPECT_TRUE(noted);
  EXPECT_GT(d->declarations.size(), 100u);
}

TEST(SimulateTest, PositionsOffWritesNoPingsAndSaysWhichSchemesWereSkipped) {
  SimOptions o = SmallOptions(10);
  o.positions = false;
  o.scheme_rates.fill(0.05);
  auto d = SimulateInMemory(o);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->pings.empty());
  EXPECT_EQ(d->summary.pings, 0);
  for (Scheme s : {Scheme::kGhostTransit, Scheme::kSealBreach, Scheme::kRouteDeviation}) {
    EXPECT_TRUE(TruthOf(*d, s).empty()) << SchemeName(s);
  }
  EXPECT_EQ(d->summary.notes.size() >= 3, true);
  for (const TruthRecord& t : d->truth) EXPECT_TRUE(t.devices.empty());
}

TEST(SimulateTest, AFailedRunLeavesNoFiles) {
  const fs::path dir = TempDir("fail");
  fs::create_directories(dir);
  // A directory in the way of declarations.ndjson makes the final rename fail.
  fs::create_directories(dir / "declarations.ndjson" / "occupied");
  auto r = Simulate(SmallOptions(1), dir.string());
  EXPECT_FALSE(r);
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename(), "declarations.ndjson") << entry.path();
  }
  fs::remove_all(dir);
}

TEST(SimulateTest, RejectsBadOptions) {
  SimOptions o;
  o.days = 0;
  EXPECT_FALSE(ValidateSimOptions(o));
  o = SimOptions();
  o.scheme_rates.fill(0.2);
  EXPECT_FALSE(ValidateSimOptions(o));
  o = SimOptions();
  o.parked_ping_interval_s = 5;
  EXPECT_FALSE(ValidateSimOptions(o));
  o = SimOptions();
  o.split_threshold_eur = 0;
  EXPECT_FALSE(ValidateSimOptions(o));
  EXPECT_TRUE(ValidateSimOptions(SimOptions()));
  EXPECT_FALSE(Simulate(SimOptions{.days = -1}, TempDir("never").string()));
}

TEST(SchemeNameTest, RoundTrips) {
  for (Scheme s : kAllSchemes) EXPECT_EQ(ParseScheme(SchemeName(s)), s);
  EXPECT_FALSE(ParseScheme("nonsense"));
}

}  // namespace
}  // namespace keruen
