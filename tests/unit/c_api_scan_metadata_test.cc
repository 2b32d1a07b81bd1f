// delta_scan_metadata: the scan's plan as an Arrow C stream whose selected rows are exactly the
// files delta_scan_files returns.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <algorithm>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/conformance_tables.h"

namespace {

using namespace delta::test::c;
using Builder = Owned<delta_scan_builder, delta_scan_builder_free>;
using Scan = Owned<delta_scan, delta_scan_free>;
using FileIter = Owned<delta_scan_file_iter, delta_scan_file_iter_free>;
using File = Owned<delta_scan_file, delta_scan_file_free>;

Snapshot Latest(const std::string& name) {
  std::string path = delta::test::ExtractedTablePath(name);
  EXPECT_FALSE(path.empty()) << name;
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(nullptr, nullptr, 0, &err));
  EXPECT_NE(engine, nullptr) << Describe(err);
  Table table(delta_table_open(path.c_str(), engine.get(), &err));
  EXPECT_NE(table, nullptr) << Describe(err);
  Snapshot snap(delta_table_latest_snapshot(table.get(), &err));
  EXPECT_NE(snap, nullptr) << Describe(err);
  delta_error_free(err);
  return snap;
}

Scan BuildScan(const delta_snapshot* snap, const char* predicate) {
  Builder b(delta_scan_builder_new(snap));
  delta_error* err = nullptr;
  if (predicate != nullptr) {
    EXPECT_EQ(delta_scan_builder_set_predicate_text(b.get(), predicate, &err), DELTA_OK)
        << Describe(err);
  }
  Scan scan(delta_scan_builder_build(b.get(), &err));
  EXPECT_NE(scan, nullptr) << Describe(err);
  delta_error_free(err);
  return scan;
}

// "path letter" of the files delta_scan_files selects, sorted.
std::vector<std::string> FromFileIterator(const delta_scan* scan) {
  delta_error* err = nullptr;
  FileIter iter(delta_scan_files(scan, &err));
  EXPECT_NE(iter, nullptr) << Describe(err);
  std::vector<std::string> out;
  for (;;) {
    delta_scan_file* raw = nullptr;
    EXPECT_EQ(delta_scan_file_iter_next(iter.get(), &raw, &err), DELTA_OK) << Describe(err);
    if (raw == nullptr) break;
    File f(raw);
    const char* letter = delta_scan_file_partition_value_of(f.get(), "letter");
    out.push_back(std::string(delta_scan_file_path(f.get())) + " " + (letter ? letter : "null"));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Planned {
  std::vector<std::string> selected;  // "path letter", sorted
  int64_t rows = 0;
};

Planned FromMetadata(const delta_scan* scan) {
  struct ArrowArrayStream stream;
  delta_error* err = nullptr;
  EXPECT_EQ(delta_scan_metadata(scan, &stream, &err), DELTA_OK) << Describe(err);
  delta_error_free(err);
  auto reader = arrow::ImportRecordBatchReader(&stream);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  auto table = (*reader)->ToTable();
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto batch = (*table)->CombineChunksToBatch();
  EXPECT_TRUE(batch.ok());
  const auto& path = static_cast<const arrow::StringArray&>(*(*batch)->GetColumnByName("path"));
  const auto& parts =
      static_cast<const arrow::StructArray&>(*(*batch)->GetColumnByName("partitionValues"));
  const auto& letter = static_cast<const arrow::StringArray&>(*parts.GetFieldByName("letter"));
  const auto& selected =
      static_cast<const arrow::BooleanArray&>(*(*batch)->GetColumnByName("selected"));
  Planned out;
  out.rows = (*batch)->num_rows();
  for (int64_t i = 0; i < out.rows; ++i) {
    if (!selected.Value(i)) continue;
    out.selected.push_back(path.GetString(i) + " " +
                           (letter.IsNull(i) ? "null" : letter.GetString(i)));
  }
  std::sort(out.selected.begin(), out.selected.end());
  return out;
}

TEST(CApiScanMetadataTest, SelectedRowsAreTheScanFiles) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  for (const char* predicate :
       {static_cast<const char*>(nullptr), "letter = 'a'", "letter IS NULL"}) {
    SCOPED_TRACE(predicate ? predicate : "no predicate");
    Scan scan = BuildScan(snap.get(), predicate);
    ASSERT_NE(scan, nullptr);
    Planned planned = FromMetadata(scan.get());
    EXPECT_EQ(planned.rows, 6);  // every live file is a row
    EXPECT_EQ(planned.selected, FromFileIterator(scan.get()));
  }
  Scan a = BuildScan(snap.get(), "letter = 'a'");
  EXPECT_EQ(FromMetadata(a.get()).selected.size(), 2u);
}

TEST(CApiScanMetadataTest, StreamOutlivesTheScanAndNullArguments) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get(), nullptr);
  struct ArrowArrayStream stream;
  delta_error* err = nullptr;
  ASSERT_EQ(delta_scan_metadata(scan.get(), &stream, &err), DELTA_OK) << Describe(err);
  scan.reset();
  snap.reset();
  auto reader = arrow::ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok());
  auto table = (*reader)->ToTable();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->num_rows(), 6);

  EXPECT_EQ(delta_scan_metadata(nullptr, &stream, &err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(delta_error_message(err), "delta_scan_metadata: scan is NULL");
  delta_error_free(err);
}

}  // namespace
