// Costs of the per-position geography queries of the tracking engine, which must handle a
// million positions a second on one core in total. Run a Release build pinned to one core:
//   taskset -c 1 build-rel/.../keruen_tracking_geo_benchmark
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <vector>

#include "keruen/tracking/geo/country_map.h"
#include "keruen/tracking/geo/post_locator.h"
#include "keruen/tracking/geo/road_network.h"

namespace keruen::tracking {
namespace {

template <typename T>
const T& OrDie(const Result<T>& r) {
  if (!r) {
    std::cerr << r.error().ToString() << "\n";
    std::abort();
  }
  return *r;
}

const CountryMap& Map() {
  static const auto map = CountryMap::LoadDefault();
  return OrDie(map);
}
const BorderPosts& Posts() {
  static const auto posts = BorderPosts::LoadDefault();
  return OrDie(posts);
}
const RoadNetwork& Network() {
  static const auto network = RoadNetwork::LoadDefault(Posts());
  return OrDie(network);
}
const Route& KhorgosZhaisan() {
  static const auto route = Network().RouteBetween("KZ-BCP-040", "KZ-BCP-008");
  return OrDie(route);
}

// Uniform points over Kazakhstan and its surroundings (lat 38-58, lon 44-90).
std::vector<LatLon> RegionPoints(size_t n) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> lat(38, 58), lon(44, 90);
  std::vector<LatLon> out(n);
  for (LatLon& p : out) p = {lat(rng), lon(rng)};
  return out;
}

// A truck's track: a fix every ~1 km along the Khorgos - Zhaisan route (~3,000 km), each
// within 2 km of the road.
std::vector<LatLon> TrackPoints() {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> jitter(-0.02, 0.02);
  std::vector<LatLon> out;
  const auto& pts = KhorgosZhaisan().points();
  for (size_t i = 0; i + 1 < pts.size(); ++i) {
    const LatLon a = pts[i].position, b = pts[i + 1].position;
    const int steps = static_cast<int>(DistanceKm(a, b)) + 1;
    for (int s = 0; s < steps; ++s) {
      const double t = static_cast<double>(s) / steps;
      out.push_back(
          {a.lat + t * (b.lat - a.lat) + jitter(rng), a.lon + t * (b.lon - a.lon) + jitter(rng)});
    }
  }
  return out;
}

void BM_CountryAt_Region(benchmark::State& state) {
  const auto points = RegionPoints(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Map().CountryAt(points[i++ & 0xFFFF]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountryAt_Region);

// Baseline: the same points tested against every polygon (with bounding-box pruning).
void BM_CountryAtBruteForce_Region(benchmark::State& state) {
  const auto points = RegionPoints(1 << 16);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Map().CountryAtBruteForce(points[i++ & 0xFFFF]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountryAtBruteForce_Region);

void BM_CountryAt_Track(benchmark::State& state) {
  const auto points = TrackPoints();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Map().CountryAt(points[i]));
    if (++i == points.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountryAt_Track);

void BM_CountryAtBruteForce_Track(benchmark::State& state) {
  const auto points = TrackPoints();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Map().CountryAtBruteForce(points[i]));
    if (++i == points.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountryAtBruteForce_Track);

void BM_DistanceToRussia_Region(benchmark::State& state) {
  const auto points = RegionPoints(1 << 12);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Map().DistanceToCountryKm(points[i++ & 0xFFF], "RU"));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DistanceToRussia_Region);

void BM_RouteDistance_Track_NoHint(benchmark::State& state) {
  const auto points = TrackPoints();
  const Route& route = KhorgosZhaisan();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(route.DistanceKm(points[i]));
    if (++i == points.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["segments"] = static_cast<double>(route.points().size() - 1);
}
BENCHMARK(BM_RouteDistance_Track_NoHint);

void BM_RouteDistance_Track_Hint(benchmark::State& state) {
  const auto points = TrackPoints();
  const Route& route = KhorgosZhaisan();
  size_t i = 0, hint = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(route.DistanceKm(points[i], &hint));
    if (++i == points.size()) i = hint = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RouteDistance_Track_Hint);

void BM_NearestPost_Track(benchmark::State& state) {
  const auto points = TrackPoints();
  const PostLocator locator(Posts());
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(locator.NearestPost(points[i], 5));
    if (++i == points.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NearestPost_Track);

void BM_RouteBetween(benchmark::State& state) {
  const RoadNetwork& network = Network();
  for (auto _ : state) {
    auto route = network.RouteBetween("KZ-BCP-040", "KZ-BCP-008");
    benchmark::DoNotOptimize(route);
  }
}
BENCHMARK(BM_RouteBetween);

void BM_CountryMapLoad(benchmark::State& state) {
  for (auto _ : state) {
    auto map = CountryMap::LoadDefault();
    benchmark::DoNotOptimize(map);
  }
}
BENCHMARK(BM_CountryMapLoad)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::tracking

BENCHMARK_MAIN();
