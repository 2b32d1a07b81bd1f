// ChangesScan through the public C++ API on conformance tables: range resolution and its errors,
// the planned change files (cdc files, inserts, deletes, deletion-vector differences as
// selected rows), and the exact rows ExecuteChanges returns.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "delta/changes.h"
#include "delta/scan_execution.h"
#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/table.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

Table Open(const std::string& name) {
  auto engine = MakeDefaultEngine();
  EXPECT_TRUE(engine.ok());
  std::string path = test::ExtractedTablePath(name);
  EXPECT_FALSE(path.empty()) << name;
  auto table = Table::ForLocation(path, *engine);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return *table;
}

ChangesOptions From(int64_t start, std::optional<int64_t> end = std::nullopt) {
  ChangesOptions o;
  o.start_version = start;
  o.end_version = end;
  return o;
}

// (commit version, change type, value of `column`) of every row, sorted.
using Row = std::tuple<int64_t, std::string, int64_t>;
std::vector<Row> Rows(const Table& table, ChangesOptions opts, const std::string& column) {
  auto changes = ChangesScan::Make(table, std::move(opts));
  EXPECT_TRUE(changes.ok()) << changes.status().ToString();
  if (!changes.ok()) return {};
  auto stream = ExecuteChanges(*changes, table.engine());
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return {};
  auto t = test::ReadStream(*stream);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  if (!t.ok()) return {};
  auto combined = (*t)->CombineChunksToBatch();
  EXPECT_TRUE(combined.ok());
  const auto& batch = **combined;
  auto version =
      std::static_pointer_cast<arrow::Int64Array>(batch.GetColumnByName("_commit_version"));
  auto type = std::static_pointer_cast<arrow::StringArray>(batch.GetColumnByName("_change_type"));
  auto value = batch.GetColumnByName(column);
  std::vector<Row> out;
  for (int64_t i = 0; i < batch.num_rows(); ++i) {
    auto scalar = value->GetScalar(i);
    EXPECT_TRUE(scalar.ok());
    auto as_long = (*scalar)->CastTo(arrow::int64());
    EXPECT_TRUE(as_long.ok());
    out.emplace_back(version->Value(i), type->GetString(i),
                     std::static_pointer_cast<arrow::Int64Scalar>(*as_long)->value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ChangesTest, DeletionVectorChangesAreExactRows) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-table-with-dv");
  // v1: DV {0, 9} added -> deletes; v2: that DV removed -> rows 0 and 9 back as inserts;
  // v3: DV {0, 1, 4, 5}; v4: DV {0, 5} -> 1 and 4 come back.
  std::vector<Row> want = {
      {1, "delete", 0}, {1, "delete", 9}, {2, "insert", 0}, {2, "insert", 9}, {3, "delete", 0},
      {3, "delete", 1}, {3, "delete", 4}, {3, "delete", 5}, {4, "insert", 1}, {4, "insert", 4},
  };
  EXPECT_EQ(Rows(table, From(1, 4), "value"), want);
}

TEST(ChangesTest, FilesCarryChangeColumnsAndSelectedRows) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-table-with-dv");
  auto changes = ChangesScan::Make(table, From(0, 1));
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  EXPECT_EQ((*changes)->start_version(), 0);
  EXPECT_EQ((*changes)->end_version(), 1);
  auto files = (*changes)->Files();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 2u);
  const ScanFile& insert = (*files)[0];
  EXPECT_EQ(insert.partition_values.at("_change_type").string_value(), "insert");
  EXPECT_EQ(insert.partition_values.at("_commit_version"), Literal::Long(0));
  EXPECT_EQ(insert.selected_rows, nullptr);
  const ScanFile& deleted = (*files)[1];
  EXPECT_EQ(deleted.partition_values.at("_change_type").string_value(), "delete");
  EXPECT_EQ(deleted.partition_values.at("_commit_version"), Literal::Long(1));
  ASSERT_NE(deleted.selected_rows, nullptr);
  EXPECT_EQ(deleted.selected_rows->RowIndexes(), (std::vector<uint64_t>{0, 9}));
  // The output schema: the table's columns, then the three change columns.
  std::vector<std::string> names;
  for (const StructField& f : (*changes)->output_schema()->fields()) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"value", "_change_type", "_commit_version",
                                             "_commit_timestamp"}));
}

TEST(ChangesTest, CdcFilesAreACommitsChanges) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-table-update-ops");
  auto changes = ChangesScan::Make(table, From(0));
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  auto files = (*changes)->Files();
  ASSERT_TRUE(files.ok());
  // Change data files hold _change_type in their rows: it is not a constant of the file.
  // Versions 1 and 2 each have one (their other adds and removes do not count).
  std::map<int64_t, int> cdc_files;
  for (const ScanFile& f : *files) {
    if (f.partition_values.count("_change_type") == 0) {
      ++cdc_files[f.partition_values.at("_commit_version").int_value()];
    }
  }
  EXPECT_EQ(cdc_files, (std::map<int64_t, int>{{1, 2}, {2, 2}}));
  // This table's change files spell the update kinds update_pre / update_post: the values
  // are passed through as written.
  std::map<std::string, int> kinds;
  for (const Row& r : Rows(table, From(0), "id")) ++kinds[std::get<1>(r)];
  EXPECT_EQ(kinds,
            (std::map<std::string, int>{{"insert", 10}, {"update_post", 5}, {"update_pre", 5}}));
}

TEST(ChangesTest, FilterAndColumnsMayNameChangeColumns) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-table-with-dv");
  ChangesOptions o = From(0);
  o.columns = std::vector<std::string>{"_commit_version", "value", "_change_type"};
  auto filter = ParseExpression("_change_type = 'insert' AND _commit_version = 2");
  ASSERT_TRUE(filter.ok());
  o.filter = *filter;
  EXPECT_EQ(Rows(table, o, "value"), (std::vector<Row>{{2, "insert", 0}, {2, "insert", 9}}));
}

TEST(ChangesTest, RangeErrors) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-table-with-dv");
  auto kind = [&](ChangesOptions o) {
    auto r = ChangesScan::Make(table, std::move(o));
    return r.ok() ? StatusCode::kOk : r.status().code();
  };
  EXPECT_EQ(kind(From(3, 1)), StatusCode::kInvalidArgument);
  EXPECT_EQ(kind(From(-1)), StatusCode::kInvalidArgument);
  EXPECT_EQ(kind(From(99)), StatusCode::kNotFound);
  EXPECT_EQ(kind(From(0, 99)), StatusCode::kNotFound);
  EXPECT_EQ(kind(ChangesOptions{}), StatusCode::kInvalidArgument);  // no start
  ChangesOptions both = From(0);
  both.start_timestamp_ms = 0;
  EXPECT_EQ(kind(both), StatusCode::kInvalidArgument);
  ChangesOptions bad_column = From(0);
  bad_column.columns = std::vector<std::string>{"nope"};
  EXPECT_EQ(kind(bad_column), StatusCode::kInvalidArgument);
}

TEST(ChangesTest, DisabledFeedIsUnsupportedNamingTheVersion) {
  DELTA_REQUIRE_CONFORMANCE();
  Table table = Open("cdf-column-mapping-name-mode");
  auto r = ChangesScan::Make(table, From(0));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("version 0"), std::string::npos) << r.status().ToString();
  EXPECT_TRUE(ChangesScan::Make(table, From(1)).ok());
}

}  // namespace
}  // namespace delta
