// `delta-kernel compact-log`: writes the log compaction file of a range of commits.
#include <memory>
#include <optional>
#include <string>

#include "commands.h"
#include "delta/json_writer.h"
#include "delta/log_compaction.h"
#include "int_option.h"
#include "output.h"

namespace delta::cli {
namespace {

struct CompactLogCliOptions {
  TableArgs table;
  std::optional<int64_t> from;
  std::optional<int64_t> to;
  bool json = false;
};

Status RunCompactLog(const CompactLogCliOptions& opts) {
  if (!opts.from || !opts.to) {
    return Status::InvalidArgument("compact-log needs --from and --to");
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  DELTA_ASSIGN_OR_RETURN(LogCompactionResult r, WriteLogCompaction(table, *opts.from, *opts.to));
  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("startVersion").Int(r.start_version);
    w.Key("endVersion").Int(r.end_version);
    w.Key("location").String(r.location);
    w.Key("sizeInBytes").Int(r.size_in_bytes);
    w.Key("actions").Int(r.actions);
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
    return out.Flush();
  }
  out.Append("log compaction of versions " + std::to_string(r.start_version) + " to " +
             std::to_string(r.end_version) + ": " + std::to_string(r.actions) + " actions, " +
             std::to_string(r.size_in_bytes) + " bytes\n  " + r.location + "\n");
  return out.Flush();
}

}  // namespace

void AddCompactLogCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<CompactLogCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compact-log",
      "Write the log compaction file <from>.<to>.compacted.json: the reconciled actions of "
      "commits --from to --to, which readers use instead of those commits");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  AddIntOption(cmd, "--from", &opts->from, 0, kMaxInt64, "First commit of the range");
  AddIntOption(cmd, "--to", &opts->to, 0, kMaxInt64, "Last commit of the range");
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: startVersion, endVersion, location, sizeInBytes, actions");
  cmd->callback([opts, action] { *action = [opts] { return RunCompactLog(*opts); }; });
}

}  // namespace delta::cli
