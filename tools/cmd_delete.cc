// `delta-kernel delete`: remove the rows matching a predicate.
#include <memory>
#include <string>

#include "commands.h"
#include "delta/delete.h"
#include "metrics_report.h"
#include "output.h"

namespace delta::cli {
namespace {

struct DeleteCommandOptions {
  TableArgs table;
  std::string where;
  bool all = false;
  bool json = false;
};

Status RunDelete(const DeleteCommandOptions& opts) {
  if (opts.all == !opts.where.empty()) {
    return Status::InvalidArgument("give exactly one of --where EXPR and --all");
  }
  // A predicate that does not parse fails before the table is opened.
  if (!opts.where.empty()) DELTA_RETURN_NOT_OK(ParseExpression(opts.where).status());
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  DELTA_ASSIGN_OR_RETURN(DeleteResult r, DeleteRows(table.location(), table.engine(), opts.where));
  std::string text =
      r.commit.committed
          ? "deleted " + std::to_string(r.num_deleted_rows) + " rows in version " +
                std::to_string(r.commit.version) + " (files removed " +
                std::to_string(r.num_removed_files) + ", rewritten " +
                std::to_string(r.num_added_files) + ", deletion vectors written " +
                std::to_string(r.num_deletion_vectors_added) + ")"
          : "nothing committed: no row matches (version " + std::to_string(r.commit.version) + ")";
  return PrintMetricsReport(opts.json, table.location(), r.commit.version, r.commit.committed,
                            {{"numDeletedRows", r.num_deleted_rows},
                             {"numRemovedFiles", r.num_removed_files},
                             {"numAddedFiles", r.num_added_files},
                             {"numCopiedRows", r.num_copied_rows},
                             {"numDeletionVectorsAdded", r.num_deletion_vectors_added},
                             {"numDeletionVectorsRemoved", r.num_deletion_vectors_removed},
                             {"numAddedChangeFiles", r.num_added_change_files}},
                            text);
}

}  // namespace

void AddDeleteCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<DeleteCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "delete", "Delete the rows matching --where (or every row with --all); prints what it did");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_option("--where", opts->where,
                  "Delete the rows for which this predicate (as scan --where) is true; rows "
                  "where it is null stay");
  cmd->add_flag("--all", opts->all, "Delete every row");
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed and the DELETE metrics");
  cmd->callback([opts, action] { *action = [opts] { return RunDelete(*opts); }; });
}

}  // namespace delta::cli
