#include "keruen/tracking/monitor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace keruen::tracking {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A flat world of straight roads: Kazakhstan is lat 42-55, lon 50-80; Russia north of 55 and
// west of 50, China east of 80, Kyrgyzstan south of 42. Degrees of latitude are 111.2 km.
constexpr double kKmPerDegree = 111.195;

std::string_view FakeCountry(double lat, double lon) {
  if (lat > 55 || lon < 50) return "RU";
  if (lon > 80) return "CN";
  if (lat < 42) return "KG";
  return "KZ";
}

double FlatKm(double lat1, double lon1, double lat2, double lon2) {
  const double x = (lon2 - lon1) * std::cos((lat1 + lat2) / 2 * M_PI / 180);
  return std::hypot(lat2 - lat1, x) * kKmPerDegree;
}

// A straight road between two points.
class StraightRoute : public ApprovedRoute {
 public:
  StraightRoute(double lat1, double lon1, double lat2, double lon2)
      : lat1_(lat1), lon1_(lon1), lat2_(lat2), lon2_(lon2) {}
  RouteProbe Probe(double lat, double lon, size_t& hint) const override {
    hint = 0;
    const double c = std::cos(lat1_ * M_PI / 180);
    const double ax = 0, ay = 0, bx = (lon2_ - lon1_) * c, by = lat2_ - lat1_;
    const double px = (lon - lon1_) * c, py = lat - lat1_;
    const double len2 = bx * bx + by * by;
    const double u = std::clamp(((px - ax) * bx + (py - ay) * by) / len2, 0.0, 1.0);
    const double dx = px - u * bx, dy = py - u * by;
    return {std::hypot(dx, dy) * kKmPerDegree, u * std::sqrt(len2) * kKmPerDegree};
  }
  double LengthKm() const override { return FlatKm(lat1_, lon1_, lat2_, lon2_); }
  std::vector<std::pair<double, double>> Points() const override {
    return {{lat1_, lon1_}, {lat2_, lon2_}};
  }

 private:
  double lat1_, lon1_, lat2_, lon2_;
};

class FakeGeography : public Geography {
 public:
  explicit FakeGeography(BorderPosts posts) : posts_(std::move(posts)) {}
  std::string_view CountryAt(double lat, double lon) const override {
    return FakeCountry(lat, lon);
  }
  double DistanceToCountryKm(double lat, double lon, std::string_view country) const override {
    if (FakeCountry(lat, lon) == country) return 0;
    if (country == "RU") return std::min(55 - lat, lon - 50) * kKmPerDegree;
    if (country == "KZ") {  // to the box lat 42-55, lon 50-80 (in degrees of latitude)
      const double dlat = std::max({42 - lat, lat - 55, 0.0});
      const double dlon = std::max({50 - lon, lon - 80, 0.0}) * std::cos(lat * M_PI / 180);
      return std::hypot(dlat, dlon) * kKmPerDegree;
    }
    return 1e9;
  }
  Result<std::shared_ptr<const ApprovedRoute>> RouteBetween(
      std::string_view from_post, std::string_view to_post) const override {
    const BorderPost* a = posts_.FindById(from_post);
    const BorderPost* b = posts_.FindById(to_post);
    if (a == nullptr || b == nullptr) return tl::unexpected(InvalidArgument("post", "unknown"));
    return std::make_shared<StraightRoute>(*a->lat, *a->lon, *b->lat, *b->lon);
  }
  Result<std::shared_ptr<const ApprovedRoute>> RouteFrom(double lat, double lon,
                                                         std::string_view to_post) const override {
    const BorderPost* b = posts_.FindById(to_post);
    if (b == nullptr) return tl::unexpected(InvalidArgument("post", "unknown"));
    return std::make_shared<StraightRoute>(lat, lon, *b->lat, *b->lon);
  }
  const BorderPost* PostNear(double lat, double lon, double km) const override {
    for (const BorderPost& p : posts_.all()) {
      if (p.lat && FlatKm(lat, lon, *p.lat, *p.lon) <= km) return &p;
    }
    return nullptr;
  }
  bool IsRestArea(double lat, double lon) const override {
    return PostNear(lat, lon, 10) != nullptr;
  }
  const BorderPosts& posts() const override { return posts_; }

