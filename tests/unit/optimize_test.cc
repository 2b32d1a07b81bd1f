// Optimize through the public API with the default engine on local disk: bin-packing per
// partition, the partition predicate, no-op runs, deletion vectors, concurrent writers, the
// commit Spark would write, and Z-order's effect on data skipping.
#include "delta/optimize.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "delta/write_table.h"
#include "support/arrow_stream.h"
#include "support/id_part_table.h"
#include "support/scan_files.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::CommitText;
using test::Engine1;
using test::FilesSelected;
using test::Latest;
using test::Rows;
using test::TotalBytes;

// One batch of (x long, y long, part string).
ArrowArrayStream Stream(const std::vector<int64_t>& xs, const std::vector<int64_t>& ys,
                        const std::vector<std::string>& parts) {
  arrow::Int64Builder xb, yb;
  arrow::StringBuilder pb;
  EXPECT_TRUE(xb.AppendValues(xs).ok());
  EXPECT_TRUE(yb.AppendValues(ys).ok());
  EXPECT_TRUE(pb.AppendValues(parts).ok());
  auto schema = arrow::schema({arrow::field("x", arrow::int64()), arrow::field("y", arrow::int64()),
                               arrow::field("part", arrow::utf8())});
  auto batch = arrow::RecordBatch::Make(schema, static_cast<int64_t>(xs.size()),
                                        {*xb.Finish(), *yb.Finish(), *pb.Finish()});
  auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream out{};
  EXPECT_TRUE(arrow::ExportRecordBatchReader(reader, &out).ok());
  return out;
}

void Append(const std::string& root, const std::shared_ptr<Engine>& engine,
            const std::vector<int64_t>& xs, const std::vector<int64_t>& ys,
            const std::vector<std::string>& parts, std::vector<std::string> partition_by = {"part"},
            std::map<std::string, std::string> properties = {}) {
  WriteOptions o;
  o.mode = SaveMode::kAppend;
  o.partition_by = std::move(partition_by);
  o.properties = std::move(properties);
  ArrowArrayStream s = Stream(xs, ys, parts);
  auto r = WriteTable(root, engine, &s, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

// operationMetrics entries are written as JSON strings, as Spark writes them.
std::string Metric(const std::string& name, const std::string& value) {
  return "\"" + name + "\":\"" + value + "\"";
}

// Three appends of two partitions: six small files, rows 0..5.
void SixSmallFiles(const std::string& root, const std::shared_ptr<Engine>& engine) {
  Append(root, engine, {0, 1}, {10, 11}, {"a", "b"});
  Append(root, engine, {2, 3}, {12, 13}, {"a", "b"});
  Append(root, engine, {4, 5}, {14, 15}, {"a", "b"});
}

TEST(Optimize, CompactsEachPartitionIntoOneFileKeepingEveryRow) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  const std::vector<std::string> before = Rows(dir.path(), engine);
  ASSERT_EQ(before.size(), 6u);
  std::vector<OptimizeProgress> seen;
  OptimizeOptions o;
  o.progress = [&](const OptimizeProgress& p) { seen.push_back(p); };
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_considered, 6);
  EXPECT_EQ(r->files_removed, 6);
  EXPECT_EQ(r->files_added, 2);
  EXPECT_EQ(r->bins, 2);
  EXPECT_EQ(r->partitions_optimized, 2);
  EXPECT_EQ(r->rows_written, 6);
  EXPECT_EQ(r->deletion_vectors_removed, 0);
  ASSERT_TRUE(r->commit.has_value());
  EXPECT_EQ(r->commit->version, 3);
  EXPECT_EQ(Rows(dir.path(), engine), before);

  auto snap = Latest(dir.path(), engine);
  ASSERT_EQ(snap->files().size(), 2u);
  int64_t added_bytes = 0;
  for (const AddFile& f : snap->files()) {
    EXPECT_FALSE(f.data_change);
    EXPECT_EQ(f.NumRecords(), 3);
    added_bytes += f.size;
  }
  EXPECT_EQ(r->bytes_added, added_bytes);
  const CommitInfo& ci = *snap->commit_info();
  EXPECT_EQ(ci.operation, "OPTIMIZE");
  EXPECT_EQ(ci.operation_parameters.at("predicate"), "[]");
  EXPECT_EQ(ci.operation_parameters.at("zOrderBy"), "[]");
  EXPECT_EQ(ci.operation_parameters.at("auto"), "false");
  const std::string text = CommitText(dir.path(), 3);
  EXPECT_NE(text.find(Metric("numAddedFiles", "2")), std::string::npos) << text;
  EXPECT_NE(text.find(Metric("numRemovedFiles", "6")), std::string::npos);
  EXPECT_NE(text.find(Metric("numAddedBytes", std::to_string(added_bytes))), std::string::npos);
  EXPECT_NE(text.find(Metric("numRemovedBytes", std::to_string(r->bytes_removed))),
            std::string::npos);
  EXPECT_NE(text.find(Metric("numDeletionVectorsRemoved", "0")), std::string::npos);
  EXPECT_NE(text.find("\"p50FileSize\":"), std::string::npos);

  // Every remove says dataChange=false.
  size_t removes = 0;
  for (size_t at = text.find("{\"remove\""); at != std::string::npos;
       at = text.find("{\"remove\"", at + 1)) {
    ++removes;
    const size_t end = text.find('\n', at);
    EXPECT_NE(text.substr(at, end - at).find("\"dataChange\":false"), std::string::npos);
  }
  EXPECT_EQ(removes, 6u);

  // Progress: planned, each bin, committing.
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].bins_total, 2);
  EXPECT_EQ(seen[0].files_total, 6);
  EXPECT_EQ(seen[0].bins_done, 0);
  EXPECT_EQ(seen[2].bins_done, 2);
  EXPECT_EQ(seen[2].files_done, 6);
  EXPECT_FALSE(seen[2].committing);
  EXPECT_TRUE(seen[3].committing);

  // Nothing left to compact: no commit.
  auto again = Optimize(dir.path(), engine, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->files_considered, 2);
  EXPECT_EQ(again->files_removed, 0);
  EXPECT_FALSE(again->commit.has_value());
  EXPECT_EQ(Latest(dir.path(), engine)->version(), 3);
}

