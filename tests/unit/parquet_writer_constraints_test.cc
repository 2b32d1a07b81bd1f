// The default engine's ParquetWriter enforcing write constraints: each batch checked before any
// of its rows is written, violations reported as Delta Spark words them.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "scan/scan_arrow_schema.h"
#include "txn/write_constraints.h"

namespace delta {
namespace {

std::string Field(const std::string& name, const std::string& type,
                  const std::string& metadata_json = "{}") {
  return R"({"name":")" + name + R"(","type":)" + type + R"(,"nullable":true,"metadata":)" +
         metadata_json + "}";
}

class ConstraintWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mem_ = std::make_shared<MemoryFileSystem>();
    auto engine = MakeDefaultEngine(mem_, DefaultEngineOptions{});
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = *engine;
  }

  // Sets the table: its schema fields and configuration; collects its constraints.
  void Table(const std::string& fields, std::map<std::string, std::string> config = {}) {
    auto schema = ParseSchema(R"({"type":"struct","fields":[)" + fields + "]}");
    ASSERT_TRUE(schema.ok()) << schema.status().ToString();
    schema_ = *schema;
    Metadata metadata;
    metadata.configuration = std::move(config);
    auto constraints = CollectWriteConstraints(metadata, *schema_);
    ASSERT_TRUE(constraints.ok()) << constraints.status().ToString();
    options_.constraints = std::move(*constraints);
    auto c = ToArrowSchema(*schema_, false);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    arrow_schema_ = *arrow::ImportSchema(c->get());
  }

  // A batch from JSON rows; `schema` defaults to the table's.
  std::shared_ptr<arrow::RecordBatch> Rows(const std::string& rows,
                                           std::shared_ptr<arrow::Schema> schema = nullptr) {
    if (schema == nullptr) schema = arrow_schema_;
    auto array = arrow::json::ArrayFromJSONString(arrow::struct_(schema->fields()), rows);
    EXPECT_TRUE(array.ok()) << array.status().ToString();
    auto batch = arrow::RecordBatch::FromStructArray(*array);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    return *(*batch)->ReplaceSchema(schema);
  }

  Result<std::vector<WrittenFile>> Write(std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
                                         const std::vector<std::string>& partitions = {}) {
    auto reader = arrow::RecordBatchReader::Make(batches, batches.front()->schema());
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    ArrowArrayStream stream;
    EXPECT_TRUE(arrow::ExportRecordBatchReader(*reader, &stream).ok());
    return engine_->parquet_writer().Write("memory:///t", *schema_, partitions, &stream, options_);
  }

  std::shared_ptr<MemoryFileSystem> mem_;
  std::shared_ptr<Engine> engine_;
  std::shared_ptr<const StructType> schema_;
  std::shared_ptr<arrow::Schema> arrow_schema_;
  ParquetWriteOptions options_;
};

TEST_F(ConstraintWriteTest, CheckConstraintPasses) {
  Table(Field("a", R"("integer")"), {{"delta.constraints.positive", "a > 0"}});
  auto files = Write({Rows(R"([{"a":1},{"a":7}])")});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].num_records, 2);
}

