// Writing rows out, shared by the commands that return table rows (scan, changes): the
// --columns list, the --format/--output choice, a progress line, and the writers.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/status.h"
#include "progress.h"
#include "text_output.h"

namespace delta::cli {

/// The options of a row-returning command.
struct RowOutputArgs {
  std::optional<std::string> columns;
  std::optional<std::string> where;
  std::optional<int64_t> limit;
  std::string format = "table";
  std::optional<std::string> output;
  ProgressMode progress = ProgressMode::kAuto;  ///< --progress / --no-progress
};

/// Adds --columns (with `columns_help`), --where, --limit, --format, --output, --progress and
/// --no-progress to `cmd`.
void AddRowOutputOptions(CLI::App* cmd, RowOutputArgs* args, const std::string& columns_help);

/// Splits "a,b.c,`x,y`" at commas outside backquotes, trimming spaces.
std::vector<std::string> SplitColumns(const std::string& text);

/// Checks --format/--output/--limit and parses --columns and --where.
struct ParsedRowOutput {
  std::optional<TextFormat> text_format;  ///< nullopt = parquet
  std::optional<std::vector<std::string>> columns;
  ExprPtr filter;
};
Result<ParsedRowOutput> ParseRowOutput(const RowOutputArgs& args);

/// Runs `scan` (a table scan, or a change data feed's scan) and writes its rows to --output or
/// stdout in the parsed format, with a row count after a text table. `progress` (created when
/// the command starts, so it also covers opening the table) follows the read and is finished.
Status WriteRows(const RowOutputArgs& args, const ParsedRowOutput& parsed,
                 const std::shared_ptr<const Scan>& scan, const std::shared_ptr<Engine>& engine,
                 ProgressLine& progress);

}  // namespace delta::cli