 private:
  BorderPosts posts_;
};

BorderPosts TestPosts() {
  // One file per process: ctest runs the tests of this binary in parallel processes.
  const auto path = std::filesystem::temp_directory_path() /
                    ("keruen_monitor_test_posts_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path) << "id,name,name_ru,neighbour_side_name,neighbour_iso2,lat,lon,"
                         "coord_precision,aliases\n"
                         "P-CN,East Gate,,Far East,CN,48,80,x,\n"
                         "P-KG,South Gate,,Far South,KG,42,70,x,\n"
                         "P-RU,North Gate,,Far North,RU,55,65,x,\n";
  auto posts = BorderPosts::Load(path.string());
  EXPECT_TRUE(posts.has_value()) << posts.error().ToString();
  return std::move(*posts);
}

constexpr Timestamp kT0 = 1772442000;  // 2026-03-02T09:00:00Z

// Movement `id` under seal `seal` from post `entry` to post `exit` (empty: none declared),
// declared to leave for `destination`.
MovementBinding Binding(std::string id, std::string seal, std::string entry, std::string exit,
                        std::string destination) {
  MovementBinding b;
  b.movement.id = std::move(id);
  b.movement.seals = {std::move(seal)};
  b.movement.entry_post_id = std::move(entry);
  b.movement.exit_post_id = std::move(exit);
  b.destination = std::move(destination);
  return b;
}

class MonitorTest : public ::testing::Test {
 protected:
  MonitorTest() : geography_(TestPosts()), monitor_(geography_) {}

  // A transit from China to Kyrgyzstan under seal S-1.
  void BindTransit(std::string destination = "KG", std::optional<Timestamp> limit = {}) {
    MovementBinding b = Binding("M-1", "S-1", "P-CN", "P-KG", std::move(destination));
    b.movement.limit_date = limit;
    b.movement.history = {{MovementState::kLodged, kT0 - 3600, "lodged"}};
    b.lodged_at = kT0 - 3600;
    ASSERT_TRUE(monitor_.Bind(b).has_value());
  }

  // A position `f` of the way from P-CN (48, 80) to P-KG (42, 70), moved `off_km` off the
  // road, at right angles to it (to the south-east for positive values).
  Position Along(double f, Timestamp ts, double off_km = 0, SealEvent e = SealEvent::kNone) {
    Position p;
    p.device = "S-1";
    p.ts = ts;
    const double c = std::cos(48 * M_PI / 180);  // the fake route's projection
    const double dx = (70 - 80) * c, dy = 42 - 48, len = std::hypot(dx, dy);
    p.lat = 48 + dy * f + (dx / len) * off_km / kKmPerDegree;
    p.lon = 80 + (70 - 80) * f - (dy / len) * off_km / kKmPerDegree / c;
    p.speed_kmh = 70;
    p.event = e;
    return p;
  }

  std::vector<std::string> AlertIds() const {
    std::vector<std::string> ids;
    for (const Alert& a : out_.alerts) ids.push_back(a.id);
    return ids;
  }

  FakeGeography geography_;
  MovementMonitor monitor_;
  MonitorOutput out_;
};

TEST_F(MonitorTest, ACleanTransitEntersExitsAndIsDischargedWithNoAlert) {
  BindTransit();
  for (int i = 0; i <= 20; ++i) {
    EXPECT_EQ(monitor_.Ingest(Along(i * 0.05, kT0 + i * 3600), out_), PositionOutcome::kAccepted);
  }
  // Past the gate, in Kyrgyzstan; then the seal falls silent (removed): it left.
  EXPECT_EQ(monitor_.Ingest(Along(1.05, kT0 + 21 * 3600), out_), PositionOutcome::kAccepted);
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kEntered);
  monitor_.Tick(kT0 + 22 * 3600 + 1, out_);
  EXPECT_THAT(AlertIds(), IsEmpty());
  std::vector<MovementState> states;
  for (const StateChange& c : out_.changes) states.push_back(c.to);
  EXPECT_THAT(states, ElementsAre(MovementState::kReleased, MovementState::kEntered,
                                  MovementState::kExited, MovementState::kDischarged));
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kDischarged);
  const auto* summary = monitor_.SummaryOf("M-1");
  EXPECT_EQ(summary->positions, 22);
  EXPECT_LT(summary->max_distance_km, 60);  // the last position, 55 km past the gate
  EXPECT_GT(summary->route_km, 900);
}