TEST_F(ConstraintWriteTest, CheckConstraintViolationNamesTheRowAndWritesNothing) {
  Table(Field("a", R"("integer")") + "," + Field("s", R"("string")"),
        {{"delta.constraints.positive", "a > 0"}});
  auto files = Write({Rows(R"([{"a":1,"s":"x"},{"a":-4,"s":"y"},{"a":-5,"s":"z"}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(files.status().message(),
            "CHECK constraint positive (a > 0) violated by row with values:\n - a : -4");
  EXPECT_TRUE(mem_->Locations().empty());
}

TEST_F(ConstraintWriteTest, NullResultIsAViolation) {
  Table(Field("a", R"("integer")") + "," + Field("b", R"("integer")"),
        {{"delta.constraints.ordered", "a < b"}});
  auto files = Write({Rows(R"([{"a":1,"b":2},{"a":100,"b":null}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint ordered (a < b) violated by row with values:\n"
            " - a : 100\n"
            " - b : null");
}

TEST_F(ConstraintWriteTest, NullTolerantConstraintAcceptsNulls) {
  Table(Field("a", R"("integer")"), {{"delta.constraints.c", "a IS NULL OR a > 0"}});
  auto files = Write({Rows(R"([{"a":null},{"a":3}])")});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].num_records, 2);
}

TEST_F(ConstraintWriteTest, StringValuesShownAsWritten) {
  Table(Field("s", R"("string")"), {{"delta.constraints.known", "s IN ('a', 'b')"}});
  auto files = Write({Rows(R"([{"s":"a"},{"s":"zz top"}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint known (s IN ('a', 'b')) violated by row with values:\n"
            " - s : zz top");
}

TEST_F(ConstraintWriteTest, DateAndDecimalValuesAsText) {
  Table(Field("d", R"("date")") + "," + Field("price", "\"decimal(10,2)\""),
        {{"delta.constraints.recent", "d >= DATE '2024-01-01' AND price > 0"}});
  auto files = Write({Rows(R"([{"d":19723,"price":"1.50"},{"d":19722,"price":"2.25"}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint recent (d >= DATE '2024-01-01' AND price > 0) violated by row with "
            "values:\n"
            " - d : 2023-12-31\n"
            " - price : 2.25");
}

TEST_F(ConstraintWriteTest, TopLevelInvariant) {
  Table(Field("x", R"("long")",
              R"({"delta.invariants":"{\"expression\":{\"expression\":\"x > 3\"}}"})"));
  ASSERT_TRUE(Write({Rows(R"([{"x":4}])")}).ok());
  auto files = Write({Rows(R"([{"x":4},{"x":3}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint EXPRESSION(x > 3) (x > 3) violated by row with values:\n - x : 3");
}

TEST_F(ConstraintWriteTest, NestedInvariant) {
  Table(
      Field("id", R"("integer")") + "," +
      Field("s",
            R"({"type":"struct","fields":[)" +
                Field("v", R"("integer")",
                      R"({"delta.invariants":"{\"expression\":{\"expression\":\"s.v < 10\"}}"})") +
                "]}"));
  auto ok = Write({Rows(R"([{"id":1,"s":{"v":9}}])")});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto files = Write({Rows(R"([{"id":1,"s":{"v":9}},{"id":2,"s":{"v":12}}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint EXPRESSION(s.v < 10) (s.v < 10) violated by row with values:\n"
            " - s.v : 12");
  // A null parent struct makes s.v NULL, which fails the invariant as in Delta Spark.
  files = Write({Rows(R"([{"id":3,"s":null}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint EXPRESSION(s.v < 10) (s.v < 10) violated by row with values:\n"
            " - s.v : null");
}

TEST_F(ConstraintWriteTest, GeneratedColumnMustMatch) {
  Table(Field("a", R"("integer")") + "," +
        Field("b", R"("integer")", R"({"delta.generationExpression":"a"})"));
  // NULL <=> NULL holds.
  auto ok = Write({Rows(R"([{"a":1,"b":1},{"a":null,"b":null}])")});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto files = Write({Rows(R"([{"a":1,"b":1},{"a":2,"b":5}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(files.status().message(),
            "CHECK constraint Generated Column (b <=> (a)) violated by row with values:\n"
            " - b : 5\n"
            " - a : 2");
  files = Write({Rows(R"([{"a":2,"b":null}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint Generated Column (b <=> (a)) violated by row with values:\n"
            " - b : null\n"
            " - a : 2");
}

TEST_F(ConstraintWriteTest, MissingGeneratedColumnIsUnsupported) {
  Table(Field("a", R"("integer")") + "," +
        Field("b", R"("integer")", R"({"delta.generationExpression":"a"})"));
  auto only_a = arrow::schema({arrow::field("a", arrow::int32())});
  auto files = Write({Rows(R"([{"a":1}])", only_a)});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(files.status().message(),
            "generated column 'b' is missing from the data: this writer does not compute "
            "generated columns; supply values satisfying b <=> (a)");
}

TEST_F(ConstraintWriteTest, FailingBatchAfterAGoodOne) {
  Table(Field("p", R"("integer")") + "," + Field("a", R"("integer")"),
        {{"delta.constraints.positive", "a > 0"}});
  // A tiny target size closes the good batch's file before the bad batch arrives: it stays,
  // unreferenced; nothing of the bad batch is written.
  options_.target_file_size = 1;
  auto files = Write(
      {Rows(R"([{"p":1,"a":1},{"p":1,"a":2}])"), Rows(R"([{"p":2,"a":3},{"p":2,"a":0}])")}, {"p"});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint positive (a > 0) violated by row with values:\n - a : 0");
  std::vector<std::string> left = mem_->Locations();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].rfind("memory:///t/p=1/part-00000-", 0), 0u) << left[0];
}

TEST_F(ConstraintWriteTest, ConstraintOnAPartitionColumn) {
  Table(Field("p", R"("integer")") + "," + Field("a", R"("integer")"),
        {{"delta.constraints.p_small", "p < 3"}});
  auto ok = Write({Rows(R"([{"p":1,"a":1},{"p":2,"a":2}])")}, {"p"});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size(), 2u);
  auto files = Write({Rows(R"([{"p":3,"a":1}])")}, {"p"});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            "CHECK constraint p_small (p < 3) violated by row with values:\n - p : 3");
}

TEST_F(ConstraintWriteTest, UnboundConstraintIsRefused) {
  Table(Field("a", R"("integer")"));
  WriteConstraint raw;
  raw.name = "raw";
  raw.sql = "a > 0";
  raw.predicate = *ParseExpression("a > 0");
  options_.constraints = {raw};
  auto files = Write({Rows(R"([{"a":1}])")});
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(files.status().message(), "constraint raw (a > 0) has no bound predicate");
}

}  // namespace
}  // namespace delta
