// `delta-kernel changes`: the change data feed of a range of versions (or times): the rows
// inserted, deleted and updated, with _change_type, _commit_version and _commit_timestamp.
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "delta/changes.h"
#include "delta/timestamp_text.h"
#include "int_option.h"
#include "row_output.h"

namespace delta::cli {
namespace {

struct ChangesCmdOptions {
  TableArgs table;
  std::optional<int64_t> from;
  std::optional<int64_t> to;
  std::optional<std::string> from_timestamp;
  std::optional<std::string> to_timestamp;
  RowOutputArgs rows;
};

Status RunChanges(const ChangesCmdOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(ParsedRowOutput parsed, ParseRowOutput(opts.rows));
  ChangesOptions changes_opts;
  changes_opts.start_version = opts.from;
  changes_opts.end_version = opts.to;
  if (opts.from_timestamp) {
    auto ts = ParseTimestampMillis(*opts.from_timestamp);
    if (!ts.ok()) return ts.status().WithContext("--from-timestamp");
    changes_opts.start_timestamp_ms = *ts;
  }
  if (opts.to_timestamp) {
    auto ts = ParseTimestampMillis(*opts.to_timestamp);
    if (!ts.ok()) return ts.status().WithContext("--to-timestamp");
    changes_opts.end_timestamp_ms = *ts;
  }
  if (!opts.from && !opts.from_timestamp) {
    return Status::InvalidArgument("changes needs --from VERSION or --from-timestamp TIME");
  }
  if (opts.from && opts.to && *opts.from > *opts.to) {
    return Status::InvalidArgument("--from " + std::to_string(*opts.from) + " is after --to " +
                                   std::to_string(*opts.to));
  }
  changes_opts.columns = parsed.columns;
  changes_opts.filter = parsed.filter;
  changes_opts.limit = opts.rows.limit;

  ProgressLine progress(opts.rows.progress, "reading changes");
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  std::shared_ptr<Engine> engine = table.engine();
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const ChangesScan> changes,
                         ChangesScan::Make(table, changes_opts));
  return WriteRows(opts.rows, parsed, changes->scan(), engine, progress);
}

}  // namespace

void AddChangesCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<ChangesCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "changes",
      "The change data feed between two versions or times: each inserted, deleted or updated "
      "row with _change_type (insert, delete, update_preimage, update_postimage), "
      "_commit_version and _commit_timestamp. Needs delta.enableChangeDataFeed=true over the "
      "whole range");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  CLI::Option* from =
      AddIntOption(cmd, "--from", &opts->from, 0, kMaxInt64, "First version (inclusive)");
  auto* from_ts = cmd->add_option_function<std::string>(
      "--from-timestamp", [opts](const std::string& t) { opts->from_timestamp = t; },
      "Start at the first commit at or after this time (2024-01-02, 2024-01-02T03:04:05Z, "
      "2024-01-02 03:04:05.123+01:00; no offset means UTC)");
  CLI::Option* to = AddIntOption(cmd, "--to", &opts->to, 0, kMaxInt64,
                                 "Last version (inclusive); default the latest");
  auto* to_ts = cmd->add_option_function<std::string>(
      "--to-timestamp", [opts](const std::string& t) { opts->to_timestamp = t; },
      "End at the last commit at or before this time");
  from->excludes(from_ts);
  to->excludes(to_ts);
  AddRowOutputOptions(cmd, &opts->rows,
                      "Comma-separated columns to return, in order (a.b selects field b of "
                      "struct a); _change_type, _commit_version and _commit_timestamp may be "
                      "named too. Default: every column, then those three");
  cmd->callback([opts, action] { *action = [opts] { return RunChanges(*opts); }; });
}

}  // namespace delta::cli