TEST_F(MonitorTest, DeviationAlertsAtTheFirstPositionOutsideTheCorridorOncePerExcursion) {
  BindTransit();
  monitor_.Ingest(Along(0.1, kT0), out_);
  monitor_.Ingest(Along(0.2, kT0 + 3600, 45), out_);  // inside the 50 km corridor
  EXPECT_THAT(AlertIds(), IsEmpty());
  monitor_.Ingest(Along(0.25, kT0 + 2 * 3600, 60), out_);
  ASSERT_THAT(AlertIds(), ElementsAre("T3-M-1-deviation-1"));
  const Alert& a = out_.alerts[0];
  EXPECT_EQ(a.rule, "T3");
  EXPECT_EQ(a.raised_at, kT0 + 2 * 3600);
  EXPECT_EQ(a.subject.id, "M-1");
  EXPECT_THAT(a.evidence_json, HasSubstr("\"distance_km\":"));
  EXPECT_THAT(a.evidence_json, HasSubstr("\"corridor_km\":50"));
  EXPECT_THAT(a.explanation, HasSubstr("from its approved route P-CN -> P-KG"));
  monitor_.Ingest(Along(0.3, kT0 + 3 * 3600, 90), out_);   // still out: no new alert
  monitor_.Ingest(Along(0.35, kT0 + 4 * 3600), out_);      // back on the road
  monitor_.Ingest(Along(0.4, kT0 + 5 * 3600, -70), out_);  // a second excursion
  EXPECT_THAT(AlertIds(), ElementsAre("T3-M-1-deviation-1", "T3-M-1-deviation-2"));
  EXPECT_GT(monitor_.SummaryOf("M-1")->max_distance_km, 85);
}

// An export sealed at (47, 72), inland, bound for Kyrgyzstan through P-KG (42, 70): seal S-2.
class ExportMonitorTest : public MonitorTest {
 protected:
  void BindExport() {
    MovementBinding b = Binding("X-1", "S-2", "", "P-KG", "KG");
    b.movement.history = {{MovementState::kLodged, kT0 - 3600, "lodged"}};
    b.lodged_at = kT0 - 3600;
    ASSERT_TRUE(monitor_.Bind(b).has_value());
  }
  // `f` of the way from the start to P-KG, `off_km` off the road at right angles to it.
  Position OnTheWay(double f, Timestamp ts, double off_km = 0) {
    Position p;
    p.device = "S-2";
    p.ts = ts;
    const double c = std::cos(47 * M_PI / 180);
    const double dx = (70 - 72) * c, dy = 42 - 47, len = std::hypot(dx, dy);
    p.lat = 47 + dy * f + (dx / len) * off_km / kKmPerDegree;
    p.lon = 72 + (70 - 72) * f - (dy / len) * off_km / kKmPerDegree / c;
    p.speed_kmh = 70;
    return p;
  }
};

TEST_F(ExportMonitorTest, AnExportFollowingTheRoadFromItsStartRaisesNoDeviation) {
  BindExport();
  EXPECT_EQ(monitor_.SummaryOf("X-1")->route_km, 0);  // no route before the truck starts
  for (int i = 0; i <= 10; ++i) monitor_.Ingest(OnTheWay(i * 0.1, kT0 + i * 3600, 20), out_);
  EXPECT_THAT(AlertIds(), IsEmpty());
  const auto* summary = monitor_.SummaryOf("X-1");
  // The route runs from the first position, 20 km off the straight line the rest follow.
  EXPECT_NEAR(summary->route_km, FlatKm(OnTheWay(0, 0, 20).lat, OnTheWay(0, 0, 20).lon, 42, 70),
              1e-6);
  EXPECT_GT(summary->max_distance_km, 5);
  EXPECT_LT(summary->max_distance_km, 21);
}