TEST(Optimize, PredicateSelectsPartitionsAndNamesNonPartitionColumns) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  const std::vector<std::string> before = Rows(dir.path(), engine);
  OptimizeOptions o;
  o.predicate = "part = 'a'";
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_considered, 3);
  EXPECT_EQ(r->files_removed, 3);
  EXPECT_EQ(r->files_added, 1);
  EXPECT_EQ(r->partitions_optimized, 1);
  EXPECT_EQ(Latest(dir.path(), engine)->files().size(), 4u);
  EXPECT_EQ(Latest(dir.path(), engine)->commit_info()->operation_parameters.at("predicate"),
            R"(["part = 'a'"])");
  EXPECT_EQ(Rows(dir.path(), engine), before);

  o.predicate = "part = 'b' AND x > 1";
  auto bad = Optimize(dir.path(), engine, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("names column 'x', which is not a partition column"),
            std::string::npos)
      << bad.status().ToString();
  o.predicate = "nope = 1";
  EXPECT_EQ(Optimize(dir.path(), engine, o).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Latest(dir.path(), engine)->version(), 3);
}

TEST(Optimize, BinsRespectTargetAndMinimumSizes) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  auto snap = Latest(dir.path(), engine);
  int64_t largest = 0;
  for (const AddFile& f : snap->files()) largest = std::max(largest, f.size);
  // A target below two files' size: every bin would hold one file, so nothing is rewritten.
  OptimizeOptions o;
  o.target_size = largest + 1;
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_considered, 6);
  EXPECT_EQ(r->bins, 0);
  EXPECT_FALSE(r->commit.has_value());
  // Files at least min_file_size are left alone.
  OptimizeOptions big;
  big.min_file_size = 1;
  r = Optimize(dir.path(), engine, big);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->bins, 0);
  OptimizeOptions zero;
  zero.target_size = 0;
  EXPECT_EQ(Optimize(dir.path(), engine, zero).status().code(), StatusCode::kInvalidArgument);
}

