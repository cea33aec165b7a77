#include "keruen/sim/simulator.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "keruen/core/json_codec.h"
#include "keruen/core/json_writer.h"
#include "keruen/core/paths.h"
#include "keruen/sim/internal/generator.h"
#include "keruen/sim/internal/world.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using sim_internal::RecordSink;

constexpr std::string_view kSchemeNames[kSchemeCount] = {
    "ghost_transit",    "pass_through_reexport", "quantity_imbalance",
    "new_shell_trader", "third_party_payer",     "sanctioned_party_variant",
    "seal_breach",      "route_deviation",       "split_shipments"};

constexpr const char* kOutputFiles[] = {"declarations.ndjson", "payments.ndjson", "pings.ndjson",
                                        "truth.jsonl", "summary.json"};

// Coordinates to 1e-5 degrees (about a metre), as seals report them.
double RoundCoordinate(double v) { return std::round(v * 1e5) / 1e5; }

void WriteStrings(JsonWriter& w, const std::vector<std::string>& values) {
  w.BeginArray();
  for (const auto& v : values) w.String(v);
  w.EndArray();
}

// An output file written under a temporary name in the same directory and renamed into
// place by Commit(); destroyed uncommitted, it removes the temporary file.
class OutputFile {
 public:
  OutputFile() = default;
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
    if (!committed_ && !temp_.empty()) {
      std::error_code ec;
      fs::remove(temp_, ec);
    }
  }

  Status Open(const fs::path& final_path) {
    final_ = final_path;
    temp_ = final_path.parent_path() / ("." + final_path.filename().string() + ".partial");
    file_ = std::fopen(temp_.c_str(), "wb");
    if (file_ == nullptr) return IoError("cannot create " + temp_.string());
    buffer_.reserve(kFlushBytes + (1 << 16));
    return Ok();
  }
  // The buffer records are appended to; call Wrote() after appending.
  std::string& buffer() { return buffer_; }
  Status Wrote() { return buffer_.size() >= kFlushBytes ? Flush() : Ok(); }
  Status Close() {
    if (auto st = Flush(); !st) return st;
    const int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) return IoError("cannot write " + temp_.string());
    return Ok();
  }
  Status Commit() {
    std::error_code ec;
    fs::rename(temp_, final_, ec);
    if (ec) return IoError("cannot rename " + temp_.string() + ": " + ec.message());
    committed_ = true;
    return Ok();
  }

 private:
  static constexpr size_t kFlushBytes = 4 << 20;

  Status Flush() {
    if (buffer_.empty()) return Ok();
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      return IoError("cannot write " + temp_.string());
    }
    buffer_.clear();
    return Ok();
  }

  fs::path final_, temp_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool committed_ = false;
};

class FileSink final : public RecordSink {
 public:
  Status Open(const fs::path& dir) {
    for (auto [file, name] : {std::pair{&declarations_, kOutputFiles[0]},
                              {&payments_, kOutputFiles[1]},
                              {&pings_, kOutputFiles[2]},
                              {&truth_, kOutputFiles[3]}}) {
      if (auto st = file->Open(dir / name); !st) return st;
    }
    return Ok();
  }
  // Declarations and payments are serialized at once (the records are large and many) and
  // held as lines until their day is complete.
  Status Add(const Declaration& d, int day) override {
    declaration_days_.Add(day, d.lodged_at, d.id, Line(d));
    return Ok();
  }
  Status Add(const Payment& p, int day) override {
    payment_days_.Add(day, p.executed_at, p.id, Line(p));
    return Ok();
  }
  Status Add(std::span<const SealPing> pings) override {
    for (const SealPing& p : pings) {
      AppendJson(p, pings_.buffer());
      pings_.buffer().push_back('\n');
    }
    return pings_.Wrote();
  }
  Status Add(const TruthRecord& t) override {
    AppendJson(t, truth_.buffer());
    truth_.buffer().push_back('\n');
    return truth_.Wrote();
  }
  Status EndDay(int day) override {
    auto write_to = [](OutputFile& file) {
      return [&file](const std::string& line) {
        file.buffer() += line;
        return file.Wrote();
      };
    };
    if (auto st = declaration_days_.Drain(day, write_to(declarations_)); !st) return st;
    return payment_days_.Drain(day, write_to(payments_));
  }

  Status CloseAll() {
    for (OutputFile* f : {&declarations_, &payments_, &pings_, &truth_}) {
      if (auto st = f->Close(); !st) return st;
    }
    return Ok();
  }
  Status CommitAll() {
    for (OutputFile* f : {&declarations_, &payments_, &pings_, &truth_}) {
      if (auto st = f->Commit(); !st) return st;
    }
    return Ok();
  }

 private:
  template <typename T>
  static std::string Line(const T& record) {
    std::string line;
    line.reserve(2048);  // a typical declaration is 1.5 KB: avoid growing step by step
    AppendJson(record, line);
    line.push_back('\n');
    return line;
  }