TEST_F(ExportMonitorTest, AnExportLeavingTheRoadFromItsStartRaisesT3WithEvidence) {
  BindExport();
  monitor_.Ingest(OnTheWay(0, kT0), out_);
  monitor_.Ingest(OnTheWay(0.2, kT0 + 3600, 30), out_);
  EXPECT_THAT(AlertIds(), IsEmpty());
  monitor_.Ingest(OnTheWay(0.3, kT0 + 2 * 3600, -80), out_);
  ASSERT_THAT(AlertIds(), ElementsAre("T3-X-1-deviation-1"));
  const Alert& a = out_.alerts[0];
  EXPECT_EQ(a.severity, Severity::kHigh);
  EXPECT_THAT(a.explanation, HasSubstr("from its approved route from its start to P-KG"));
  const auto evidence = nlohmann::json::parse(a.evidence_json);
  EXPECT_NEAR(evidence["distance_km"].get<double>(), 80, 1);
  EXPECT_EQ(evidence["corridor_km"].get<double>(), 50);
  EXPECT_EQ(evidence["exit_post"], "P-KG");
  EXPECT_FALSE(evidence.contains("entry_post"));
  EXPECT_NEAR(evidence["route_start"]["lat"].get<double>(), 47, 1e-9);
  EXPECT_NEAR(evidence["route_start"]["lon"].get<double>(), 72, 1e-9);
  // A rebind (the declaration amended) keeps the route from the same start.
  BindExport();
  monitor_.Ingest(OnTheWay(0.5, kT0 + 3 * 3600), out_);
  monitor_.Ingest(OnTheWay(0.6, kT0 + 4 * 3600, 70), out_);
  EXPECT_THAT(AlertIds(), ElementsAre("T3-X-1-deviation-1", "T3-X-1-deviation-2"));
}

TEST_F(MonitorTest, GhostTransitIsCaughtAtTheFirstPositionInRussia) {
  BindTransit("KG");
  Position p = Along(0, kT0);
  monitor_.Ingest(p, out_);
  // The truck drives north instead; the last position before the border is still Kazakhstan.
  for (int i = 1; i <= 8; ++i) {
    p.ts += 3600;
    p.lat += 1;
    p.lon = 79;
    monitor_.Ingest(p, out_);
    const bool in_russia = p.lat > 55;
    const std::vector<std::string> ids = AlertIds();
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "T1-M-1-country-RU"), in_russia ? 1 : 0) << p.lat;
  }
  const std::vector<std::string> ids = AlertIds();
  const auto ghost = std::find(ids.begin(), ids.end(), "T1-M-1-country-RU");
  ASSERT_NE(ghost, ids.end());
  const Alert& a = out_.alerts[ghost - ids.begin()];
  EXPECT_EQ(a.severity, Severity::kCritical);
  EXPECT_EQ(a.raised_at, kT0 + 8 * 3600);  // lat 56, the first position north of 55
  EXPECT_THAT(a.explanation, HasSubstr("declared to leave for KG is in RU"));
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kDiverted);
  // The same track declared for Russia is no ghost.
  MonitorOutput other;
  FakeGeography geography(TestPosts());
  MovementMonitor monitor(geography);
  ASSERT_TRUE(monitor.Bind(Binding("M-2", "S-1", "", "", "RU")).has_value());
  Position q = Along(0, kT0);
  q.lat = 56;
  monitor.Ingest(q, other);
  for (const Alert& alert : other.alerts) EXPECT_NE(alert.rule, "T1");
}

