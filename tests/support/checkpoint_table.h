// Helpers of the checkpoint tests (checkpoint_write_test, checkpoint_stream_test): a table of
// `id long, part string` partitioned by `part`, and its files with JSON statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "delta/transaction.h"

namespace delta::test {

inline constexpr std::string_view kIdPartSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"part","type":"string","nullable":true,"metadata":{}}]})";

/// A file of `rows` rows in partition `part`, ids 0..rows-1; size and time derived from `rows`.
inline WrittenFile IdPartFile(std::string path, std::optional<std::string> part, int64_t rows) {
  WrittenFile f;
  f.path = std::move(path);
  f.partition_values["part"] = std::move(part);
  f.size = 100 + rows;
  f.modification_time = 1000 + rows;
  f.num_records = rows;
  f.stats = R"({"numRecords":)" + std::to_string(rows) +
            R"(,"minValues":{"id":0},"maxValues":{"id":)" + std::to_string(rows - 1) +
            R"(},"nullCount":{"id":0}})";
  return f;
}

}  // namespace delta::test
