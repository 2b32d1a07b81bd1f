// A small test table: rows of (id int64, part utf8[, extra int32 = id * 10]) written and read
// back through the public API with the default engine.
#pragma once

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "delta/changes.h"
#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/write_table.h"
#include "support/arrow_stream.h"

namespace delta::test {

inline std::shared_ptr<Engine> Engine1() {
  DefaultEngineOptions o;
  o.cpu_threads = 2;
  return *MakeDefaultEngine(o);
}

// A stream of one batch: id (int64) and part (utf8), plus an optional extra column.
inline ArrowArrayStream Stream(const std::vector<int64_t>& ids,
                               const std::vector<std::string>& parts,
                               const std::string& extra_name = "") {
  arrow::Int64Builder id_builder;
  arrow::StringBuilder part_builder;
  EXPECT_TRUE(id_builder.AppendValues(ids).ok());
  EXPECT_TRUE(part_builder.AppendValues(parts).ok());
  std::vector<std::shared_ptr<arrow::Field>> fields = {arrow::field("id", arrow::int64()),
                                                       arrow::field("part", arrow::utf8())};
  std::vector<std::shared_ptr<arrow::Array>> columns = {*id_builder.Finish(),
                                                        *part_builder.Finish()};
  if (!extra_name.empty()) {
    arrow::Int32Builder extra;
    for (int64_t id : ids) EXPECT_TRUE(extra.Append(static_cast<int32_t>(id * 10)).ok());
    fields.push_back(arrow::field(extra_name, arrow::int32()));
    columns.push_back(*extra.Finish());
  }
  auto schema = arrow::schema(fields);
  auto batch = arrow::RecordBatch::Make(schema, static_cast<int64_t>(ids.size()), columns);
  auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream out{};
  EXPECT_TRUE(arrow::ExportRecordBatchReader(reader, &out).ok());
  return out;
}

// Every row of the table's latest version as "id/part[/extra]", sorted.
inline std::vector<std::string> Rows(const std::string& root,
                                     const std::shared_ptr<Engine>& engine) {
  auto table = Table::ForLocation(root, engine);
  auto snapshot = table->LatestSnapshot();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  if (!snapshot.ok()) return {};
  auto scan = Scan::Make(*snapshot, {});
  auto stream = ExecuteScan(*scan, engine);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  auto t = *test::ReadStream(*stream);
  std::vector<std::string> rows;
  auto combined = *t->CombineChunksToBatch();
  for (int64_t r = 0; r < combined->num_rows(); ++r) {
    std::string row;
    for (int c = 0; c < combined->num_columns(); ++c) {
      if (c) row += "/";
      auto scalar = *combined->column(c)->GetScalar(r);
      row += scalar->is_valid ? scalar->ToString() : "null";
    }
    rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

inline int64_t LatestVersion(const std::string& root, const std::shared_ptr<Engine>& engine) {
  return (*(*Table::ForLocation(root, engine)).LatestSnapshot())->version();
}

/// Appends `ids` (all in partition value `part`) as one commit; creates the table with
/// `properties` and `partition_by` when missing.
inline void Append(const std::string& root, const std::shared_ptr<Engine>& engine,
                   const std::vector<int64_t>& ids, const std::string& part,
                   const std::map<std::string, std::string>& properties = {},
                   const std::vector<std::string>& partition_by = {}) {
  WriteOptions o;
  o.mode = SaveMode::kAppend;
  o.properties = properties;
  o.partition_by = partition_by;
  ArrowArrayStream s = Stream(ids, std::vector<std::string>(ids.size(), part));
  auto r = WriteTable(root, engine, &s, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

/// The text of commit `version` of the local table at `root`.
inline std::string CommitText(const std::string& root, int64_t version) {
  char name[32];
  std::snprintf(name, sizeof name, "%020lld.json", static_cast<long long>(version));
  std::ifstream in(root + "/_delta_log/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The latest snapshot of the table at `root`.
inline std::shared_ptr<const Snapshot> Latest(const std::string& root,
                                              const std::shared_ptr<Engine>& engine) {
  return *(*Table::ForLocation(root, engine)).LatestSnapshot();
}

/// The latest snapshot scanned with `options` as one batch (null after a failed expectation).
inline std::shared_ptr<arrow::RecordBatch> ScanBatch(const std::string& root,
                                                     const std::shared_ptr<Engine>& engine,
                                                     const ScanOptions& options) {
  auto scan = Scan::Make(Latest(root, engine), options);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  if (!scan.ok()) return nullptr;
  auto stream = ExecuteScan(*scan, engine);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return nullptr;
  return *(*test::ReadStream(*stream))->CombineChunksToBatch();
}

// The change feed from `start` as sorted "id/_change_type/_commit_version" rows.
inline std::vector<std::string> Feed(const std::string& root, const std::shared_ptr<Engine>& engine,
                                     int64_t start) {
  auto table = *Table::ForLocation(root, engine);
  ChangesOptions co;
  co.start_version = start;
  auto changes = ChangesScan::Make(table, co);
  EXPECT_TRUE(changes.ok()) << changes.status().ToString();
  auto stream = ExecuteChanges(*changes, engine);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  auto batch = *(*test::ReadStream(*stream))->CombineChunksToBatch();
  std::vector<std::string> out;
  for (int64_t r = 0; r < batch->num_rows(); ++r) {
    out.push_back((*batch->GetColumnByName("id")->GetScalar(r))->ToString() + "/" +
                  (*batch->GetColumnByName("_change_type")->GetScalar(r))->ToString() + "/" +
                  (*batch->GetColumnByName("_commit_version")->GetScalar(r))->ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace delta::test