TEST_F(MonitorTest, SealEventsAlertOncePerCodeAndAreCriticalNearRussia) {
  BindTransit();
  monitor_.Ingest(Along(0.5, kT0, 0, SealEvent::kElementBroken), out_);
  monitor_.Ingest(Along(0.51, kT0 + 300, 0, SealEvent::kElementBroken), out_);
  monitor_.Ingest(Along(0.52, kT0 + 600, 0, SealEvent::kLowBattery), out_);
  ASSERT_THAT(AlertIds(), ElementsAre("T4-M-1-01", "T4-M-1-05"));
  EXPECT_EQ(out_.alerts[0].severity, Severity::kHigh);
  EXPECT_EQ(out_.alerts[1].severity, Severity::kMedium);
  // The evidence is one JSON object: the movement's facts, the position, the rule's own.
  const auto evidence = nlohmann::json::parse(out_.alerts[0].evidence_json, nullptr, false);
  ASSERT_TRUE(evidence.is_object()) << out_.alerts[0].evidence_json;
  EXPECT_EQ(evidence["movement"], "M-1");
  EXPECT_EQ(evidence["entry_post"], "P-CN");
  EXPECT_EQ(evidence["position"]["device"], "S-1");
  EXPECT_EQ(evidence["meaning"], "seal element broken");
  EXPECT_TRUE(evidence["km_to_russia"].is_number());
  // Within 100 km of Russia.
  Position near = Along(0.55, kT0 + 900, 0, SealEvent::kHousingBroken);
  near.lat = 54.5;
  monitor_.Ingest(near, out_);
  EXPECT_EQ(out_.alerts.back().id, "T4-M-1-02");
  EXPECT_EQ(out_.alerts.back().severity, Severity::kCritical);
}

TEST_F(MonitorTest, SilenceOfTwoReportingPeriodsRaises06) {
  BindTransit();
  monitor_.Ingest(Along(0.3, kT0), out_);
  monitor_.Tick(kT0 + 2 * 1800, out_);
  EXPECT_THAT(AlertIds(), IsEmpty());
  monitor_.Tick(kT0 + 2 * 1800 + 1, out_);
  ASSERT_THAT(AlertIds(), ElementsAre("T4-M-1-06-1"));
  EXPECT_THAT(out_.alerts[0].explanation, HasSubstr("silent for 1.0 h"));
  monitor_.Tick(kT0 + 3 * 3600, out_);  // the same silence
  EXPECT_EQ(out_.alerts.size(), 1u);
  monitor_.Ingest(Along(0.31, kT0 + 4 * 3600), out_);
  monitor_.Tick(kT0 + 6 * 3600, out_);  // a new one
  EXPECT_THAT(AlertIds(), ElementsAre("T4-M-1-06-1", "T4-M-1-06-2"));
}

TEST_F(MonitorTest, UnplannedStopsAwayFromPostsAndTowns) {
  BindTransit();
  Position p = Along(0.5, kT0);
  p.speed_kmh = 0;
  for (int i = 0; i <= 14; ++i) {  // seven hours standing, a report every half hour
    p.ts = kT0 + i * 1800;
    monitor_.Ingest(p, out_);
    EXPECT_EQ(out_.alerts.size(), i >= 12 ? 1u : 0u) << i;
  }
  EXPECT_EQ(out_.alerts[0].id, "T3-M-1-stop-1");
  EXPECT_THAT(out_.alerts[0].evidence_json, HasSubstr("\"hours\":6"));
  // At a post the same wait is a queue.
  FakeGeography geography(TestPosts());
  MovementMonitor monitor(geography);
  MonitorOutput out;
  ASSERT_TRUE(monitor.Bind(Binding("M-2", "S-2", "", "", "KG")).has_value());
  Position queue{"S-2", kT0, 48.01, 79.99, 0.0, 90, SealEvent::kNone};
  for (int i = 0; i <= 20; ++i, queue.ts += 1800) monitor.Ingest(queue, out);
  EXPECT_THAT(out.alerts, IsEmpty());
}

TEST_F(MonitorTest, DuplicatesLateAndUnknownPositions) {
  BindTransit();
  EXPECT_EQ(monitor_.Ingest(Along(0.2, kT0 + 3600), out_), PositionOutcome::kAccepted);
  EXPECT_EQ(monitor_.Ingest(Along(0.2, kT0 + 3600), out_), PositionOutcome::kDuplicate);
  // A late position still counts for deviation, but does not move the state or the summary's
  // last position back.
  EXPECT_EQ(monitor_.Ingest(Along(0.1, kT0, 80), out_), PositionOutcome::kLate);
  EXPECT_THAT(AlertIds(), ElementsAre("T3-M-1-deviation-1"));
  EXPECT_EQ(monitor_.SummaryOf("M-1")->last, kT0 + 3600);
  EXPECT_EQ(monitor_.SummaryOf("M-1")->first, kT0);
  Position stranger = Along(0.2, kT0);
  stranger.device = "S-404";
  EXPECT_EQ(monitor_.Ingest(stranger, out_), PositionOutcome::kUnknownDevice);
  EXPECT_EQ(monitor_.MovementOfDevice("S-1")->id, "M-1");
  EXPECT_EQ(monitor_.MovementOfDevice("S-404"), nullptr);
}

