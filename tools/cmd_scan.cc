// `delta-kernel scan`: the rows of a table (or of a version of it), optionally filtered and
// projected, as a text table, CSV, JSON lines or one Parquet file.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/scan_metadata.h"
#include "delta/timestamp_text.h"
#include "output.h"
#include "row_output.h"

namespace delta::cli {
namespace {

struct ScanCmdOptions {
  TableArgs table;
  RowOutputArgs rows;
  bool no_skipping = false;
  bool explain = false;
};

// The paths of the selected rows of a metadata batch (column 0: utf8 path, never null).
void AppendSelectedPaths(const ScanMetadataBatch& batch, std::vector<std::string>* out) {
  const ArrowArray& path = *batch.array->children[0];
  const auto* offsets = static_cast<const int32_t*>(path.buffers[1]) + path.offset;
  const auto* data = static_cast<const char*>(path.buffers[2]);
  for (size_t i = 0; i < batch.selection.size(); ++i) {
    if (batch.selection[i] == 0) continue;
    out->emplace_back(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
  }
}

// `--explain`: the plan as one JSON object, without reading any data. Planned through the
// metadata batches: only the selected paths are kept.
Status PrintPlan(const Scan& scan) {
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<ScanMetadataIterator> batches, scan.MetadataBatches());
  std::vector<std::string> files;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<ScanMetadataBatch> batch, batches->Next());
    if (!batch) break;
    AppendSelectedPaths(*batch, &files);
  }
  ScanCounts counts = batches->counts();
  std::sort(files.begin(), files.end());
  JsonWriter w(2);
  w.BeginObject();
  w.Key("version").Int(scan.snapshot()->version());
  w.Key("filter");
  if (scan.bound_filter()) {
    w.String(scan.bound_filter()->ToString());
  } else {
    w.Null();
  }
  w.Key("columns").BeginArray();
  for (const StructField& f : scan.output_schema()->fields()) w.String(f.name);
  w.EndArray();
  w.Key("totalFiles").Int(counts.total_files);
  w.Key("prunedByPartitionValues").Int(counts.pruned_by_partition);
  w.Key("skippedByStats").Int(counts.skipped_by_stats);
  w.Key("selectedFiles").Int(counts.selected_files);
  w.Key("files").BeginArray();
  for (const std::string& f : files) w.String(f);
  w.EndArray();
  w.EndObject();
  StdoutBuffer out;
  out.Append(w.Take());
  out.Append("\n");
  return out.Flush();
}

Status RunScan(const ScanCmdOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(ParsedRowOutput parsed, ParseRowOutput(opts.rows));
  ProgressLine progress(opts.explain ? ProgressMode::kOff : opts.rows.progress, "scanning");
  ScanOptions scan_opts;
  scan_opts.columns = parsed.columns;
  scan_opts.filter = parsed.filter;
  scan_opts.limit = opts.rows.limit;
  scan_opts.partition_pruning = !opts.no_skipping;
  scan_opts.data_skipping = !opts.no_skipping;

  // The snapshot as LoadSnapshot selects it, on an engine this command also reads data with.
  std::optional<int64_t> timestamp_ms;
  if (opts.table.timestamp) {
    DELTA_ASSIGN_OR_RETURN(timestamp_ms, ParseTimestampMillis(*opts.table.timestamp));
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  std::shared_ptr<Engine> engine = table.engine();
  // One scan per run: stream the checkpoint's files instead of holding them all.
  SnapshotOptions snap_opts;
  snap_opts.file_list = FileListMode::kStreamed;
  Result<std::shared_ptr<const Snapshot>> loaded =
      opts.table.version ? table.SnapshotAtVersion(*opts.table.version, snap_opts)
      : timestamp_ms     ? table.SnapshotAtTimestamp(*timestamp_ms, snap_opts)
                         : table.LatestSnapshot(snap_opts);
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snap, std::move(loaded));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(snap, scan_opts));
  if (opts.explain) return PrintPlan(*scan);

  return WriteRows(opts.rows, parsed, scan, engine, progress);
}

}  // namespace

void AddScanCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<ScanCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Rows of the table: selected columns, filtered, as text or one Parquet file");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  AddRowOutputOptions(cmd, &opts->rows,
                      "Comma-separated columns to return, in order; a.b selects field b of struct "
                      "a; backquote names holding dots or commas; _file_path, _row_index, _row_id "
                      "and _row_commit_version add metadata columns");
  cmd->add_flag("--no-skipping", opts->no_skipping,
                "Read every file: no partition pruning or data skipping (results are the same)");
  cmd->add_flag("--explain", opts->explain,
                "Print the plan as JSON instead of rows: output columns, the bound filter, file "
                "counts (total, pruned by partition values, skipped by stats, selected) and the "
                "selected files");
  cmd->callback([opts, action] { *action = [opts] { return RunScan(*opts); }; });
}

}  // namespace delta::cli
