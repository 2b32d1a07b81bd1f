// Synthetic column values and the per-file statistics Delta keeps about them
// (PROTOCOL.md, "Per-file Statistics").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen_model.h"
#include "gen_random.h"

namespace delta::gen {

/// One non-null value. Integers (long, int, date as days, timestamp as microseconds, decimal
/// as its unscaled value, boolean as 0/1) live in `i`, doubles in `d`, strings in `s`.
struct Value {
  int64_t i = 0;
  double d = 0;
  std::string s;
};

/// Draws a non-null value of column `c`; the row-id column yields `row_id` itself.
void DrawValue(const Column& c, int64_t row_id, Rng& rng, Value* out);

/// a < b in the column's type.
bool ValueLess(ColumnType type, const Value& a, const Value& b);

/// What the stats record about one column of one file.
struct ColumnStats {
  bool has_bounds = false;  ///< false when every value is null
  Value min;
  Value max;
  int64_t null_count = 0;

  /// Folds one value (or a null when `v` is nullptr) into the stats.
  void Update(ColumnType type, const Value* v);
};

/// Appends the stats JSON object: numRecords, minValues, maxValues (no bounds for booleans,
/// as Delta writers do), nullCount.
void AppendStatsJson(const std::vector<Column>& columns, int64_t num_records,
                     const std::vector<ColumnStats>& stats, std::string* out);

/// Plausible stats for file `index` when no data file is written (--data fake): exact for
/// the row-id column, random but consistent (min <= max, nulls <= rows) for the others.
void FakeStats(const TableModel& model, int64_t index, std::vector<ColumnStats>* out);

}  // namespace delta::gen