TEST_F(MonitorTest, OverdueSlowAndNeverClosed) {
  BindTransit("KG", kT0 + 2 * 86400);
  monitor_.Ingest(Along(0.1, kT0), out_);
  monitor_.Tick(kT0 + 86400, out_);  // one day for ~1100 km: expected 1.1 + 1 days
  EXPECT_THAT(AlertIds(), ElementsAre("T4-M-1-06-1"));
  monitor_.Tick(kT0 + 2 * 86400 + 1, out_);
  EXPECT_THAT(AlertIds(), ElementsAre("T4-M-1-06-1", "T2-M-1-overdue"));
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kOverdue);
  // 1031 km at 500 km a day plus a day at the borders is 3.06 days; 1.5 times that 4.59.
  monitor_.Tick(kT0 + 4.5 * 86400, out_);
  EXPECT_EQ(out_.alerts.size(), 2u);
  monitor_.Tick(kT0 + 4.7 * 86400, out_);
  EXPECT_THAT(AlertIds(), ElementsAre("T4-M-1-06-1", "T2-M-1-overdue", "T2-M-1-slow"));
  monitor_.Tick(kT0 + 5 * 86400 + 1, out_);
  EXPECT_EQ(AlertIds().back(), "T1-M-1-not-closed");
}

TEST_F(MonitorTest, CheckpointsDriveTheStateAndCatchAWrongExit) {
  BindTransit("KG");
  ASSERT_TRUE(monitor_.Checkpoint("M-1", "P-CN", CheckpointStep::kArriving, kT0, out_));
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kEntered);
  ASSERT_TRUE(monitor_.Checkpoint("M-1", "P-RU", CheckpointStep::kDeparting, kT0 + 86400, out_));
  EXPECT_THAT(AlertIds(), ElementsAre("T1-M-1-exit"));
  EXPECT_THAT(out_.alerts[0].explanation, HasSubstr("left Kazakhstan for RU at North Gate (P-RU)"));
  // A finding keeps it at exited for an analyst.
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kExited);
  EXPECT_FALSE(monitor_.Checkpoint("M-9", "P-CN", CheckpointStep::kArriving, kT0, out_));
  EXPECT_FALSE(monitor_.Checkpoint("M-1", "P-XX", CheckpointStep::kArriving, kT0, out_));
}

TEST_F(MonitorTest, TheRussianSideOfItsOwnPostOnItsRouteIsNotAGhost) {
  // Entering from Russia at P-RU, bound for Kyrgyzstan: the truck waits 3 km inside Russia at
  // its own entry post, on its route.
  ASSERT_TRUE(monitor_.Bind(Binding("M-1", "S-1", "P-RU", "P-KG", "KG")).has_value());
  monitor_.Ingest(Position{"S-1", kT0, 55.03, 65.0, 0, 80, SealEvent::kNone}, out_);
  monitor_.Ingest(Position{"S-1", kT0 + 3600, 54.8, 65.1, 60, 80, SealEvent::kNone}, out_);
  EXPECT_THAT(AlertIds(), ElementsAre());
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kEntered);
  // 20 km in, beyond the border tolerance, is Russia even on the route.
  monitor_.Ingest(Position{"S-1", kT0 + 7200, 55.18, 65.0, 60, 80, SealEvent::kNone}, out_);
  EXPECT_EQ(AlertIds().back(), "T1-M-1-country-RU");
}

