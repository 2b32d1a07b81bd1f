// Writing rows out, shared by the commands that return table rows (scan, changes): the
// --columns list, the --format/--output choice, a progress line, and the writers.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/expression.h"
#include "delta/scan_execution.h"
#include "delta/status.h"

namespace delta::cli {

/// The options of a row-returning command.
struct RowOutputArgs {
  std::optional<std::string> columns;
  std::optional<std::string> where;
  std::optional<int64_t> limit;
  std::string format = "table";
  std::optional<std::string> output;
};

/// Adds --columns (with `columns_help`), --where, --limit, --format and --output to `cmd`.
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

/// How a command writes its rows: as text through a sink, or as one Parquet file.
struct RowWriters {
  std::function<Result<int64_t>(TextFormat, const std::function<Status(std::string_view)>&,
                                const ExecuteOptions&)>
      text;
  std::function<Result<int64_t>(const std::string& location, const ExecuteOptions&)> parquet;
};

/// Writes the rows to --output or stdout in the parsed format, with a progress line on a
/// terminal (labelled `verb`) and a row count after a text table.
Status WriteRows(const RowOutputArgs& args, const ParsedRowOutput& parsed,
                 const RowWriters& writers, const char* verb);

}  // namespace delta::cli
