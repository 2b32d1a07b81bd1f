// Comparing scans in tests: a planned file and a table of rows as comparable text.
#pragma once

#include <arrow/api.h>

#include <algorithm>
#include <string>
#include <vector>

#include "delta/scan.h"

namespace delta::test {

/// Everything a reader takes from a ScanFile, as one comparable line.
inline std::string DescribeScanFile(const ScanFile& f) {
  std::string s = f.location + " path=" + std::string(f.path) + " size=" + std::to_string(f.size) +
                  " mtime=" + std::to_string(f.modification_time) +
                  " records=" + (f.num_records ? std::to_string(*f.num_records) : "-");
  for (const auto& [name, value] : f.partition_values) s += " " + name + "=" + value.ToString();
  if (f.deletion_vector != nullptr) s += " dv=" + f.deletion_vector->UniqueId();
  if (f.base_row_id) s += " rowid=" + std::to_string(*f.base_row_id);
  if (f.default_row_commit_version) s += " rcv=" + std::to_string(*f.default_row_commit_version);
  return s;
}

/// Every row as "col=value|...", sorted; the schema as its text first.
inline std::vector<std::string> SchemaAndSortedRows(const arrow::Table& t) {
  std::vector<std::string> rows(static_cast<size_t>(t.num_rows()));
  for (int c = 0; c < t.num_columns(); ++c) {
    int64_t r = 0;
    for (const auto& chunk : t.column(c)->chunks()) {
      for (int64_t i = 0; i < chunk->length(); ++i, ++r) {
        auto scalar = chunk->GetScalar(i);
        rows[static_cast<size_t>(r)] +=
            t.field(c)->name() + "=" + (scalar.ok() ? (*scalar)->ToString() : "?") + "|";
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  rows.insert(rows.begin(), t.schema()->ToString());
  return rows;
}

}  // namespace delta::test
