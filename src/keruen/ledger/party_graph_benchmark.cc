// The party graph on a simulated month: about 1,000 declarations a day for 30 days with their
// payments (SimulateInMemory, seed 2026, positions off). The parties of the
// sanctioned_party_variant instances are marked listed, as a sanctions screen would.
//
//   BM_BuildGraph          every declaration and payment added, documents per second
//   BM_NearestListedAll    NearestListed for every party (argument: trade_link_max_hops);
//                          counters: parties, and how many are listed (hops 0), 1 and 2 hops
//                          from a listed party
//   BM_BruteForceAll       the same answers from a naive baseline: an adjacency list of
//                          std::map and std::set with every shared address and identifier
//                          expanded into party-to-party edges, searched breadth first per
//                          party; `mismatches` counts parties whose distance differs
//   BM_ShellIndicatorsAll  the P3 points of every party; counters per indicator
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "keruen/ledger/party_graph.h"
#include "keruen/ledger/virtual_warehouse.h"
#include "keruen/sim/simulator.h"

namespace keruen::ledger {
namespace {

const SimData& World() {
  static const SimData* world = [] {
    SimOptions options;
    options.seed = 2026;
    options.scale = 1000;
    options.days = 30;
    options.positions = false;
    auto data = SimulateInMemory(options);
    if (!data) {
      std::fprintf(stderr, "simulation failed: %s\n", data.error().ToString().c_str());
      std::exit(1);
    }
    return new SimData(std::move(*data));
  }();
  return *world;
}

std::vector<std::string> ListedKeys() {
  std::vector<std::string> keys;
  for (const TruthRecord& t : World().truth) {
    if (t.scheme != Scheme::kSanctionedPartyVariant) continue;
    keys.insert(keys.end(), t.parties.begin(), t.parties.end());
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

PartyGraph BuildGraph(PartyGraphOptions options) {
  PartyGraph g(options);
  for (const Declaration& d : World().declarations) g.AddDeclaration(d);
  for (const Payment& p : World().payments) g.AddPayment(p);
  for (const std::string& key : ListedKeys()) g.MarkListed(key, "sanctioned_party_variant");
  return g;
}

void BM_BuildGraph(benchmark::State& state) {
  const SimData& world = World();
  size_t parties = 0, trades = 0;
  for (auto _ : state) {
    PartyGraph g = BuildGraph(PartyGraphOptions{});
    parties = g.parties();
    trades = g.trade_links();
    benchmark::DoNotOptimize(g);
  }
  const double documents = static_cast<double>(world.declarations.size() + world.payments.size());
  state.counters["documents"] = documents;
  state.counters["documents/s"] =
      benchmark::Counter(documents, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["parties"] = static_cast<double>(parties);
  state.counters["trade_links"] = static_cast<double>(trades);
  state.counters["listed"] = static_cast<double>(ListedKeys().size());
}
BENCHMARK(BM_BuildGraph)->Unit(benchmark::kMillisecond);

void BM_NearestListedAll(benchmark::State& state) {
  PartyGraphOptions options;
  options.trade_link_max_hops = static_cast<int>(state.range(0));
  const PartyGraph g = BuildGraph(options);
  const std::vector<std::string> keys = g.PartyKeys();
  int64_t by_hops[3] = {0, 0, 0};
  for (auto _ : state) {
    std::fill(std::begin(by_hops), std::end(by_hops), 0);
    for (const std::string& key : keys) {
      auto path = g.NearestListed(key);
      if (path) ++by_hops[path->hops];
    }
  }
  state.counters["parties"] = static_cast<double>(keys.size());
  state.counters["queries/s"] = benchmark::Counter(static_cast<double>(keys.size()),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.counters["hops0"] = static_cast<double>(by_hops[0]);
  state.counters["hops1"] = static_cast<double>(by_hops[1]);
  state.counters["hops2"] = static_cast<double>(by_hops[2]);
}
BENCHMARK(BM_NearestListedAll)
    ->ArgName("trade_link_max_hops")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);

// ---- the naive baseline ----

struct NaiveGraph {
  // party -> (neighbour, is trade tie)
  std::map<std::string, std::set<std::pair<std::string, bool>>> edges;
  std::set<std::string> listed;
};

NaiveGraph BuildNaive(const PartyGraphOptions& options) {
  std::map<std::string, std::set<std::string>> by_address, by_identifier;
  std::set<std::pair<std::string, std::string>> trades;
  NaiveGraph g;
  auto see = [&](const Party& p) -> std::string {
    const std::string key = PartyKey(p);
    if (key.empty()) return key;
    g.edges[key];
    if (const std::string a = NormalizeAddress(p.address); !a.empty()) by_address[a].insert(key);
    for (const Identifier& id : p.ids) by_identifier[id.value].insert(key);
    return key;
  };
  auto trade = [&](const std::string& a, const std::string& b) {
    if (!a.empty() && !b.empty() && a != b) trades.insert({a, b});
  };
  for (const Declaration& d : World().declarations) {
    see(d.declarant);
    if (d.carrier) see(*d.carrier);
    const std::string a = d.consignor ? see(*d.consignor) : "";
    const std::string b = d.consignee ? see(*d.consignee) : "";
    trade(a, b);
  }
  for (const Payment& p : World().payments) trade(see(p.debtor.party), see(p.creditor.party));
  for (const std::string& key : ListedKeys()) {
    g.listed.insert(key);
    g.edges[key];
    if (const size_t colon = key.find(':'); colon != std::string::npos) {
      by_identifier[key.substr(colon + 1)].insert(key);
    }
  }
  for (const auto& [address, parties] : by_address) {
    if (parties.size() >= static_cast<size_t>(options.hub_address_firms)) continue;
    for (const std::string& a : parties) {
      for (const std::string& b : parties) {
        if (a != b) g.edges[a].insert({b, false});
      }
    }
  }
  for (const auto& [value, parties] : by_identifier) {
    for (const std::string& a : parties) {
      for (const std::string& b : parties) {
        if (a != b) g.edges[a].insert({b, false});
      }
    }
  }
  for (const auto& [a, b] : trades) {
    g.edges[a].insert({b, true});
    g.edges[b].insert({a, true});
  }
  return g;
}

// The least hops from `start` to a listed party under the same rules, or -1.
int NaiveDistance(const NaiveGraph& g, const std::string& start, const PartyGraphOptions& o) {
  if (g.listed.count(start)) return 0;
  std::map<std::pair<std::string, bool>, int> dist;
  std::deque<std::pair<std::string, bool>> queue;
  dist[{start, false}] = 0;
  queue.push_back({start, false});
  int best = -1;
  while (!queue.empty()) {
    auto [node, traded] = queue.front();
    queue.pop_front();
    const int d = dist[{node, traded}];
    if (d >= o.max_hops || (best >= 0 && d + 1 > best)) continue;
    if (traded && d >= o.trade_link_max_hops) continue;
    for (const auto& [next, is_trade] : g.edges.at(node)) {
      if (is_trade && d + 1 > o.trade_link_max_hops) continue;
      const std::pair<std::string, bool> s{next, traded || is_trade};
      if (dist.count(s)) continue;
      dist[s] = d + 1;
      if (g.listed.count(next) && (best < 0 || d + 1 < best)) best = d + 1;
      queue.push_back(s);
    }
  }
  return best;
}

void BM_BruteForceAll(benchmark::State& state) {
  PartyGraphOptions options;
  options.trade_link_max_hops = static_cast<int>(state.range(0));
  const NaiveGraph naive = BuildNaive(options);
  const PartyGraph g = BuildGraph(options);
  const std::vector<std::string> keys = g.PartyKeys();
  std::vector<int> distances(keys.size());
  for (auto _ : state) {
    for (size_t i = 0; i < keys.size(); ++i) distances[i] = NaiveDistance(naive, keys[i], options);
  }
  int64_t mismatches = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto path = g.NearestListed(keys[i]);
    if ((path ? path->hops : -1) != distances[i]) ++mismatches;
  }
  state.counters["parties"] = static_cast<double>(keys.size());
  state.counters["queries/s"] = benchmark::Counter(static_cast<double>(keys.size()),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.counters["mismatches"] = static_cast<double>(mismatches);
}
BENCHMARK(BM_BruteForceAll)
    ->ArgName("trade_link_max_hops")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);

void BM_ShellIndicatorsAll(benchmark::State& state) {
  const PartyGraph g = BuildGraph(PartyGraphOptions{});
  const std::vector<std::string> keys = g.PartyKeys();
  std::map<std::string, int64_t> points;
  for (auto _ : state) {
    points.clear();
    for (const std::string& key : keys) {
      for (const ShellIndicator& s : g.ShellIndicators(key)) ++points[s.indicator];
    }
  }
  state.counters["parties"] = static_cast<double>(keys.size());
  state.counters["mass_registration_address"] =
      static_cast<double>(points["mass_registration_address"]);
  state.counters["one_counterparty"] = static_cast<double>(points["one_counterparty"]);
}
BENCHMARK(BM_ShellIndicatorsAll)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace keruen::ledger

BENCHMARK_MAIN();
