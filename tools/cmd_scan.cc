// `delta-kernel scan`: the rows of a table (or of a version of it), optionally filtered and
// projected, as a text table, CSV, JSON lines or one Parquet file.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "output.h"
#include "timestamp.h"

namespace delta::cli {
namespace {

struct ScanCmdOptions {
  TableArgs table;
  std::optional<std::string> columns;
  std::optional<std::string> where;
  std::optional<int64_t> limit;
  std::string format = "table";
  std::optional<std::string> output;
  bool no_skipping = false;
  bool explain = false;
};

// `--explain`: the plan as one JSON object, without reading any data.
Status PrintPlan(const Scan& scan) {
  ScanCounts counts;
  DELTA_ASSIGN_OR_RETURN(std::vector<ScanFile> files, scan.Files(&counts));
  std::sort(files.begin(), files.end(),
            [](const ScanFile& a, const ScanFile& b) { return a.path < b.path; });
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
  for (const ScanFile& f : files) w.String(f.path);
  w.EndArray();
  w.EndObject();
  StdoutBuffer out;
  out.Append(w.Take());
  out.Append("\n");
  return out.Flush();
}

// Splits "a,b.c,`x,y`" at commas outside backquotes.
std::vector<std::string> SplitColumns(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  for (char c : text) {
    if (c == '`') quoted = !quoted;
    if (c == ',' && !quoted) {
      out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  out.push_back(current);
  for (std::string& s : out) {
    size_t b = s.find_first_not_of(' ');
    size_t e = s.find_last_not_of(' ');
    s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  }
  return out;
}

// Rewrites one stderr line with the scan's progress, at most a few times a second.
class ProgressLine {
 public:
  void Update(const ScanProgress& p) {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    std::string files = std::to_string(p.files_done) + "/" + std::to_string(p.files_planned) +
                        (p.planning_done ? "" : "+");
    std::fprintf(stderr, "\r\033[Kscanning: %s files, %lld rows", files.c_str(),
                 static_cast<long long>(p.rows_output));
    std::fflush(stderr);
    shown_ = true;
  }
  ~ProgressLine() {
    if (shown_) {
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    }
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
};

// Writes text to a file opened for the whole command.
class FileSink {
 public:
  ~FileSink() {
    if (f_ != nullptr) std::fclose(f_);
  }
  Status Open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (f_ == nullptr) {
      std::string msg = "creating '" + path + "': " + std::strerror(errno);
      if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound(std::move(msg));
      if (errno == EACCES || errno == EPERM) return Status::PermissionDenied(std::move(msg));
      return Status::IoError(std::move(msg));
    }
    path_ = path;
    return Status::OK();
  }
  Status Write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) {
      return Status::IoError("writing '" + path_ + "' failed");
    }
    return Status::OK();
  }
  Status Close() {
    if (f_ == nullptr) return Status::OK();
    int rc = std::fclose(f_);
    f_ = nullptr;
    return rc == 0 ? Status::OK() : Status::IoError("writing '" + path_ + "' failed");
  }

 private:
  std::FILE* f_ = nullptr;
  std::string path_;
};

Status RunScan(const ScanCmdOptions& opts) {
  std::optional<TextFormat> text_format;
  if (opts.format == "table") {
    text_format = TextFormat::kTable;
  } else if (opts.format == "csv") {
    text_format = TextFormat::kCsv;
  } else if (opts.format == "jsonl") {
    text_format = TextFormat::kJsonLines;
  } else if (opts.format != "parquet") {
    return Status::InvalidArgument("--format must be table, csv, jsonl or parquet, got '" +
                                   opts.format + "'");
  }
  if (!text_format && !opts.output) {
    return Status::InvalidArgument("--format parquet needs --output FILE");
  }
  if (opts.limit && *opts.limit < 0) {
    return Status::InvalidArgument("--limit must be >= 0, got " + std::to_string(*opts.limit));
  }
  ScanOptions scan_opts;
  if (opts.columns) scan_opts.columns = SplitColumns(*opts.columns);
  if (opts.where) {
    auto parsed = ParseExpression(*opts.where);
    if (!parsed.ok()) return parsed.status().WithContext("--where");
    scan_opts.filter = std::move(*parsed);
  }
  scan_opts.limit = opts.limit;
  scan_opts.partition_pruning = !opts.no_skipping;
  scan_opts.data_skipping = !opts.no_skipping;

  // The snapshot as LoadSnapshot selects it, on an engine this command also reads data with.
  std::optional<int64_t> timestamp_ms;
  if (opts.table.timestamp) {
    DELTA_ASSIGN_OR_RETURN(timestamp_ms, ParseTimestamp(*opts.table.timestamp));
  }
  if (opts.table.version && *opts.table.version < 0) {
    return Status::InvalidArgument("--version must be >= 0, got " +
                                   std::to_string(*opts.table.version));
  }
  DELTA_ASSIGN_OR_RETURN(Table table, OpenTable(opts.table));
  std::shared_ptr<Engine> engine = table.engine();
  Result<std::shared_ptr<const Snapshot>> loaded =
      opts.table.version ? table.SnapshotAtVersion(*opts.table.version)
      : timestamp_ms     ? table.SnapshotAtTimestamp(*timestamp_ms)
                         : table.LatestSnapshot();
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snap, std::move(loaded));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(snap, scan_opts));
  if (opts.explain) return PrintPlan(*scan);

