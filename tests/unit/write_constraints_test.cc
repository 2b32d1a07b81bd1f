// CollectWriteConstraints: CHECK constraints, invariants (nested too), generated columns, and
// the rules this writer cannot enforce refused as Unsupported, on hand-made and Spark metadata.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "support/conformance_tables.h"
#include "txn/write_constraints.h"

namespace delta {
namespace {

// A field whose metadata object is `metadata_json`.
std::string Field(const std::string& name, const std::string& type,
                  const std::string& metadata_json = "{}") {
  return R"({"name":")" + name + R"(","type":)" + type + R"(,"nullable":true,"metadata":)" +
         metadata_json + "}";
}

std::shared_ptr<const StructType> Schema(const std::string& fields) {
  auto schema = ParseSchema(R"({"type":"struct","fields":[)" + fields + "]}");
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return *schema;
}

// Field metadata holding an invariant, as Spark stores it (a JSON string).
std::string Invariant(const std::string& sql) {
  return R"({"delta.invariants":"{\"expression\":{\"expression\":\")" + sql + R"(\"}}"})";
}

Result<std::vector<WriteConstraint>> Collect(const std::string& fields,
                                             std::map<std::string, std::string> config = {},
                                             const Protocol* protocol = nullptr) {
  Metadata metadata;
  metadata.configuration = std::move(config);
  return CollectWriteConstraints(metadata, *Schema(fields), protocol);
}

TEST(WriteConstraintsTest, NoneWithoutConstraintMetadata) {
  auto c = Collect(Field("a", R"("integer")"), {{"delta.appendOnly", "true"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->empty());
}

TEST(WriteConstraintsTest, CheckConstraintsFromConfiguration) {
  auto c = Collect(Field("a", R"("integer")") + "," + Field("b", R"("long")"),
                   {{"delta.constraints.positive", "a > 0"},
                    {"Delta.Constraints.Ordered", "a < b OR b IS NULL"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 2u);
  // Configuration keys are ordered; the prefix matches in any case.
  EXPECT_EQ((*c)[0].kind, WriteConstraint::Kind::kCheck);
  EXPECT_EQ((*c)[0].name, "Ordered");
  EXPECT_EQ((*c)[0].sql, "a < b OR b IS NULL");
  EXPECT_EQ((*c)[1].name, "positive");
  EXPECT_EQ((*c)[1].sql, "a > 0");
  EXPECT_TRUE((*c)[1].column.empty());
  ASSERT_NE((*c)[1].predicate, nullptr);
  EXPECT_TRUE((*c)[1].predicate->IsBound());
  EXPECT_EQ((*c)[1].predicate->ToString(), "a > 0");
}

TEST(WriteConstraintsTest, InvariantsTopLevelAndNested) {
  auto c = Collect(Field("x", R"("integer")", Invariant("x > 3")) + "," +
                   Field("s", R"({"type":"struct","fields":[)" +
                                  Field("v", R"("long")", Invariant("s.v < 10")) + "]}"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].kind, WriteConstraint::Kind::kInvariant);
  EXPECT_EQ((*c)[0].name, "EXPRESSION(x > 3)");
  EXPECT_EQ((*c)[0].sql, "x > 3");
  EXPECT_EQ((*c)[0].column, (std::vector<std::string>{"x"}));
  EXPECT_EQ((*c)[1].name, "EXPRESSION(s.v < 10)");
  EXPECT_EQ((*c)[1].column, (std::vector<std::string>{"s", "v"}));
  EXPECT_EQ((*c)[1].predicate->children.at(0)->path, (std::vector<std::string>{"s", "v"}));
}

TEST(WriteConstraintsTest, UnknownInvariantShapeIsUnsupported) {
  auto c = Collect(Field("x", R"("integer")", R"({"delta.invariants":"{\"other\":1}"})"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(c.status().message(),
            "column x has an invariant this writer does not know: {\"other\":1}");
}

TEST(WriteConstraintsTest, GeneratedColumnIsNullSafeEquality) {
  auto c = Collect(
      Field("a", R"("integer")") + "," +
      Field("b", R"("integer")", R"({"delta.generationExpression":"a"})") + "," +
      Field("flag", R"("boolean")", R"({"delta.generationExpression":"a > 5 AND a IS NOT NULL"})"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].kind, WriteConstraint::Kind::kGeneratedColumn);
  EXPECT_EQ((*c)[0].name, "Generated Column");
  EXPECT_EQ((*c)[0].sql, "b <=> (a)");
  EXPECT_EQ((*c)[0].column, (std::vector<std::string>{"b"}));
  EXPECT_EQ((*c)[0].predicate->ToString(), "b <=> a");
  EXPECT_EQ((*c)[1].sql, "flag <=> (a > 5 AND a IS NOT NULL)");
}

TEST(WriteConstraintsTest, GeneratedColumnsIgnoredWithoutTheFeature) {
  const std::string fields = Field("a", R"("integer")") + "," +
                             Field("b", R"("integer")", R"({"delta.generationExpression":"a"})");
  Protocol old;  // 1/2: no generated columns, as Spark ignores such metadata
  auto c = Collect(fields, {}, &old);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->empty());
  Protocol v4;
  v4.min_writer_version = 4;
  c = Collect(fields, {}, &v4);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->size(), 1u);
}

TEST(WriteConstraintsTest, UnparseableConstraintIsUnsupported) {
  auto c = Collect(Field("s", R"("string")"), {{"delta.constraints.short", "length(s) < 5"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(c.status().message().rfind(
                "CHECK constraint short (length(s) < 5) cannot be enforced by this writer: "
                "cannot parse expression",
                0),
            0u)
      << c.status().message();
}

TEST(WriteConstraintsTest, UnbindableConstraintIsUnsupported) {
  auto c = Collect(Field("a", R"("integer")"), {{"delta.constraints.c", "missing > 1"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(c.status().message().find("CHECK constraint c (missing > 1) cannot be enforced"),
            std::string::npos)
      << c.status().message();
}

TEST(WriteConstraintsTest, UnparseableGenerationExpressionNamesTheColumn) {
  auto c =
      Collect(Field("ts", R"("timestamp")") + "," +
              Field("d", R"("date")", R"j({"delta.generationExpression":"CAST(ts AS DATE)"})j"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(c.status().message().rfind(
                "generation expression (CAST(ts AS DATE)) of column d cannot be enforced", 0),
            0u)
      << c.status().message();
}

TEST(WriteConstraintsTest, IdentityColumnIsUnsupported) {
  auto c = Collect(Field("id", R"("long")",
                         R"({"delta.identity.start":1,"delta.identity.step":1,)"
                         R"("delta.identity.allowExplicitInsert":false})"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(c.status().message(),
            "column id is an identity column (delta.identity.*): this writer does not generate "
            "identity values");
}

TEST(WriteConstraintsTest, CharVarcharColumnIsUnsupported) {
  auto c =
      Collect(Field("name", R"("string")", R"j({"__CHAR_VARCHAR_TYPE_STRING":"varchar(3)"})j"));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(c.status().message(),
            "column name is varchar(3): this writer does not enforce its length");
}

// Spark tables with the invariants feature but no rule: nothing to enforce, nothing refused.
TEST(WriteConstraintsTest, SparkTablesWithTheInvariantsFeature) {
  DELTA_REQUIRE_CONFORMANCE();
  for (const std::string name : {"type-widening", "cdf-table-simple", "basic-decimal-table"}) {
    SCOPED_TRACE(name);
    std::string root = test::ExtractedTablePath(name);
    ASSERT_FALSE(root.empty());
    auto engine = MakeDefaultEngine(DefaultEngineOptions{});
    ASSERT_TRUE(engine.ok());
    auto table = Table::ForLocation(root, *engine);
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    auto snapshot = table->LatestSnapshot();
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    auto c = CollectWriteConstraints((*snapshot)->metadata(), *(*snapshot)->schema(),
                                     &(*snapshot)->protocol());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(c->empty());
  }
}

}  // namespace
}  // namespace delta
