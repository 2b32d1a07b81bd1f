// Per-file column statistics (PROTOCOL.md, "Per-file Statistics"), parsed from an add action's
// JSON `stats` for just the columns a predicate needs, typed by the table schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/expression.h"
#include "delta/literal.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// A leaf column read from statistics: its physical name path (the stats use physical names)
/// and its type in the table schema.
struct StatsColumn {
  std::vector<std::string> physical_path;
  DataTypePtr type;
};

/// The leaf columns to read from statistics. Built once per scan, shared by every file.
class StatsColumns {
 public:
  StatsColumns();

  /// The primitive columns a bound predicate references (each once).
  static StatsColumns ForPredicate(const Expression& bound);

  /// Adds a primitive column (no-op when present); returns its index.
  size_t Add(std::vector<std::string> physical_path, DataTypePtr type);
  /// Index of the column with this physical path, or -1.
  int Find(const std::vector<std::string>& physical_path) const;
  const std::vector<StatsColumn>& columns() const { return columns_; }
  size_t size() const { return columns_.size(); }

  /// A name trie over the physical paths, for walking the stats JSON: node 0 is the root; a
  /// node's `leaf` is a column index or -1.
  struct Node {
    std::vector<std::pair<std::string, int>> children;  // name -> node index
    int leaf = -1;
  };
  const std::vector<Node>& nodes() const { return nodes_; }
  /// The child of `node` named `name`, or -1.
  int Child(int node, std::string_view name) const;

 private:
  std::vector<StatsColumn> columns_;
  std::vector<Node> nodes_;
};

/// What a file's statistics say about one column; absent parts are unknown.
struct ColumnStats {
  std::optional<Literal> min;
  std::optional<Literal> max;
  std::optional<int64_t> null_count;
};

/// The statistics of one file for the columns of a StatsColumns.
struct FileStats {
  std::optional<int64_t> num_records;
  /// stats.tightBounds (true when absent). When false (deletion vectors), min/max still bound
  /// the valid rows but nullCount and numRecords count deleted rows too.
  bool tight_bounds = true;
  /// Parallel to `schema->columns()`.
  std::vector<ColumnStats> columns;
  /// The columns these stats were parsed for; must outlive this object.
  const StatsColumns* schema = nullptr;

  /// The stats of the column with `physical_path`, or null when it was not requested.
  const ColumnStats* Find(const std::vector<std::string>& physical_path) const;
};

/// Parses JSON statistics for `columns`: numRecords, tightBounds, and the minValues, maxValues
/// and nullCount entries of the requested columns only (other entries are skipped unread).
/// Values are typed by the column's type: numbers for numerics (decimals exactly, rounded
/// outward when they carry more digits than the scale), strings for dates and timestamps
/// (ISO-8601, zone offsets honoured), NaN/Infinity as strings for floats. A value whose shape
/// or type does not fit its column is dropped (unknown), never guessed. Empty text gives empty
/// stats, and so does text longer than kMaxStatsBytes. InvalidTable when the text is not a
/// JSON object.
Result<FileStats> ParseFileStats(std::string_view json, const StatsColumns& columns);

/// Statistics of a file are a few bytes per column; no real table writes 64 MiB of them.
constexpr size_t kMaxStatsBytes = size_t{64} << 20;

}  // namespace delta