  ExecuteOptions exec;
  std::unique_ptr<ProgressLine> progress;
  if (::isatty(STDERR_FILENO) == 1) {
    progress = std::make_unique<ProgressLine>();
    exec.progress = [p = progress.get()](const ScanProgress& sp) { p->Update(sp); };
  }

  if (!text_format) {
    std::error_code ec;
    std::filesystem::path out = std::filesystem::absolute(*opts.output, ec);
    if (ec) return Status::InvalidArgument("--output '" + *opts.output + "': " + ec.message());
    DELTA_ASSIGN_OR_RETURN(int64_t rows, WriteScanToParquet(scan, engine, out.string(), exec));
    (void)rows;
    return Status::OK();
  }
  if (opts.output) {
    FileSink file;
    DELTA_RETURN_NOT_OK(file.Open(*opts.output));
    DELTA_ASSIGN_OR_RETURN(int64_t rows,
                           WriteScanAsText(
                               scan, engine, *text_format,
                               [&file](std::string_view text) { return file.Write(text); }, exec));
    (void)rows;
    return file.Close();
  }
  StdoutBuffer out;
  DELTA_ASSIGN_OR_RETURN(int64_t rows, WriteScanAsText(
                                           scan, engine, *text_format,
                                           [&out](std::string_view text) {
                                             out.Append(text);
                                             return out.MaybeFlush();
                                           },
                                           exec));
  progress.reset();  // clear the progress line before the summary
  if (*text_format == TextFormat::kTable) {
    out.Append("(" + std::to_string(rows) + (rows == 1 ? " row)\n" : " rows)\n"));
  }
  return out.Flush();
}

}  // namespace

void AddScanCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<ScanCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Rows of the table: selected columns, filtered, as text or one Parquet file");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  cmd->add_option_function<std::string>(
      "--columns", [opts](const std::string& c) { opts->columns = c; },
      "Comma-separated columns to return, in order; a.b selects field b of struct a; "
      "backquote names holding dots or commas; _file_path, _row_index, _row_id and "
      "_row_commit_version add metadata columns");
  cmd->add_option_function<std::string>(
      "--where", [opts](const std::string& w) { opts->where = w; },
      "Only rows for which this predicate is true, e.g. \"year = 2024 AND name IS NOT NULL\"");
  cmd->add_option_function<int64_t>(
      "--limit", [opts](const int64_t& n) { opts->limit = n; }, "Return at most N rows");
  cmd->add_option("--format", opts->format, "table (default), csv, jsonl or parquet");
  cmd->add_option_function<std::string>(
      "--output", [opts](const std::string& o) { opts->output = o; },
      "Write to FILE instead of stdout (required for parquet, which writes one file with the "
      "table's logical schema)");
  cmd->add_flag("--no-skipping", opts->no_skipping,
                "Read every file: no partition pruning or data skipping (results are the same)");
  cmd->add_flag("--explain", opts->explain,
                "Print the plan as JSON instead of rows: output columns, the bound filter, file "
                "counts (total, pruned by partition values, skipped by stats, selected) and the "
                "selected files");
  cmd->callback([opts, action] { *action = [opts] { return RunScan(*opts); }; });
}

}  // namespace delta::cli