  OutputFile declarations_, payments_, pings_, truth_;
  sim_internal::DayOrderedQueue<std::string> declaration_days_, payment_days_;
};

class MemorySink final : public RecordSink {
 public:
  explicit MemorySink(SimData& data) : data_(data) {}
  Status Add(const Declaration& d, int day) override {
    declaration_days_.Add(day, d.lodged_at, d.id, d);
    return Ok();
  }
  Status Add(const Payment& p, int day) override {
    payment_days_.Add(day, p.executed_at, p.id, p);
    return Ok();
  }
  Status Add(std::span<const SealPing> pings) override {
    data_.pings.insert(data_.pings.end(), pings.begin(), pings.end());
    return Ok();
  }
  Status Add(const TruthRecord& t) override {
    data_.truth.push_back(t);
    return Ok();
  }
  Status EndDay(int day) override {
    auto st = declaration_days_.Drain(day, [this](Declaration& d) {
      data_.declarations.push_back(std::move(d));
      return Ok();
    });
    if (!st) return st;
    return payment_days_.Drain(day, [this](Payment& p) {
      data_.payments.push_back(std::move(p));
      return Ok();
    });
  }

 private:
  SimData& data_;
  sim_internal::DayOrderedQueue<Declaration> declaration_days_;
  sim_internal::DayOrderedQueue<Payment> payment_days_;
};

Result<sim_internal::ReferenceData> LoadData(const SimOptions& options) {
  std::string shared;
  if (options.shared_data_dir) {
    shared = *options.shared_data_dir;
  } else if (auto dir = SharedDataDir()) {
    shared = *dir;
  }
  return sim_internal::LoadReferenceData(shared, options.screen_clean_names);
}

}  // namespace

std::string_view SchemeName(Scheme scheme) { return kSchemeNames[static_cast<size_t>(scheme)]; }

std::optional<Scheme> ParseScheme(std::string_view name) {
  for (Scheme s : kAllSchemes) {
    if (SchemeName(s) == name) return s;
  }
  return std::nullopt;
}

std::array<double, kSchemeCount> SimOptions::DefaultSchemeRates() {
  std::array<double, kSchemeCount> rates{};
  rates[static_cast<size_t>(Scheme::kGhostTransit)] = 0.003;
  rates[static_cast<size_t>(Scheme::kPassThroughReexport)] = 0.003;
  rates[static_cast<size_t>(Scheme::kQuantityImbalance)] = 0.002;
  rates[static_cast<size_t>(Scheme::kNewShellTrader)] = 0.002;
  rates[static_cast<size_t>(Scheme::kThirdPartyPayer)] = 0.005;
  rates[static_cast<size_t>(Scheme::kSanctionedPartyVariant)] = 0.003;
  rates[static_cast<size_t>(Scheme::kSealBreach)] = 0.003;
  rates[static_cast<size_t>(Scheme::kRouteDeviation)] = 0.003;
  rates[static_cast<size_t>(Scheme::kSplitShipments)] = 0.002;
  return rates;
}

Status ValidateSimOptions(const SimOptions& o) {
  if (o.days < 1 || o.days > 3660) return InvalidArgument("days", "must be between 1 and 3660");
  if (o.scale < 1 || o.scale > 10'000'000) {
    return InvalidArgument("scale", "must be between 1 and 10000000 declarations a day");
  }
  if (o.ping_interval_s < 10 || o.ping_interval_s > 86400) {
    return InvalidArgument("ping_interval_s", "must be between 10 and 86400 seconds");
  }
  if (o.parked_ping_interval_s < 10 || o.parked_ping_interval_s > 86400) {
    return InvalidArgument("parked_ping_interval_s", "must be between 10 and 86400 seconds");
  }
  double total = 0;
  for (Scheme s : kAllSchemes) {
    const double r = o.scheme_rates[static_cast<size_t>(s)];
    if (!(r >= 0 && r <= 1)) {
      return InvalidArgument("scheme_rates." + std::string(SchemeName(s)), "must be in [0, 1]");
    }
    total += r;
  }
  if (total > 1) return InvalidArgument("scheme_rates", "must not add up to more than 1");
  if (!(o.split_threshold_eur >= 100)) {
    return InvalidArgument("split_threshold_eur", "must be at least 100");
  }
  return Ok();
}

void AppendJson(const SealPing& p, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("device", p.device).Field("ts", FormatTimestamp(p.ts));
  w.Field("lat", RoundCoordinate(p.lat)).Field("lon", RoundCoordinate(p.lon));
  w.Field("speed_kmh", p.speed_kmh).Field("battery_pct", p.battery_pct);
  w.Key("event");
  if (p.event.empty()) {
    w.Null();
  } else {
    w.String(p.event);
  }
  w.EndObject();
}

