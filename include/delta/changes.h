// The change data feed: the rows a range of commits inserted, deleted or updated (PROTOCOL.md,
// "Change Data Files" and "Add CDC File").
//
//   ChangesOptions opts;
//   opts.start_version = 3;
//   opts.columns = {"id", "_change_type"};
//   DELTA_ASSIGN_OR_RETURN(auto changes, ChangesScan::Make(table, opts));
//   DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle rows, ExecuteChanges(changes));
//
// Executing the changes (reading the files into Arrow) is declared with the scan's execution,
// in scan_execution.h.
//
// Each row is a table row plus three columns at the end:
//   _change_type       string: insert, delete, update_preimage or update_postimage
//   _commit_version    long: the version of the commit that made the change
//   _commit_timestamp  timestamp: that commit's timestamp (in-commit timestamp when enabled,
//                      else the commit file's modification time)
// A commit with change data files (cdc actions) contributes exactly their rows; any other
// commit contributes its added files' rows as inserts and its removed files' rows as deletes
// (dataChange=true only), where a file removed and re-added in one commit with a different
// deletion vector contributes just the rows whose deletion changed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/table.h"

namespace delta {

/// Names of the columns the change data feed adds.
inline constexpr std::string_view kChangeTypeColumn = "_change_type";
inline constexpr std::string_view kCommitVersionColumn = "_commit_version";
inline constexpr std::string_view kCommitTimestampColumn = "_commit_timestamp";
/// The folder under the table root that holds change data files.
inline constexpr std::string_view kChangeDataDir = "_change_data";

/// Which commits and what of their rows to read.
struct ChangesOptions {
  /// First commit (inclusive): give exactly one of these. A timestamp (ms since the epoch)
  /// selects the first commit at or after it.
  std::optional<int64_t> start_version;
  std::optional<int64_t> start_timestamp_ms;
  /// Last commit (inclusive): at most one of these; neither = the latest version. A timestamp
  /// selects the last commit at or before it.
  std::optional<int64_t> end_version;
  std::optional<int64_t> end_timestamp_ms;
  /// Columns to return, as ScanOptions::columns; the three change columns may be named too.
  /// nullopt = every table column, then the three change columns.
  std::optional<std::vector<std::string>> columns;
  /// Rows to return: only those for which this is TRUE; may use the change columns.
  ExprPtr filter;
  /// Return at most this many rows. nullopt = all.
  std::optional<int64_t> limit;
};

/// A planned read of a table's change data feed over a range of versions. Immutable and
/// thread-safe.
class ChangesScan {
 public:
  /// Resolves the range (InvalidArgument when start > end or a bound is negative; NotFound
  /// when the start is after the latest version or a timestamp matches no commit), reads the
  /// range's commits, and checks that they can be read as changes: Unsupported, naming the
  /// version, when delta.enableChangeDataFeed is not true at the start or at any metadata
  /// change in the range, or when the schema changes other than by adding nullable columns.
  /// The rows have the end version's schema.
  static Result<std::shared_ptr<const ChangesScan>> Make(const Table& table,
                                                         ChangesOptions options);

  int64_t start_version() const { return start_version_; }
  int64_t end_version() const { return end_version_; }
  /// The rows' logical schema: the selected columns, change columns included.
  const std::shared_ptr<const StructType>& output_schema() const;
  /// output_schema() as an Arrow C schema.
  Result<ArrowSchemaHandle> OutputArrowSchema() const;

  /// The files read, in commit order: added, removed and change data files. Each carries its
  /// table partition values and, in `partition_values`, "_commit_version",
  /// "_commit_timestamp" and (except for change data files, whose rows hold it) "_change_type".
  /// `selected_rows` is set where only the rows a deletion vector change touched count.
  Result<std::vector<ScanFile>> Files() const;

  /// Internal: the scan that reads the change files (its snapshot carries the end version's
  /// protocol and metadata, not its files). ExecuteChanges and friends run it.
  const std::shared_ptr<const Scan>& scan() const { return scan_; }

  /// Internal: built by Make().
  ChangesScan(int64_t start_version, int64_t end_version, std::shared_ptr<const Scan> scan);

 private:
  int64_t start_version_ = 0;
  int64_t end_version_ = 0;
  std::shared_ptr<const Scan> scan_;
};

}  // namespace delta
