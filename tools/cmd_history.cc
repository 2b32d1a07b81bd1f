// `delta-kernel history`: the table's commits, newest first.
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/timestamp_text.h"
#include "int_option.h"
#include "output.h"

namespace delta::cli {
namespace {

struct HistoryOptions {
  TableArgs table;
  std::optional<int64_t> limit;
  bool json = false;
};

std::string ParametersText(const CommitInfo& info) {
  std::string out;
  for (const auto& [k, v] : info.operation_parameters) {
    if (!out.empty()) out += ", ";
    out += k + "=" + v;
  }
  return out;
}

Status RunHistory(const HistoryOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  DELTA_ASSIGN_OR_RETURN(std::vector<HistoryEntry> history, table.History(opts.limit));

  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginArray();
    for (const HistoryEntry& e : history) {
      w.BeginObject();
      w.Key("version").Int(e.version);
      w.Key("timestamp").Int(e.timestamp);
      w.Key("timestampIso").String(FormatTimestampMillis(e.timestamp));
      if (e.commit_info) WriteCommitInfoMembers(w, *e.commit_info);
      w.EndObject();
    }
    w.EndArray();
    out.Append(w.Take());
    out.Append("\n");
    return out.Flush();
  }

  TextTable t({"VERSION", "TIMESTAMP", "OPERATION", "PARAMETERS"}, {true, false, false, false});
  for (const HistoryEntry& e : history) {
    const CommitInfo* info = e.commit_info ? &*e.commit_info : nullptr;
    t.AddRow({std::to_string(e.version), FormatTimestampMillis(e.timestamp),
              info && info->operation ? *info->operation : "-", info ? ParametersText(*info) : ""});
  }
  t.Render(&out.buffer());
  return out.Flush();
}

}  // namespace

void AddHistoryCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<HistoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "history",
      "Commits newest first: version, timestamp, operation. The timestamp is the commit's time "
      "per the Delta protocol: its in-commit timestamp when the table enables them, else the "
      "modification time of its file in _delta_log, which may differ from commitInfo.timestamp "
      "(the writer's clock), e.g. in a copied table");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  AddIntOption(cmd, "--limit", &opts->limit, 0, kMaxInt64, "Show at most N commits");
  cmd->add_flag("--json", opts->json,
                "Print one JSON array; each entry has version, timestamp and the commitInfo");
  cmd->callback([opts, action] { *action = [opts] { return RunHistory(*opts); }; });
}

}  // namespace delta::cli
