// Struct statistics in checkpoints (`add.stats_parsed`, PROTOCOL.md "Checkpoints"): the read
// schema for them, and their rendering back to the JSON `stats` text, so that every AddFile
// carries its statistics the same way whichever form the checkpoint stored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "delta/schema.h"
#include "delta/status.h"
#include "protocol/arrow_schema_builder.h"
#include "protocol/arrow_view.h"

namespace delta {

/// Name of the struct statistics column inside the checkpoint's `add` struct.
inline constexpr const char* kStatsParsedColumn = "stats_parsed";

/// The Arrow format of a column of `type` in stats_parsed's minValues/maxValues ("c", "i",
/// "tdD", "tsu:UTC", "d:10,2", ...), or "" for a type without min/max statistics.
std::string MinMaxArrowFormat(const DataType& type);

/// The columns statistics describe: `schema` without `partition_columns` (matched without
/// regard to case).
StructType StatsDataColumns(const StructType& schema,
                            const std::vector<std::string>& partition_columns);

/// The read field for `add.stats_parsed` of a table with `schema` whose data columns are all
/// but `partition_columns`: numRecords (long); minValues and maxValues (structs of the leaf
/// columns that have min/max statistics — numbers, decimals, strings, dates, timestamps —
/// nested like the schema, with their types); nullCount (the same nesting over every leaf,
/// as longs); tightBounds (boolean). Fields are named by physical name
/// (delta.columnMapping.physicalName when present). Columns a file lacks read as null.
ArrowField StatsParsedField(const StructType& schema,
                            const std::vector<std::string>& partition_columns);

/// Renders rows of a decoded `stats_parsed` struct column as the protocol's JSON statistics:
/// {"numRecords":..,"minValues":{..},"maxValues":{..},"nullCount":{..},"tightBounds":..}.
/// Null values are left out; dates are "yyyy-mm-dd"; timestamps ISO-8601 ("...T...Z" for
/// zoned ones, no zone for zone-less ones); decimals exact; non-finite floats as "NaN",
/// "Infinity", "-Infinity"; columns of types statistics do not use are skipped.
class StatsParsedRenderer {
 public:
  StatsParsedRenderer();
  ~StatsParsedRenderer();
  StatsParsedRenderer(StatsParsedRenderer&&) noexcept;
  StatsParsedRenderer& operator=(StatsParsedRenderer&&) noexcept;

  /// Prepares the views of one batch's `stats_parsed` column (a struct). InvalidTable naming
  /// the column when it is not a struct.
  static Result<StatsParsedRenderer> Make(const ArrayView& stats_parsed);

  /// True when row `i` holds statistics (the struct is not null).
  bool HasStats(int64_t i) const;
  /// Replaces *out with the JSON statistics of row `i`. Precondition: HasStats(i).
  void Render(int64_t i, std::string* out) const;

 private:
  struct Node;
  std::vector<Node> nodes_;  // top-level fields of stats_parsed
  ArrayView root_;
};

}  // namespace delta
