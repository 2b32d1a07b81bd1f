// delta-table-gen: writes synthetic Delta tables, from a small sample with real Parquet data
// to million-file logs for benchmarks (--data fake writes only the log).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include "gen_options.h"
#include "gen_table_writer.h"

namespace {

using delta::Status;
namespace gen = delta::gen;

int Fail(const Status& st) {
  std::fprintf(stderr, "error: %s: %s\n", std::string(delta::StatusCodeName(st.code())).c_str(),
               st.message().c_str());
  return st.IsInvalidArgument() ? 2 : 1;
}

const char* KindName(const gen::GenOptions& o) {
  switch (o.checkpoint) {
    case gen::CheckpointKind::kNone:
      return "none";
    case gen::CheckpointKind::kClassic:
      return "classic";
    case gen::CheckpointKind::kMultiPart:
      return "multi-part";
    case gen::CheckpointKind::kV2Json:
      return "v2 json";
    case gen::CheckpointKind::kV2Parquet:
      return "v2 parquet";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generate a synthetic Delta table (log, checkpoints and optionally data).",
               "delta-table-gen"};
  gen::GenOptions o;
  std::string checkpoint = "none", stats = "on", data = "real", start_time;
  bool force = false, quiet = false;
  app.add_option("OUTPUT", o.output, "Table directory to create")->required();
  app.add_option("--files", o.files, "Total number of data files added")->capture_default_str();
  app.add_option("--commits", o.commits, "Commits (versions) the files are spread over")
      ->capture_default_str();
  app.add_option("--removes", o.removes_percent,
                 "Percent of all files removed again, spread over commits 1..M-1")
      ->capture_default_str();
  app.add_option("--checkpoint", checkpoint, "none | classic | multipart:K | v2-json | v2-parquet")
      ->capture_default_str();
  app.add_option("--sidecars", o.sidecars,
                 "Sidecar files per v2 checkpoint (0 = file actions inside the checkpoint)")
      ->capture_default_str();
  app.add_option("--checkpoint-interval", o.checkpoint_interval,
                 "Checkpoint every N versions (0 = only at the last version)")
      ->capture_default_str();
  app.add_option("--stats", stats, "Per-file statistics in add actions: on | off")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  app.add_option("--partitioned", o.partitions,
                 "Partition by a string column 'region' with K values (0 = unpartitioned)")
      ->capture_default_str();
  app.add_option("--columns", o.columns,
                 "Data columns; types cycle through long, int, double, string, date, "
                 "timestamp, boolean, decimal(10,2)")
      ->capture_default_str();
  app.add_option("--rows-per-file", o.rows_per_file, "Rows in each data file")
      ->capture_default_str();
  app.add_option("--data", data,
                 "real: write Parquet data files; fake: write only the log (for huge logs)")
      ->check(CLI::IsMember({"real", "fake"}))
      ->capture_default_str();
  app.add_option("--seed", o.seed, "Random seed; the same seed gives the same table")
      ->capture_default_str();
  app.add_option("--start-time", start_time,
                 "Timestamp of version 0: ms since the epoch or 2024-01-01T00:00:00Z "
                 "(default: now minus one commit interval per commit)");
  app.add_option("--commit-interval-ms", o.commit_interval_ms, "Time between commits")
      ->capture_default_str();
  app.add_flag("--in-commit-timestamps", o.in_commit_timestamps,
               "Enable in-commit timestamps (writer feature inCommitTimestamp)");
  app.add_option("--threads", o.threads, "Worker threads (0 = one per hardware thread)")
      ->capture_default_str();
  app.add_flag("--force", force, "Replace OUTPUT if it already holds a Delta table");
  app.add_flag("-q,--quiet", quiet, "Print nothing on success");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    o.stats = stats == "on";
    o.real_data = data == "real";
    Status st = gen::ParseCheckpointSpec(checkpoint, &o);
    if (!st.ok()) return Fail(st);
    if (!start_time.empty()) {
      delta::Result<int64_t> t = gen::ParseStartTime(start_time);
      if (!t.ok()) return Fail(t.status());
      o.start_time_ms = *t;
    } else {
      const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      o.start_time_ms = now / 1000 * 1000 - o.commits * o.commit_interval_ms;
    }

    const auto t0 = std::chrono::steady_clock::now();
    delta::Result<gen::GenSummary> summary = gen::GenerateTable(o, force);
    if (!summary.ok()) return Fail(summary.status());
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!quiet) {
      std::printf("%s: versions 0..%lld, %lld files added, %lld removed, %lld live (%lld rows)\n",
                  o.output.c_str(), static_cast<long long>(summary->versions - 1),
                  static_cast<long long>(summary->files_added),
                  static_cast<long long>(summary->files_removed),
                  static_cast<long long>(summary->live_files),
                  static_cast<long long>(summary->live_rows));
      for (const gen::CheckpointSummary& cp : summary->checkpoints) {
        std::printf(
            "  %s checkpoint at version %lld: %lld actions, %d part(s), %d sidecar(s), "
            "%lld bytes\n",
            KindName(o), static_cast<long long>(cp.version), static_cast<long long>(cp.actions),
            cp.parts, cp.sidecars, static_cast<long long>(cp.size_in_bytes));
      }
      std::printf("  log %lld bytes, data %lld bytes%s, %.2f s\n",
                  static_cast<long long>(summary->log_bytes),
                  static_cast<long long>(summary->data_bytes), o.real_data ? "" : " (fake)", secs);
    }
    return 0;
  } catch (const std::exception& e) {
    return Fail(Status::Internal(e.what()));
  }
}