TEST(Optimize, DeletedRowsStayDeleted) {
  const std::filesystem::path source = "/work/shared/conformance/tables/with-short-dv";
  if (!std::filesystem::exists(source)) GTEST_SKIP() << "no conformance table " << source;
  test::TempDir dir;
  std::filesystem::copy(
      source, dir.path(),
      std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  auto engine = Engine1();
  const std::vector<std::string> before = Rows(dir.path(), engine);
  auto snap = Latest(dir.path(), engine);
  ASSERT_EQ(snap->files().size(), 2u);
  int64_t deleted = 0;
  for (const AddFile& f : snap->files()) {
    if (f.deletion_vector) deleted += f.deletion_vector->cardinality;
  }
  EXPECT_EQ(before.size(), static_cast<size_t>(10 - deleted));
  auto r = Optimize(dir.path(), engine, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_removed, 2);
  EXPECT_EQ(r->files_added, 1);
  EXPECT_EQ(r->deletion_vectors_removed, 1);
  EXPECT_EQ(r->rows_written, 10 - deleted);
  EXPECT_EQ(Rows(dir.path(), engine), before);
  auto after = Latest(dir.path(), engine);
  ASSERT_EQ(after->files().size(), 1u);
  EXPECT_EQ(after->files()[0].deletion_vector, nullptr);
  const std::string text = CommitText(dir.path(), after->version());
  EXPECT_NE(text.find(Metric("numDeletionVectorsRemoved", "1")), std::string::npos) << text;
  EXPECT_NE(text.find(Metric("numDeletionVectorRowsRemoved", std::to_string(deleted))),
            std::string::npos);
}

TEST(Optimize, ConcurrentAppendDoesNotConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  auto read = Latest(dir.path(), engine);        // Optimize plans on version 2
  Append(dir.path(), engine, {6}, {16}, {"a"});  // version 3 lands first
  auto r = Optimize(read, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->commit.has_value());
  EXPECT_EQ(r->commit->version, 4);
  EXPECT_EQ(r->commit->rebased_over, std::vector<int64_t>{3});
  EXPECT_EQ(Rows(dir.path(), engine).size(), 7u);
  EXPECT_EQ(Latest(dir.path(), engine)->files().size(), 3u);  // two compacted + the append
}

// The race in its real window: another writer commits after the bins are written, just before
// Optimize commits (from its progress callback).
TEST(Optimize, WritersRacingTheCommitAppendFreelyButCannotDeleteARewrittenFile) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  OptimizeOptions o;
  o.progress = [&](const OptimizeProgress& p) {
    if (p.committing) Append(dir.path(), engine, {6}, {16}, {"b"});
  };
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit->version, 4);
  EXPECT_EQ(r->commit->rebased_over, std::vector<int64_t>{3});
  EXPECT_EQ(Rows(dir.path(), engine).size(), 7u);

  // Another table of six small files: a delete of one of them lands in the window.
  test::TempDir other;
  SixSmallFiles(other.path(), engine);
  std::string deleted;
  o.progress = [&](const OptimizeProgress& p) {
    if (!p.committing) return;
    auto snap = Latest(other.path(), engine);
    auto txn = *Transaction::Begin(snap);
    deleted = std::string(snap->files()[0].path);
    ASSERT_TRUE(txn->RemoveLiveFile(snap->files()[0]).ok());
    ASSERT_TRUE(txn->Commit().ok());
  };
  auto lost = Optimize(other.path(), engine, o);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteRead)
      << lost.status().ToString();
  EXPECT_EQ(lost.status().detail()->version, 3);
  EXPECT_EQ(lost.status().detail()->subject, deleted);
  EXPECT_EQ(Latest(other.path(), engine)->version(), 3);
  EXPECT_EQ(Rows(other.path(), engine).size(), 5u);
}

TEST(Optimize, AppendOnlyTablesCanBeCompacted) {
  test::TempDir dir;
  auto engine = Engine1();
  Append(dir.path(), engine, {0, 1}, {10, 11}, {"a", "a"}, {"part"},
         {{"delta.appendOnly", "true"}});
  Append(dir.path(), engine, {2}, {12}, {"a"});
  auto r = Optimize(dir.path(), engine, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_removed, 2);
  EXPECT_EQ(Rows(dir.path(), engine).size(), 3u);
}

