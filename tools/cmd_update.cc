// `delta-kernel update`: set columns of the rows matching a predicate.
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/expression.h"
#include "delta/update.h"
#include "metrics_report.h"
#include "output.h"

namespace delta::cli {
namespace {

struct UpdateCommandOptions {
  TableArgs table;
  std::vector<std::string> set;
  std::string where;
  bool json = false;
};

Status RunUpdate(const UpdateCommandOptions& opts) {
  std::vector<UpdateAssignment> assignments;
  for (const std::string& s : opts.set) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--set must be COLUMN=EXPRESSION, got '" + s + "'");
    }
    assignments.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (assignments.empty()) return Status::InvalidArgument("give at least one --set COLUMN=EXPR");
  // Text that does not parse fails before the table is opened.
  if (!opts.where.empty()) DELTA_RETURN_NOT_OK(ParseExpression(opts.where).status());
  for (const auto& [column, text] : assignments) {
    Result<ExprPtr> e = ParseExpression(text);
    if (!e.ok()) return e.status().WithContext("--set " + column);
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  DELTA_ASSIGN_OR_RETURN(UpdateResult r,
                         UpdateRows(table.location(), table.engine(), opts.where, assignments));
  std::string text =
      r.commit.committed
          ? "updated " + std::to_string(r.num_updated_rows) + " rows in version " +
                std::to_string(r.commit.version) + " (files removed " +
                std::to_string(r.num_removed_files) + ", added " +
                std::to_string(r.num_added_files) + ", deletion vectors written " +
                std::to_string(r.num_deletion_vectors_added) + ")"
          : "nothing committed: no row matches (version " + std::to_string(r.commit.version) + ")";
  return PrintMetricsReport(opts.json, table.location(), r.commit.version, r.commit.committed,
                            {{"numUpdatedRows", r.num_updated_rows},
                             {"numCopiedRows", r.num_copied_rows},
                             {"numAddedFiles", r.num_added_files},
                             {"numRemovedFiles", r.num_removed_files},
                             {"numDeletionVectorsAdded", r.num_deletion_vectors_added},
                             {"numDeletionVectorsRemoved", r.num_deletion_vectors_removed},
                             {"numAddedChangeFiles", r.num_added_change_files}},
                            text);
}

}  // namespace

void AddUpdateCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<UpdateCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "update",
      "Set columns of the rows matching --where (every row without it); prints what it did");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_option("--set", opts->set,
                  "COLUMN=EXPRESSION: the column's new value, a SQL expression over the row's "
                  "current values (repeatable)")
      ->allow_extra_args(false)
      ->required();
  cmd->add_option("--where", opts->where,
                  "Update the rows for which this predicate (as scan --where) is true; rows "
                  "where it is null stay");
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed and the UPDATE metrics");
  cmd->callback([opts, action] { *action = [opts] { return RunUpdate(*opts); }; });
}

}  // namespace delta::cli
