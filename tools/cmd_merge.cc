// `delta-kernel merge`: MERGE INTO the table USING a Parquet or CSV file (upserts and deletes).
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "commands.h"
#include "delta/merge.h"
#include "input_files.h"
#include "merge_clause_text.h"
#include "metrics_report.h"
#include "output.h"

namespace delta::cli {
namespace {

// The clause-giving options, so the clauses can be put in command-line order.
enum class ClauseOption {
  kWhen,
  kMatchedUpdate,
  kMatchedUpdateAll,
  kMatchedDelete,
  kNotMatchedInsert,
  kNotMatchedInsertAll,
  kBySourceDelete,
};

struct MergeCommandOptions {
  TableArgs table;
  std::string source_file;
  std::string on;
  std::string source_alias = "source";
  std::string target_alias = "target";
  std::vector<std::string> when;            // SQL clause texts
  std::vector<std::string> matched_update;  // COL=EXPR
  bool matched_update_all = false;
  bool matched_delete = false;
  bool not_matched_insert_all = false;
  std::vector<std::string> not_matched_insert;  // COL=EXPR
  bool by_source_delete = false;
  std::string format = "auto";
  bool json = false;
  // The clause options as given (one entry per --when and per shorthand occurrence).
  std::vector<ClauseOption> order;
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

// The clauses in command-line order: each --when where it stands; the shorthands of one
// clause (--when-matched-update COL=EXPR...) form one clause where the first of them stands.
Result<std::vector<MergeClause>> Clauses(const MergeCommandOptions& opts) {
  std::vector<MergeClause> clauses;
  std::vector<std::string> given;  // how each clause was given, for errors
  auto add = [&](MergeClause c, std::string how) {
    clauses.push_back(std::move(c));
    given.push_back(std::move(how));
  };
  size_t when = 0;
  std::set<ClauseOption> placed;  // shorthands: the first occurrence places the clause
  for (ClauseOption o : opts.order) {
    if (o != ClauseOption::kWhen && !placed.insert(o).second) continue;
    switch (o) {
      case ClauseOption::kWhen: {
        const std::string& text = opts.when.at(when++);
        DELTA_ASSIGN_OR_RETURN(MergeClause c, ParseMergeClauseText(text, opts.target_alias));
        add(std::move(c), "--when \"" + text + "\"");
        break;
      }
      case ClauseOption::kMatchedUpdate: {
        DELTA_ASSIGN_OR_RETURN(auto set, Assignments(opts.matched_update, "--when-matched-update"));
        add(MergeClause::MatchedUpdate(std::move(set)), "--when-matched-update");
        break;
      }
      case ClauseOption::kNotMatchedInsert: {
        DELTA_ASSIGN_OR_RETURN(auto values,
                               Assignments(opts.not_matched_insert, "--when-not-matched-insert"));
        add(MergeClause::NotMatchedInsert(std::move(values)), "--when-not-matched-insert");
        break;
      }
      // A flag given as --flag=false gives no clause.
      case ClauseOption::kMatchedUpdateAll:
        if (opts.matched_update_all)
          add(MergeClause::MatchedUpdateAll(), "--when-matched-update-all");
        break;
      case ClauseOption::kMatchedDelete:
        if (opts.matched_delete) add(MergeClause::MatchedDelete(), "--when-matched-delete");
        break;
      case ClauseOption::kNotMatchedInsertAll:
        if (opts.not_matched_insert_all) {
          add(MergeClause::NotMatchedInsertAll(), "--when-not-matched-insert-all");
        }
        break;
      case ClauseOption::kBySourceDelete:
        if (opts.by_source_delete) {
          add(MergeClause::NotMatchedBySourceDelete(), "--when-not-matched-by-source-delete");
        }
        break;
    }
  }
  // As in Spark, only the last clause of a kind may omit its condition: a later one could
  // never apply.
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (!clauses[i].condition.empty()) continue;
    for (size_t j = i + 1; j < clauses.size(); ++j) {
      if (clauses[j].kind != clauses[i].kind) continue;
      return Status::InvalidArgument(
          given[j] + " could never apply: " + given[i] +
          " before it is a clause of the same kind without a condition (only the last clause "
          "of a kind may omit its AND condition)");
    }
  }
  return clauses;
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
  DELTA_ASSIGN_OR_RETURN(spec.clauses, Clauses(opts));
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
  std::map<const CLI::Option*, ClauseOption> clause_options;
  clause_options
      [cmd->add_option(
              "--when", opts->when,
              "A WHEN clause in SQL (repeatable; applied in the order given, "
              "the first of its kind whose condition holds wins): "
              "\"MATCHED [AND cond] THEN UPDATE SET col = expr, ... | UPDATE "
              "SET * | DELETE\", \"NOT MATCHED [BY TARGET] [AND cond] THEN "
              "INSERT (cols) VALUES (exprs) | INSERT *\", \"NOT MATCHED BY "
              "SOURCE [AND cond] THEN UPDATE SET ... | DELETE\". The shorthands below take "
              "their place where first given")
           ->allow_extra_args(false)] = ClauseOption::kWhen;
  clause_options[cmd->add_flag(
      "--when-matched-update-all", opts->matched_update_all,
      "Shorthand: WHEN MATCHED THEN UPDATE SET * (every column from the source's of that "
      "name)")] = ClauseOption::kMatchedUpdateAll;
  clause_options[cmd->add_option("--when-matched-update", opts->matched_update,
                                 "Shorthand: COLUMN=EXPRESSION of one WHEN MATCHED THEN UPDATE "
                                 "SET (repeatable)")
                     ->allow_extra_args(false)] = ClauseOption::kMatchedUpdate;
  clause_options[cmd->add_flag("--when-matched-delete", opts->matched_delete,
                               "Shorthand: WHEN MATCHED THEN DELETE")] =
      ClauseOption::kMatchedDelete;
  clause_options[cmd->add_flag("--when-not-matched-insert-all", opts->not_matched_insert_all,
                               "Shorthand: WHEN NOT MATCHED THEN INSERT *")] =
      ClauseOption::kNotMatchedInsertAll;
  clause_options[cmd->add_option("--when-not-matched-insert", opts->not_matched_insert,
                                 "Shorthand: COLUMN=EXPRESSION of one WHEN NOT MATCHED THEN "
                                 "INSERT (repeatable; other columns are null)")
                     ->allow_extra_args(false)] = ClauseOption::kNotMatchedInsert;
  clause_options[cmd->add_flag("--when-not-matched-by-source-delete", opts->by_source_delete,
                               "Shorthand: WHEN NOT MATCHED BY SOURCE THEN DELETE")] =
      ClauseOption::kBySourceDelete;
  cmd->add_option("--format", opts->format,
                  "Source format: 'auto' (default: .csv is CSV, others Parquet), 'parquet' or "
                  "'csv'")
      ->check(CLI::IsMember({"auto", "parquet", "csv"}));
  cmd->add_flag("--json", opts->json,
                "Print one JSON object: table, version, committed and the MERGE metrics");
  cmd->callback([opts, action, cmd, clause_options] {
    // CLI11 records every occurrence of every option in order: the clauses keep that order.
    for (const CLI::Option* o : cmd->parse_order()) {
      auto it = clause_options.find(o);
      if (it != clause_options.end()) opts->order.push_back(it->second);
    }
    *action = [opts] { return RunMerge(*opts); };
  });
}

}  // namespace delta::cli
