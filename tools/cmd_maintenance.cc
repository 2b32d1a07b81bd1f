// `delta-kernel vacuum` and `delta-kernel restore`: delete files the table no longer needs;
// make the latest version read as an earlier one.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "commands.h"
#include "delta/restore.h"
#include "delta/timestamp_text.h"
#include "delta/vacuum.h"
#include "metrics_report.h"
#include "output.h"

namespace delta::cli {
namespace {

constexpr int64_t kMillisPerHour = 60LL * 60 * 1000;

struct VacuumCliOptions {
  TableArgs table;
  bool dry_run = false;
  std::optional<double> retention_hours;
  bool no_enforce_retention = false;
  bool lite = false;
  bool json = false;
};

Status RunVacuum(const VacuumCliOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  VacuumOptions options;
  options.dry_run = opts.dry_run;
  options.enforce_retention = !opts.no_enforce_retention;
  options.mode = opts.lite ? VacuumMode::kLite : VacuumMode::kFull;
  if (opts.retention_hours) {
    options.retention_ms = static_cast<int64_t>(*opts.retention_hours * kMillisPerHour);
  }
  // A deleting count on a terminal, rewritten in place.
  const bool show = ::isatty(STDERR_FILENO) == 1;
  options.on_progress = [show](const VacuumProgress& p) {
    if (!show || p.phase != VacuumProgress::Phase::kDeleting) return;
    std::fprintf(stderr, "\rvacuum: deleted %lld of %lld files", static_cast<long long>(p.done),
                 static_cast<long long>(p.total));
    if (p.done == p.total) std::fputs("\r\033[K", stderr);
  };
  DELTA_ASSIGN_OR_RETURN(VacuumResult r, Vacuum(table, options));

  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table.location());
    w.Key("dryRun").Bool(r.dry_run);
    w.Key("snapshotVersion").Int(r.snapshot_version);
    w.Key("retentionMillis").Int(r.retention_ms);
    w.Key("cutoffTimestamp").String(FormatTimestampMillis(r.cutoff_ms));
    w.Key("numFiles").Int(static_cast<int64_t>(r.files_deleted.size()));
    w.Key("bytes").Int(r.bytes);
    if (r.start_version) w.Key("startVersion").Int(*r.start_version);
    if (r.end_version) w.Key("endVersion").Int(*r.end_version);
    w.Key("files").BeginArray();
    for (const std::string& f : r.files_deleted) w.String(f);
    w.EndArray();
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
    return out.Flush();
  }
  for (const std::string& f : r.files_deleted) out.Append(f + "\n");
  out.Append(std::string(r.dry_run ? "would delete " : "deleted ") +
             std::to_string(r.files_deleted.size()) + " files (" + std::to_string(r.bytes) +
             " bytes) older than " + FormatTimestampMillis(r.cutoff_ms) + "\n");
  return out.Flush();
}

struct RestoreCliOptions {
  TableArgs table;
  bool json = false;
};

Status RunRestore(const RestoreCliOptions& opts) {
  if (!opts.table.version.has_value() == !opts.table.timestamp.has_value()) {
    return Status::InvalidArgument("restore needs exactly one of --version and --timestamp");
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  auto restore = [&]() -> Result<RestoreResult> {
    if (opts.table.version) return RestoreTable(table, *opts.table.version);
    DELTA_ASSIGN_OR_RETURN(int64_t ts, ParseTimestampMillis(*opts.table.timestamp));
    return RestoreTableToTimestamp(table, ts);
  };
  DELTA_ASSIGN_OR_RETURN(RestoreResult r, restore());

  std::string text = "committed version " + std::to_string(r.commit.version) +
                     ": restored version " + std::to_string(r.restored_version) + ", " +
                     std::to_string(r.num_restored_files) + " files added back (" +
                     std::to_string(r.restored_files_size) + " bytes), " +
                     std::to_string(r.num_removed_files) + " removed (" +
                     std::to_string(r.removed_files_size) + " bytes)";
  return PrintMetricsReport(opts.json, table.location(), r.commit.version, std::nullopt,
                            {{"restoredVersion", r.restored_version},
                             {"numRestoredFiles", r.num_restored_files},
                             {"restoredFilesSize", r.restored_files_size},
                             {"numRemovedFiles", r.num_removed_files},
                             {"removedFilesSize", r.removed_files_size},
                             {"numOfFilesAfterRestore", r.num_files_after},
                             {"tableSizeAfterRestore", r.table_size_after}},
                            text);
}

}  // namespace

void AddVacuumCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<VacuumCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "vacuum",
      "Delete files under the table that no version inside the retention needs (unreferenced "
      "data, deletion vector and change data files older than "
      "delta.deletedFileRetentionDuration, 7 days by default); prints them");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_flag("--dry-run", opts->dry_run, "List the files that would be deleted; delete none");
  cmd->add_option_function<double>(
         "--retention-hours", [opts](double h) { opts->retention_hours = h; },
         "Delete files older than this many hours (default: the table's retention; a shorter "
         "one is refused unless --no-enforce-retention)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-enforce-retention", opts->no_enforce_retention,
                "Allow a retention shorter than the table's (files a concurrent reader or "
                "writer still needs may be deleted)");
  cmd->add_flag("--lite", opts->lite,
                "Find candidates from the log's removes instead of listing every file (misses "
                "files no commit referenced)");
  cmd->add_flag(
      "--json", opts->json,
      "Print one JSON object: table, dryRun, snapshotVersion, retentionMillis, "
      "cutoffTimestamp, numFiles, bytes, startVersion and endVersion (the VACUUM START / END "
      "commits, when made), files");
  cmd->callback([opts, action] { *action = [opts] { return RunVacuum(*opts); }; });
}

void AddRestoreCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<RestoreCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "restore",
      "Make the latest version read as an earlier one (--version N or --timestamp T), in one "
      "new commit; prints what it added back and removed");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, restoredVersion and the commit's "
                "metrics");
  cmd->callback([opts, action] { *action = [opts] { return RunRestore(*opts); }; });
}

}  // namespace delta::cli
