// Delta file statistics (PROTOCOL.md, "Per-file Statistics") collected from the Arrow arrays
// written into one data file, in the form Delta Spark writes them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/array.h>
#include <arrow/util/decimal.h>

#include "delta/schema.h"
#include "delta/status.h"

namespace delta::engine {

/// Strings longer than this many characters are truncated in minValues and maxValues.
inline constexpr size_t kStatsStringPrefix = 32;

/// Accumulates numRecords, minValues, maxValues and nullCount over the batches of one file.
/// Only indexed columns get statistics: the first `num_indexed_cols` leaves of `fields` (-1 =
/// all; an array or map is one leaf), or, when `stats_columns` is set, the columns it names
/// (logical paths, case-insensitive; a struct takes all its leaves). Statistics are keyed by
/// physical name when `physical_names` is set. min/max are kept for numbers, dates,
/// timestamps, strings and decimals; booleans, binaries, arrays and maps get only nullCount.
class FileStatsCollector {
 public:
  FileStatsCollector(const std::vector<StructField>& fields, int32_t num_indexed_cols,
                     const std::optional<std::vector<std::vector<std::string>>>& stats_columns,
                     bool physical_names);
  ~FileStatsCollector();
  FileStatsCollector(FileStatsCollector&&) noexcept;
  FileStatsCollector& operator=(FileStatsCollector&&) noexcept;

  /// Adds a batch: `columns[i]` holds the values of `fields[i]`.
  void Add(const std::vector<std::shared_ptr<arrow::Array>>& columns, int64_t num_rows);

  /// The stats JSON: {"numRecords":..,"minValues":{..},"maxValues":{..},"nullCount":{..}}
  /// (empty objects left out), plus "tightBounds":true when asked for. Timestamps are written
  /// to the millisecond as Spark writes them ("2023-06-15T12:30:00.000Z"; no "Z" for
  /// timestamp_ntz); the minimum is rounded down and the maximum up, so both stay bounds.
  std::string ToJson(bool tight_bounds) const;

  int64_t num_records() const { return num_records_; }

  struct Node;

 private:
  std::vector<Node> nodes_;
  int64_t num_records_ = 0;
};

/// Spark's truncation of a string maximum to `prefix` characters: the prefix followed by
/// U+FFFD, which sorts after the character it replaces; when that character is itself U+FFFD
/// or above, the prefix grows (up to twice `prefix`) until it can be bumped, and nullopt (no
/// maximum) when it cannot. Strings of at most `prefix` characters are kept whole.
std::optional<std::string> TruncateMaxString(const std::string& s, size_t prefix);

/// The first `prefix` characters (code points) of `s`: a lower bound of it.
std::string TruncateMinString(const std::string& s, size_t prefix);

}  // namespace delta::engine
