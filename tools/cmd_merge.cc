// `delta-kernel merge`: MERGE INTO the table USING a Parquet or CSV file (upserts and deletes).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "delta/merge.h"
#include "input_files.h"
#include "metrics_report.h"
#include "output.h"

namespace delta::cli {
namespace {

struct MergeCommandOptions {
  TableArgs table;
  std::string source_file;
  std::string on;
  std::string source_alias = "source";
  std::string target_alias = "target";
  std::vector<std::string> matched_update;  // COL=EXPR
  bool matched_update_all = false;
  bool matched_delete = false;
  bool not_matched_insert_all = false;
  std::vector<std::string> not_matched_insert;  // COL=EXPR
  bool by_source_delete = false;
  std::string format = "auto";
  bool json = false;
};

Result<std::vector<std::pair<std::string, std::string>>> Assignments(
    const std::vector<std::string>& items, std::string_view option) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& item : items) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument(std::string(option) + " takes COLUMN=EXPRESSION, got '" +
                                     item + "'");
    }
    out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  return out;
}

Status RunMerge(const MergeCommandOptions& opts) {
  const bool any_update = opts.matched_update_all || !opts.matched_update.empty();
  if (opts.matched_update_all && !opts.matched_update.empty()) {
    return Status::InvalidArgument(
        "give at most one of --when-matched-update and --when-matched-update-all");
  }
  if (any_update && opts.matched_delete) {
    return Status::InvalidArgument(
        "give at most one of --when-matched-update(-all) and --when-matched-delete");
  }
  if (opts.not_matched_insert_all && !opts.not_matched_insert.empty()) {
    return Status::InvalidArgument(
        "give at most one of --when-not-matched-insert and --when-not-matched-insert-all");
  }
  MergeSpec spec;
  spec.on = opts.on;
  spec.source_alias = opts.source_alias;
  spec.target_alias = opts.target_alias;
  if (opts.matched_update_all) spec.clauses.push_back(MergeClause::MatchedUpdateAll());
  if (!opts.matched_update.empty()) {
    DELTA_ASSIGN_OR_RETURN(auto set, Assignments(opts.matched_update, "--when-matched-update"));
    spec.clauses.push_back(MergeClause::MatchedUpdate(std::move(set)));
  }
  if (opts.matched_delete) spec.clauses.push_back(MergeClause::MatchedDelete());
  if (opts.not_matched_insert_all) spec.clauses.push_back(MergeClause::NotMatchedInsertAll());
  if (!opts.not_matched_insert.empty()) {
    DELTA_ASSIGN_OR_RETURN(auto values,
                           Assignments(opts.not_matched_insert, "--when-not-matched-insert"));
    spec.clauses.push_back(MergeClause::NotMatchedInsert(std::move(values)));
  }
  if (opts.by_source_delete) spec.clauses.push_back(MergeClause::NotMatchedBySourceDelete());
  if (spec.clauses.empty()) {
    return Status::InvalidArgument("give at least one --when-... clause");
  }
  // A condition that does not parse fails before the table is opened.
  DELTA_RETURN_NOT_OK(ParseExpression(opts.on).status().WithContext("--on"));
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  InputFormat format = opts.format == "csv"       ? InputFormat::kCsv
                       : opts.format == "parquet" ? InputFormat::kParquet
                                                  : InputFormat::kAuto;
  DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle source,
                         OpenInputFiles({opts.source_file}, format, ArrowSchemaHandle()));
  DELTA_ASSIGN_OR_RETURN(MergeResult r,
                         MergeInto(table.location(), table.engine(), source.get(), spec));
  std::string text =
      r.commit.committed
          ? "merged in version " + std::to_string(r.commit.version) + ": inserted " +
                std::to_string(r.num_target_rows_inserted) + ", updated " +
                std::to_string(r.num_target_rows_updated) + ", deleted " +
                std::to_string(r.num_target_rows_deleted) + " rows (files removed " +
                std::to_string(r.num_target_files_removed) + ", added " +
                std::to_string(r.num_target_files_added) + ")"
          : "nothing committed: no row changed (version " + std::to_string(r.commit.version) + ")";
  return PrintMetricsReport(opts.json, table.location(), r.commit.version, r.commit.committed,
                            {{"numSourceRows", r.num_source_rows},
                             {"numTargetRowsInserted", r.num_target_rows_inserted},
                             {"numTargetRowsUpdated", r.num_target_rows_updated},
                             {"numTargetRowsDeleted", r.num_target_rows_deleted},
                             {"numTargetRowsCopied", r.num_target_rows_copied},
                             {"numTargetFilesAdded", r.num_target_files_added},
                             {"numTargetFilesRemoved", r.num_target_files_removed},
                             {"numTargetDeletionVectorsAdded", r.num_target_deletion_vectors_added},
                             {"numTargetChangeFilesAdded", r.num_target_change_files_added}},
                            text);
}

}  // namespace

void AddMergeCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<MergeCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Merge the rows of SOURCE_FILE into the table (MERGE INTO ... USING ... ON --on); prints "
      "what it did");
  AddTableArgs(cmd, &opts->table, /*with_version=*/false);
  cmd->add_option("SOURCE_FILE", opts->source_file, "Parquet or CSV file of source rows")
      ->required();
  cmd->add_option("--on", opts->on,
                  "The merge condition, columns qualified by the aliases: "
                  "\"target.id = source.id\"")
      ->required();
  cmd->add_option("--source-alias", opts->source_alias, "Alias of the source (default source)");
  cmd->add_option("--target-alias", opts->target_alias, "Alias of the table (default target)");
  cmd->add_flag("--when-matched-update-all", opts->matched_update_all,
                "WHEN MATCHED THEN UPDATE SET * (every column from the source's of that name)");
  cmd->add_option("--when-matched-update", opts->matched_update,
                  "COLUMN=EXPRESSION of WHEN MATCHED THEN UPDATE SET (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("--when-matched-delete", opts->matched_delete, "WHEN MATCHED THEN DELETE");
  cmd->add_flag("--when-not-matched-insert-all", opts->not_matched_insert_all,
                "WHEN NOT MATCHED THEN INSERT *");
  cmd->add_option("--when-not-matched-insert", opts->not_matched_insert,
                  "COLUMN=EXPRESSION of WHEN NOT MATCHED THEN INSERT (repeatable; other "
                  "columns are null)")
      ->allow_extra_args(false);
  cmd->add_flag("--when-not-matched-by-source-delete", opts->by_source_delete,
                "WHEN NOT MATCHED BY SOURCE THEN DELETE");
  cmd->add_option("--format", opts->format,
                  "Source format: 'auto' (default: .csv is CSV, others Parquet), 'parquet' or "
                  "'csv'")
      ->check(CLI::IsMember({"auto", "parquet", "csv"}));
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed and the MERGE metrics");
  cmd->callback([opts, action] { *action = [opts] { return RunMerge(*opts); }; });
}

}  // namespace delta::cli