TEST_F(MonitorTest, OffItsRouteOrAtAnotherRussianPostARussianSideWithinTheToleranceIsAGhost) {
  BindTransit("KG");
  monitor_.Ingest(Along(0.1, kT0), out_);
  // Already off the route, then 3 km into Russia: not a road along the border.
  Position off = Along(0.2, kT0 + 3600);
  off.lat = 54.9;
  off.lon = 70;
  monitor_.Ingest(off, out_);
  EXPECT_THAT(AlertIds(), ElementsAre("T3-M-1-deviation-1"));
  off.ts += 3600;
  off.lat = 55.03;
  monitor_.Ingest(off, out_);
  EXPECT_EQ(AlertIds().back(), "T1-M-1-country-RU");
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kDiverted);

  // On the Russian side of a Russia-facing post that is neither its entry nor its exit.
  ASSERT_TRUE(monitor_.Bind(Binding("M-2", "S-2", "P-CN", "P-KG", "KG")).has_value());
  monitor_.Ingest(Position{"S-2", kT0, 54.5, 65.0, 40, 80, SealEvent::kNone}, out_);
  monitor_.Ingest(Position{"S-2", kT0 + 3600, 55.02, 65.0, 40, 80, SealEvent::kNone}, out_);
  EXPECT_EQ(AlertIds().back(), "T1-M-2-country-RU");
}

TEST_F(MonitorTest, SealsFallingSilentAtAPostHaveBeenRemovedOnExit) {
  BindTransit("KG");
  monitor_.Ingest(Along(0.5, kT0), out_);
  monitor_.Ingest(Along(0.999, kT0 + 12 * 3600), out_);  // at the South Gate, still in KZ
  monitor_.Tick(kT0 + 12 * 3600 + 1800, out_);
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kEntered);
  monitor_.Tick(kT0 + 12 * 3600 + 3601, out_);
  EXPECT_THAT(AlertIds(), IsEmpty());
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kDischarged);
  EXPECT_EQ(monitor_.Find("M-1")->history.back().at, kT0 + 12 * 3600);
  // Off its route at a post facing Russia, a transit declared to Kyrgyzstan is a ghost at
  // once, before its seals fall silent there.
  FakeGeography geography(TestPosts());
  MovementMonitor monitor(geography);
  MonitorOutput out;
  ASSERT_TRUE(monitor.Bind(Binding("M-2", "S-2", "P-CN", "P-KG", "KG")).has_value());
  monitor.Ingest({"S-2", kT0, 48, 79.9, 60.0, 90, SealEvent::kNone}, out);
  monitor.Ingest({"S-2", kT0 + 20 * 3600, 54.98, 65.01, 0.0, 90, SealEvent::kNone}, out);
  monitor.Tick(kT0 + 22 * 3600, out);
  const auto ghost = std::find_if(out.alerts.begin(), out.alerts.end(),
                                  [](const Alert& a) { return a.rule == "T1"; });
  ASSERT_NE(ghost, out.alerts.end());
  EXPECT_EQ(ghost->id, "T1-M-2-country-RU");
  EXPECT_EQ(ghost->raised_at, kT0 + 20 * 3600);
  EXPECT_THAT(ghost->explanation, HasSubstr("off its route at North Gate (P-RU)"));
  EXPECT_EQ(monitor.Find("M-2")->state, MovementState::kDiverted);
}

TEST_F(MonitorTest, AnEveningStopIsTheDailyRestUpToTwelveHours) {
  BindTransit();
  // 2026-03-02T14:00Z is 19:00 in Kazakhstan.
  Position p = Along(0.5, kT0 + 5 * 3600);
  p.speed_kmh = 0;
  for (int i = 0; i <= 26; ++i, p.ts += 1800) {
    monitor_.Ingest(p, out_);
    EXPECT_EQ(out_.alerts.size(), i >= 24 ? 1u : 0u) << i;
  }
}

TEST_F(MonitorTest, ImpossiblyFastTransitTime) {
  BindTransit();
  monitor_.Ingest(Along(0, kT0), out_);
  monitor_.Ingest(Along(1.05, kT0 + 3 * 3600), out_);  // ~1100 km in three hours
  monitor_.Ingest(Along(1.05, kT0 + 4 * 3600), out_);  // and still abroad an hour later
  EXPECT_THAT(AlertIds(), ElementsAre("T5-M-1-too-fast"));
  EXPECT_EQ(monitor_.Find("M-1")->state, MovementState::kExited);
}

}  // namespace
}  // namespace keruen::tracking
