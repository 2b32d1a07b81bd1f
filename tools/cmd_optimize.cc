// `delta-kernel optimize`: compact small files, optionally Z-ordered, and say what was done.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/json_writer.h"
#include "delta/optimize.h"
#include "int_option.h"
#include "output.h"

namespace delta::cli {
namespace {

struct OptimizeArgs {
  TableArgs table;
  std::string where;
  std::vector<std::string> zorder_by;
  std::optional<int64_t> target_size;
  std::optional<int64_t> min_file_size;
  bool progress = false;
  bool json = false;
};

Status PrintOptimizeResult(const Table& table, const OptimizeResult& r, bool json) {
  StdoutBuffer out;
  if (json) {
    JsonWriter w(2);
    w.BeginObject();
    w.Key("table").String(table.location());
    w.Key("committed").Bool(r.commit.has_value());
    if (r.commit) w.Key("version").Int(r.commit->version);
    w.Key("filesConsidered").Int(r.files_considered);
    w.Key("filesRemoved").Int(r.files_removed);
    w.Key("filesAdded").Int(r.files_added);
    w.Key("bytesRemoved").Int(r.bytes_removed);
    w.Key("bytesAdded").Int(r.bytes_added);
    w.Key("partitionsOptimized").Int(r.partitions_optimized);
    w.Key("bins").Int(r.bins);
    w.Key("deletionVectorsRemoved").Int(r.deletion_vectors_removed);
    w.Key("rowsWritten").Int(r.rows_written);
    w.EndObject();
    out.Append(w.Take());
    out.Append("\n");
  } else if (r.commit) {
    out.Append("committed version " + std::to_string(r.commit->version) + ": rewrote " +
               std::to_string(r.files_removed) + " files (" + std::to_string(r.bytes_removed) +
               " bytes) as " + std::to_string(r.files_added) + " files (" +
               std::to_string(r.bytes_added) + " bytes) in " +
               std::to_string(r.partitions_optimized) + " partitions\n");
  } else {
    out.Append("nothing to optimize: " + std::to_string(r.files_considered) +
               " files considered, none rewritten\n");
  }
  return out.Flush();
}

Status RunOptimize(const OptimizeArgs& args) {
  OptimizeOptions options;
  options.predicate = args.where;
  options.z_order = args.zorder_by;
  options.target_size = args.target_size;
  options.min_file_size = args.min_file_size;
  if (args.progress) {
    options.progress = [](const OptimizeProgress& p) {
      if (p.committing) {
        std::fprintf(stderr, "optimize: committing\n");
      } else {
        std::fprintf(stderr, "optimize: %lld/%lld bins, %lld/%lld files, %lld/%lld bytes\n",
                     static_cast<long long>(p.bins_done), static_cast<long long>(p.bins_total),
                     static_cast<long long>(p.files_done), static_cast<long long>(p.files_total),
                     static_cast<long long>(p.bytes_done), static_cast<long long>(p.bytes_total));
      }
    };
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(args.table));
  DELTA_ASSIGN_OR_RETURN(OptimizeResult r, Optimize(table.location(), table.engine(), options));
  return PrintOptimizeResult(table, r, args.json);
}

}  // namespace

void AddOptimizeCommand(CLI::App& app, Action* action) {
  auto args = std::make_shared<OptimizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "optimize",
      "Compact small files (bin-packing per partition), optionally sorted along a Z-order curve; "
      "commits with dataChange=false and prints what was rewritten");
  AddTableArgs(cmd, &args->table, /*with_version=*/false);
  cmd->add_option("--where", args->where,
                  "Only partitions matching this predicate (partition columns only, as scan "
                  "--where)");
  cmd->add_option("--zorder-by", args->zorder_by,
                  "Z-order the rewritten rows by these columns (comma-separated or repeated)")
      ->delimiter(',')
      ->allow_extra_args(false);
  AddIntOption(cmd, "--target-size", &args->target_size, 1, kMaxInt64,
               "Largest bin and output file size in bytes (default: delta.targetFileSize, else "
               "1 GiB)");
  AddIntOption(cmd, "--min-file-size", &args->min_file_size, 0, kMaxInt64,
               "Files at least this big are left alone (default: the target size)");
  cmd->add_flag("--progress", args->progress, "Print a progress line per bin on stderr");
  cmd->add_flag("--json", args->json,
                "Print one JSON object: table, committed, version, filesConsidered, filesRemoved, "
                "filesAdded, bytesRemoved, bytesAdded, partitionsOptimized, bins, "
                "deletionVectorsRemoved, rowsWritten");
  cmd->callback([args, action] { *action = [args] { return RunOptimize(*args); }; });
}

}  // namespace delta::cli