TEST(Optimize, ConcurrentDeleteOfACompactedFileConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  SixSmallFiles(dir.path(), engine);
  auto read = Latest(dir.path(), engine);
  {
    auto txn = *Transaction::Begin(read);
    txn->SetOperation("DELETE", {{"predicate", "[]"}});
    ASSERT_TRUE(txn->RemoveLiveFile(read->files()[0]).ok());
    auto c = txn->Commit();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->version, 3);
  }
  auto r = Optimize(read, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteRead)
      << r.status().ToString();
  EXPECT_EQ(r.status().detail()->version, 3);
  EXPECT_EQ(Latest(dir.path(), engine)->version(), 3);
  EXPECT_EQ(Rows(dir.path(), engine).size(), 5u);
}

TEST(Optimize, RefusesBadZOrderColumns) {
  auto engine = Engine1();
  test::TempDir plain;
  SixSmallFiles(plain.path(), engine);
  OptimizeOptions o;
  o.z_order = {"part"};
  auto part = Optimize(plain.path(), engine, o);
  EXPECT_EQ(part.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(part.status().message().find("'part' is a partition column"), std::string::npos)
      << part.status().ToString();
  o.z_order = {"missing"};
  auto missing = Optimize(plain.path(), engine, o);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("'missing'"), std::string::npos);
}

TEST(Optimize, ColumnMappingTablesKeepTheirPhysicalNames) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::map<std::string, std::string> props = {{"delta.columnMapping.mode", "name"}};
  Append(dir.path(), engine, {0, 1}, {10, 11}, {"a", "b"}, {"part"}, props);
  Append(dir.path(), engine, {2, 3}, {12, 13}, {"a", "b"}, {"part"});
  const std::vector<std::string> before = Rows(dir.path(), engine);
  auto r = Optimize(dir.path(), engine, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_added, 2);
  EXPECT_EQ(Rows(dir.path(), engine), before);
  auto after = Latest(dir.path(), engine);
  for (const AddFile& f : after->files()) {
    // Partition folders and values are keyed by the physical name.
    ASSERT_EQ(f.partition_values.size(), 1u);
    EXPECT_EQ(std::string(f.partition_values[0].column).rfind("col-", 0), 0u);
  }
}

// A 32 x 32 grid written in x order (each file holds 4 values of x and every y); after a
// Z-order by (x, y) a filter on y, the second column, selects far fewer files.
TEST(Optimize, ZOrderImprovesSkippingOnTheSecondColumn) {
  test::TempDir dir;
  auto engine = Engine1();
  for (int64_t f = 0; f < 8; ++f) {
    std::vector<int64_t> xs, ys;
    std::vector<std::string> parts;
    for (int64_t x = 4 * f; x < 4 * f + 4; ++x) {
      for (int64_t y = 0; y < 32; ++y) {
        xs.push_back(x);
        ys.push_back(y);
        parts.push_back("p");
      }
    }
    Append(dir.path(), engine, xs, ys, parts, {});
  }
  const std::vector<std::string> before = Rows(dir.path(), engine);
  ASSERT_EQ(before.size(), 1024u);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "y < 4"), 8);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "x < 4"), 1);

  OptimizeOptions o;
  o.z_order = {"x", "y"};
  o.target_size = TotalBytes(dir.path(), engine) / 4;
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_removed, 8);
  // About a quarter of the bytes per file: four files, one per quadrant of the grid.
  EXPECT_EQ(r->files_added, 4);
  EXPECT_EQ(Rows(dir.path(), engine), before);
  EXPECT_EQ(Latest(dir.path(), engine)->commit_info()->operation_parameters.at("zOrderBy"),
            R"(["x","y"])");
  // Before, no file could be skipped for y < 4 (8 of 8 read); now half of them are.
  EXPECT_EQ(FilesSelected(dir.path(), engine, "y < 4"), 2);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "x < 4"), 2);
}

}  // namespace
}  // namespace delta
