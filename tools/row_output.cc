#include "row_output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>

#include "int_option.h"
#include "output.h"
#include "text_output.h"

namespace delta::cli {
namespace {

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

}  // namespace

void AddRowOutputOptions(CLI::App* cmd, RowOutputArgs* args, const std::string& columns_help) {
  cmd->add_option_function<std::string>(
      "--columns", [args](const std::string& c) { args->columns = c; }, columns_help);
  cmd->add_option_function<std::string>(
      "--where", [args](const std::string& w) { args->where = w; },
      "Only rows for which this predicate is true, e.g. \"year = 2024 AND name IS NOT NULL\"");
  AddIntOption(cmd, "--limit", &args->limit, 0, kMaxInt64, "Return at most N rows");
  cmd->add_option("--format", args->format, "table (default), csv, jsonl or parquet");
  cmd->add_option_function<std::string>(
      "--output", [args](const std::string& o) { args->output = o; },
      "Write to FILE instead of stdout (required for parquet, which writes one file with the "
      "table's logical schema)");
  CLI::Option* on = cmd->add_flag_callback(
      "--progress", [args] { args->progress = ProgressMode::kOn; },
      "Show progress (files and rows done) on stderr even when it is not a terminal: a line "
      "every few seconds and one at the end. The default shows it on a terminal only");
  CLI::Option* off = cmd->add_flag_callback(
      "--no-progress", [args] { args->progress = ProgressMode::kOff; },
      "Never show progress on stderr");
  on->excludes(off);
  off->excludes(on);
}

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

Result<ParsedRowOutput> ParseRowOutput(const RowOutputArgs& args) {
  ParsedRowOutput out;
  if (args.format == "table") {
    out.text_format = TextFormat::kTable;
  } else if (args.format == "csv") {
    out.text_format = TextFormat::kCsv;
  } else if (args.format == "jsonl") {
    out.text_format = TextFormat::kJsonLines;
  } else if (args.format != "parquet") {
    return Status::InvalidArgument("--format must be table, csv, jsonl or parquet, got '" +
                                   args.format + "'");
  }
  if (!out.text_format && !args.output) {
    return Status::InvalidArgument("--format parquet needs --output FILE");
  }
  if (args.columns) out.columns = SplitColumns(*args.columns);
  if (args.where) {
    auto parsed = ParseExpression(*args.where);
    if (!parsed.ok()) return parsed.status().WithContext("--where");
    out.filter = std::move(*parsed);
  }
  return out;
}

namespace {

Status WriteRowsTo(const RowOutputArgs& args, const ParsedRowOutput& parsed,
                   const std::shared_ptr<const Scan>& scan, const std::shared_ptr<Engine>& engine,
                   ProgressLine& progress) {
  ExecuteOptions exec;
  if (progress.enabled()) {
    exec.progress = [&progress](const ScanProgress& sp) { progress.Update(sp); };
  }

  if (!parsed.text_format) {
    std::error_code ec;
    std::filesystem::path out = std::filesystem::absolute(*args.output, ec);
    if (ec) return Status::InvalidArgument("--output '" + *args.output + "': " + ec.message());
    return WriteScanToParquet(scan, engine, out.string(), exec).status();
  }
  auto write_text = [&](const std::function<Status(std::string_view)>& sink) {
    return WriteScanAsText(scan, engine, *parsed.text_format, sink, exec);
  };
  if (args.output) {
    FileSink file;
    DELTA_RETURN_NOT_OK(file.Open(*args.output));
    DELTA_RETURN_NOT_OK(
        write_text([&file](std::string_view text) { return file.Write(text); }).status());
    return file.Close();
  }
  StdoutBuffer out;
  if (progress.enabled()) out.set_write_guard([&progress] { return progress.Pause(); });
  DELTA_ASSIGN_OR_RETURN(int64_t rows, write_text([&out](std::string_view text) {
                           out.Append(text);
                           return out.MaybeFlush();
                         }));
  if (*parsed.text_format == TextFormat::kTable) {
    out.Append("(" + std::to_string(rows) + (rows == 1 ? " row)\n" : " rows)\n"));
  }
  return out.Flush();
}

}  // namespace

Status WriteRows(const RowOutputArgs& args, const ParsedRowOutput& parsed,
                 const std::shared_ptr<const Scan>& scan, const std::shared_ptr<Engine>& engine,
                 ProgressLine& progress) {
  Status st = WriteRowsTo(args, parsed, scan, engine, progress);
  progress.Finish(st.ok());
  return st;
}

}  // namespace delta::cli
