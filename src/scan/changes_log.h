// The commits of a change data feed range, read and checked: every commit file parsed, its
// timestamp, and the table's protocol, metadata and schema at the end of the range.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "protocol/action_batch.h"

namespace delta {

/// One commit of the range.
struct ChangeCommit {
  int64_t version = 0;
  int64_t timestamp_ms = 0;  ///< in-commit timestamp when enabled, else the file's time
  FileInfo file;
  /// The commit's actions; owns what their views point to.
  std::shared_ptr<const ActionBatch> actions;
};

/// Commits [start, end] of a table and its state at `end`.
struct ChangeRange {
  std::string table_root;
  int64_t start = 0;
  int64_t end = 0;
  Protocol protocol;                         ///< at `end`
  Metadata metadata;                         ///< at `end`
  std::shared_ptr<const StructType> schema;  ///< at `end`
  std::vector<ChangeCommit> commits;         ///< ascending, one per version
};

/// Reads commits [start, end] (validated by the caller: 0 <= start <= end <= latest) in
/// parallel and checks that the range can be read as changes: Unsupported naming the version
/// when delta.enableChangeDataFeed is not true at `start` or after any metadata change in the
/// range, or when a schema in the range cannot be read as the end schema (a column dropped,
/// renamed or retyped, a non-nullable column added, partition columns changed). NotFound when
/// a commit file of the range is missing (e.g. removed by log cleanup).
Result<ChangeRange> ReadChangeRange(Engine& engine, const std::string& table_root, int64_t start,
                                    int64_t end);

/// Empty when `older` reads as `newer` (every older column still there with the same type and
/// physical name, every added column nullable), else why not.
std::string SchemaChangeProblem(const StructType& older, const StructType& newer);

}  // namespace delta
