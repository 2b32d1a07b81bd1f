// `delta-kernel delete`: remove the rows matching a predicate.
#include <memory>
#include <string>

#include "commands.h"
#include "delta/delete.h"
#include "delta/json_writer.h"
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
  StdoutBuffer out;
  if (opts.json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table.location());
    w.Key("version").Int(r.commit.version);
    w.Key("committed").Bool(r.commit.committed);
    w.Key("numDeletedRows").Int(r.num_deleted_rows);
    w.Key("numRemovedFiles").Int(r.num_removed_files);
    w.Key("numAddedFiles").Int(r.num_added_files);
    w.Key("numCopiedRows").Int(r.num_copied_rows);
    w.Key("numDeletionVectorsAdded").Int(r.num_deletion_vectors_added);
    w.Key("numDeletionVectorsRemoved").Int(r.num_deletion_vectors_removed);
    w.Key("numAddedChangeFiles").Int(r.num_added_change_files);
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
  } else if (r.commit.committed) {
    out.Append("deleted " + std::to_string(r.num_deleted_rows) + " rows in version " +
               std::to_string(r.commit.version) + " (files removed " +
               std::to_string(r.num_removed_files) + ", rewritten " +
               std::to_string(r.num_added_files) + ", deletion vectors written " +
               std::to_string(r.num_deletion_vectors_added) + ")\n");
  } else {
    out.Append("nothing committed: no row matches (version " + std::to_string(r.commit.version) +
               ")\n");
  }
  return out.Flush();
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
