// WriteTable refusing rows that break a table's CHECK constraints or invariants: nothing is
// committed and the table keeps its rows.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/write_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

std::shared_ptr<Engine> LocalEngine() {
  DefaultEngineOptions o;
  o.cpu_threads = 2;
  return *MakeDefaultEngine(o);
}

// A stream of one batch with one int64 column "id".
ArrowArrayStream Ids(const std::vector<int64_t>& ids) {
  arrow::Int64Builder builder;
  EXPECT_TRUE(builder.AppendValues(ids).ok());
  auto schema = arrow::schema({arrow::field("id", arrow::int64())});
  auto batch =
      arrow::RecordBatch::Make(schema, static_cast<int64_t>(ids.size()), {*builder.Finish()});
  auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
  ArrowArrayStream out{};
  EXPECT_TRUE(arrow::ExportRecordBatchReader(reader, &out).ok());
  return out;
}

int64_t LatestVersion(const std::string& root, const std::shared_ptr<Engine>& engine) {
  return (*(*Table::ForLocation(root, engine)).LatestSnapshot())->version();
}

TEST(WriteTableConstraintsTest, CheckConstraintRefusesTheAppend) {
  test::TempDir dir;
  auto engine = LocalEngine();
  WriteOptions create;
  create.properties = {{"delta.constraints.positive_id", "id > 0"}};
  ArrowArrayStream first = Ids({1, 2});
  auto created = WriteTable(dir.path(), engine, &first, create);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);

  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream bad = Ids({3, -1});
  auto refused = WriteTable(dir.path(), engine, &bad, append);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message(),
            "CHECK constraint positive_id (id > 0) violated by row with values:\n - id : -1");
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);

  ArrowArrayStream good = Ids({3, 4});
  auto appended = WriteTable(dir.path(), engine, &good, append);
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  EXPECT_EQ(LatestVersion(dir.path(), engine), 1);
}

TEST(WriteTableConstraintsTest, InvariantRefusesTheAppend) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = ParseSchema(
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":)"
      R"({"delta.invariants":"{\"expression\":{\"expression\":\"id < 100\"}}"}}]})");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto created = CreateTable(dir.path(), engine, **schema);
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream bad = Ids({5, 100});
  auto refused = WriteTable(dir.path(), engine, &bad, append);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "CHECK constraint EXPRESSION(id < 100) (id < 100) violated by row with values:\n"
            " - id : 100");
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);
}

TEST(WriteTableConstraintsTest, UnenforceableConstraintRefusesTheWrite) {
  test::TempDir dir;
  auto engine = LocalEngine();
  WriteOptions create;
  create.properties = {{"delta.constraints.positive", "abs(id) > 0"}};  // no functions yet
  ArrowArrayStream first = Ids({2});
  auto created = WriteTable(dir.path(), engine, &first, create);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(created.status().message().find(
                "CHECK constraint positive (abs(id) > 0) cannot be enforced by this writer"),
            std::string::npos)
      << created.status().message();
}

TEST(WriteTableConstraintsTest, ArithmeticConstraintIsEnforced) {
  test::TempDir dir;
  auto engine = LocalEngine();
  WriteOptions create;
  create.properties = {{"delta.constraints.even", "id % 2 = 0"}};
  ArrowArrayStream first = Ids({2});
  auto created = WriteTable(dir.path(), engine, &first, create);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream bad = Ids({4, 7});
  auto refused = WriteTable(dir.path(), engine, &bad, append);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "CHECK constraint even (id % 2 = 0) violated by row with values:\n - id : 7");
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);
}

}  // namespace
}  // namespace delta