void AppendJson(const TruthRecord& t, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("scheme", SchemeName(t.scheme));
  w.Key("records").BeginObject();
  w.Key("declarations");
  WriteStrings(w, t.declarations);
  w.Key("payments");
  WriteStrings(w, t.payments);
  w.Key("devices");
  WriteStrings(w, t.devices);
  w.Key("parties");
  WriteStrings(w, t.parties);
  w.EndObject();
  w.Field("note", t.note);
  w.EndObject();
}

void AppendJson(const SimSummary& s, std::string& out) {
  const SimOptions& o = s.options;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("seed").Raw(std::to_string(o.seed));  // exact even above 2^63
  w.Key("options").BeginObject();
  w.Field("days", o.days).Field("scale", o.scale).Field("start", FormatDate(o.start));
  w.Field("positions", o.positions).Field("ping_interval_s", o.ping_interval_s);
  w.Field("parked_ping_interval_s", o.parked_ping_interval_s);
  w.Field("split_threshold_eur", o.split_threshold_eur);
  w.Field("screen_clean_names", o.screen_clean_names);
  w.Key("scheme_rates").BeginObject();
  for (Scheme scheme : kAllSchemes) {
    w.Field(SchemeName(scheme), o.scheme_rates[static_cast<size_t>(scheme)]);
  }
  w.EndObject().EndObject();
  w.Key("counts").BeginObject();
  w.Field("declarations", s.declarations);
  w.Key("declarations_by_kind").BeginObject();
  for (DeclarationKind k : {DeclarationKind::kImport, DeclarationKind::kExport,
                            DeclarationKind::kTransit, DeclarationKind::kWaybill}) {
    w.Field(DeclarationKindName(k), s.declarations_by_kind[static_cast<size_t>(k)]);
  }
  w.EndObject();
  w.Field("payments", s.payments).Field("pings", s.pings).Field("devices", s.devices);
  w.Key("schemes").BeginObject();
  for (Scheme scheme : kAllSchemes) {
    w.Field(SchemeName(scheme), s.scheme_instances[static_cast<size_t>(scheme)]);
  }
  w.EndObject().EndObject();
  w.Key("notes");
  WriteStrings(w, s.notes);
  w.Key("sources").BeginObject();
  w.Field("hs", s.hs_source);
  w.Field("chpl", "data/chpl.csv").Field("border_posts", "data/border_posts.csv");
  w.Field("corridors", "data/corridors.csv");
  w.Field("sanctions", s.sanctions_source);
  w.Field("clean_name_screening", s.name_screening_lists);
  w.EndObject();
  w.Field("clean_names_redrawn", s.clean_names_redrawn);
  w.Key("files").BeginObject();
  w.Field("declarations.ndjson", "one declaration a line, ordered by lodged_at");
  w.Field("payments.ndjson", "one payment a line, ordered by executed_at");
  w.Field("pings.ndjson", "seal positions grouped by device, each device in time order");
  w.Field("truth.jsonl", "one planted scheme instance a line");
  w.EndObject();
  w.EndObject();
}

Result<SimSummary> Simulate(const SimOptions& options, const std::string& out_dir,
                            std::function<void(double fraction)> progress) {
  if (auto st = ValidateSimOptions(options); !st) return tl::unexpected(st.error());
  auto data = LoadData(options);
  if (!data) return tl::unexpected(data.error());
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return IoError("cannot create " + out_dir + ": " + ec.message());
  const fs::path dir(out_dir);
  FileSink sink;
  if (auto st = sink.Open(dir); !st) return tl::unexpected(st.error());
  auto summary = sim_internal::Generate(options, *data, sink, progress);
  if (!summary) return summary;
  if (auto st = sink.CloseAll(); !st) return tl::unexpected(st.error());
  OutputFile summary_file;
  if (auto st = summary_file.Open(dir / kOutputFiles[4]); !st) return tl::unexpected(st.error());
  AppendJson(*summary, summary_file.buffer());
  summary_file.buffer().push_back('\n');
  if (auto st = summary_file.Close(); !st) return tl::unexpected(st.error());
  if (auto st = sink.CommitAll(); !st) return tl::unexpected(st.error());
  if (auto st = summary_file.Commit(); !st) return tl::unexpected(st.error());
  return summary;
}

Result<SimData> SimulateInMemory(const SimOptions& options) {
  if (auto st = ValidateSimOptions(options); !st) return tl::unexpected(st.error());
  auto data = LoadData(options);
  if (!data) return tl::unexpected(data.error());
  SimData out;
  MemorySink sink(out);
  auto summary = sim_internal::Generate(options, *data, sink, nullptr);
  if (!summary) return tl::unexpected(summary.error());
  out.summary = std::move(*summary);
  return out;
}

}  // namespace keruen
