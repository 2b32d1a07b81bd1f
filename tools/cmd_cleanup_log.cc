// `delta-kernel cleanup-log`: deletes the log files no version inside the log retention needs
// and prints them.
#include <memory>
#include <string>

#include "commands.h"
#include "delta/json_writer.h"
#include "delta/log_cleanup.h"
#include "delta/timestamp_text.h"
#include "output.h"

namespace delta::cli {
namespace {

struct CleanupLogCliOptions {
  TableArgs table;
  bool dry_run = false;
  bool json = false;
};

Status RunCleanupLog(const CleanupLogCliOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  LogCleanupOptions options;
  options.dry_run = opts.dry_run;
  DELTA_ASSIGN_OR_RETURN(LogCleanupResult r, CleanupExpiredLogs(table, options));
  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table.location());
    w.Key("dryRun").Bool(r.dry_run);
    w.Key("retentionMillis").Int(r.retention_ms);
    w.Key("cutoffTimestamp").String(FormatTimestampMillis(r.cutoff_ms));
    if (r.earliest_version) {
      w.Key("earliestVersion").Int(*r.earliest_version);
    } else {
      w.Key("earliestVersion").Null();
    }
    w.Key("numFiles").Int(static_cast<int64_t>(r.files_deleted.size()));
    w.Key("bytes").Int(r.bytes);
    w.Key("skipped").String(r.skipped);
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
             std::to_string(r.files_deleted.size()) + " log files (" + std::to_string(r.bytes) +
             " bytes) of versions dated at or before " + FormatTimestampMillis(r.cutoff_ms));
  if (r.earliest_version) {
    out.Append("; the log starts at the checkpoint of version " +
               std::to_string(*r.earliest_version));
  }
  out.Append("\n");
  if (!r.skipped.empty()) out.Append("skipped: " + r.skipped + "\n");
  return out.Flush();
}

}  // namespace

void AddCleanupLogCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<CleanupLogCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cleanup-log",
      "Delete the log files no version inside delta.logRetentionDuration (30 days by default) "
      "needs: everything before the newest checkpoint that old, and unreferenced v2 sidecars; "
      "prints them");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_flag("--dry-run", opts->dry_run, "List the files that would be deleted; delete none");
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, dryRun, retentionMillis, cutoffTimestamp, "
                "earliestVersion, numFiles, bytes, skipped, files");
  cmd->callback([opts, action] { *action = [opts] { return RunCleanupLog(*opts); }; });
}

}  // namespace delta::cli
