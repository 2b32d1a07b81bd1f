// Tests of schema enforcement and evolution for writes (txn/schema_merge.h).
#include "txn/schema_merge.h"

#include <gtest/gtest.h>

#include <string>

namespace delta {
namespace {

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto r = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(r.ok()) << r.status().ToString() << fields_json;
  return *r;
}

std::string Field(const std::string& name, const std::string& type, bool nullable = true) {
  std::string t = type.starts_with("{") ? type : "\"" + type + "\"";
  return R"({"name":")" + name + R"(","type":)" + t + R"(,"nullable":)" +
         (nullable ? "true" : "false") + R"(,"metadata":{}})";
}

std::string Struct(const std::string& fields) {
  return R"({"type":"struct","fields":[)" + fields + "]}";
}

// "changed: <schema json>", "same: <schema json>" or the error.
std::string Merge(const std::string& table, const std::string& data, SchemaMode mode,
                  bool widening = false) {
  auto r = MergeSchemaForWrite(*Schema(table), *Schema(data), mode, widening);
  if (!r.ok()) return "error: " + r.status().ToString();
  return std::string(r->changed ? "changed: " : "same: ") + r->schema->ToString();
}

TEST(SchemaMergeTest, StrictAcceptsSubsetsAnyCaseAndNullableData) {
  std::string table = Field("Id", "long", false) + "," + Field("name", "string") + "," +
                      Field("s", Struct(Field("X", "integer") + "," + Field("y", "double")));
  EXPECT_EQ(Merge(table, Field("id", "long") + "," + Field("S", Struct(Field("x", "integer"))),
                  SchemaMode::kStrict),
            "same: struct<Id:long,name:string,s:struct<X:integer,y:double>>");
  EXPECT_EQ(Merge(table, Field("name", "string"), SchemaMode::kStrict),
            "same: struct<Id:long,name:string,s:struct<X:integer,y:double>>");
}

TEST(SchemaMergeTest, StrictRefusesNewColumnsAndOtherTypes) {
  std::string table = Field("id", "long") + "," + Field("s", Struct(Field("x", "integer")));
  EXPECT_EQ(Merge(table, Field("id", "long") + "," + Field("extra", "string"), SchemaMode::kStrict),
            "error: InvalidArgument: column 'extra' is not in the table's schema (schema mode "
            "merge adds new columns)");
  EXPECT_EQ(Merge(table, Field("s", Struct(Field("x", "integer") + "," + Field("z", "date"))),
                  SchemaMode::kStrict),
            "error: InvalidArgument: column 's.z' is not in the table's schema (schema mode "
            "merge adds new columns)");
  EXPECT_EQ(Merge(table, Field("ID", "string"), SchemaMode::kStrict),
            "error: InvalidArgument: column 'id' has type long in the table but string in the "
            "data");
  EXPECT_EQ(Merge(table, Field("id", "integer"), SchemaMode::kStrict),
            "error: InvalidArgument: column 'id' has type long in the table but integer in the "
            "data");
  EXPECT_EQ(Merge(Field("n", "integer"), Field("n", "long"), SchemaMode::kStrict),
            "error: InvalidArgument: column 'n' has type integer in the table but long in the "
            "data (schema mode merge with type widening enabled would widen it)");
  EXPECT_EQ(Merge(table, Field("s", "string"), SchemaMode::kStrict),
            "error: InvalidArgument: column 's' has type struct<x:integer> in the table but "
            "string in the data");
  // ParseSchema refuses such a schema; data from elsewhere may still have one.
  auto L = PrimitiveType::Make(TypeKind::kLong);
  StructType twice({StructField{"id", L, true, {}}, StructField{"ID", L, true, {}}});
  EXPECT_EQ(
      MergeSchemaForWrite(*Schema(table), twice, SchemaMode::kStrict, false).status().ToString(),
      "InvalidArgument: column 'ID' appears twice in the data");
  EXPECT_EQ(
      MergeSchemaForWrite(*Schema(table), twice, SchemaMode::kOverwrite, false).status().ToString(),
      "InvalidArgument: column 'ID' appears twice in the data");
  EXPECT_EQ(Merge(Field("d", "decimal(10,2)"), Field("d", "decimal(10,3)"), SchemaMode::kStrict),
            "error: InvalidArgument: column 'd' has type decimal(10,2) in the table but "
            "decimal(10,3) in the data");
}

TEST(SchemaMergeTest, MergeAppendsColumnsAndNestedFields) {
  std::string table = Field("id", "long", false) + "," +
                      Field("s", Struct(Field("x", "integer")), false) + "," +
                      Field("arr", R"({"type":"array","elementType":)" +
                                       Struct(Field("a", "integer")) + R"(,"containsNull":true})");
  std::string data =
      Field("new", "string", false) + "," +
      Field("S", Struct(Field("X", "integer") + "," + Field("y", "double", false)), false) + "," +
      Field("arr", R"({"type":"array","elementType":)" +
                       Struct(Field("a", "integer") + "," + Field("b", "boolean")) +
                       R"(,"containsNull":true})");
  auto r = MergeSchemaForWrite(*Schema(table), *Schema(data), SchemaMode::kMerge, false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->changed);
  EXPECT_EQ(
      r->schema->ToJson(),
      Struct(Field("id", "long", false) + "," +
             Field("s", Struct(Field("x", "integer") + "," + Field("y", "double")), false) + "," +
             Field("arr", R"({"type":"array","elementType":)" +
                              Struct(Field("a", "integer") + "," + Field("b", "boolean")) +
                              R"(,"containsNull":true})") +
             "," + Field("new", "string")));
  // Nothing new: the same schema, unchanged.
  EXPECT_EQ(Merge(table, Field("id", "long"), SchemaMode::kMerge),
            "same: struct<id:long,s:struct<x:integer>,arr:array<struct<a:integer>>>");
}

TEST(SchemaMergeTest, MergeWidensOnlyWhenEnabled) {
  EXPECT_EQ(Merge(Field("n", "integer"), Field("n", "long"), SchemaMode::kMerge, false),
            "error: InvalidArgument: column 'n' has type integer in the table but long in the "
            "data (widening it needs delta.enableTypeWidening=true)");
  auto r = MergeSchemaForWrite(*Schema(Field("n", "integer") + "," + Field("d", "date")),
                               *Schema(Field("N", "long") + "," + Field("d", "timestamp_ntz")),
                               SchemaMode::kMerge, true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->changed);
  EXPECT_EQ(r->schema->ToJson(),
            R"({"type":"struct","fields":[)"
            R"({"name":"n","type":"long","nullable":true,"metadata":{"delta.typeChanges":)"
            R"([{"toType":"long","fromType":"integer"}]}},)"
            R"({"name":"d","type":"timestamp_ntz","nullable":true,"metadata":{"delta.typeChanges":)"
            R"([{"toType":"timestamp_ntz","fromType":"date"}]}}]})");
  // A second widening appends to the history.
  auto again = MergeSchemaForWrite(*r->schema, *Schema(Field("n", "decimal(22,2)")),
                                   SchemaMode::kMerge, true);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->schema->fields()[0].metadata.at("delta.typeChanges"),
            R"([{"toType":"long","fromType":"integer"},)"
            R"j({"toType":"decimal(22,2)","fromType":"long"}])j");
  // Narrower data is not a widening.
  EXPECT_EQ(Merge(Field("n", "long"), Field("n", "integer"), SchemaMode::kMerge, true),
            "error: InvalidArgument: column 'n' has type long in the table but integer in the "
            "data");
}

TEST(SchemaMergeTest, NestedWideningRecordsFieldPath) {
  std::string table =
      Field("s", Struct(Field("a", "byte"))) + "," +
      Field("xs", R"({"type":"array","elementType":"float","containsNull":true})") + "," +
      Field("m", R"({"type":"map","keyType":"integer","valueType":{"type":"array",)"
                 R"("elementType":"short","containsNull":false},"valueContainsNull":true})");
  std::string data =
      Field("s", Struct(Field("a", "short"))) + "," +
      Field("xs", R"({"type":"array","elementType":"double","containsNull":true})") + "," +
      Field("m", R"({"type":"map","keyType":"long","valueType":{"type":"array",)"
                 R"("elementType":"integer","containsNull":true},"valueContainsNull":true})");
  auto r = MergeSchemaForWrite(*Schema(table), *Schema(data), SchemaMode::kMerge, true);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema->ToString(),
            "struct<s:struct<a:short>,xs:array<double>,m:map<long,array<integer>>>");
  const StructField& s = r->schema->fields()[0];
  EXPECT_EQ(s.metadata.count("delta.typeChanges"), 0u);
  EXPECT_EQ(s.type->as_struct()->fields()[0].metadata.at("delta.typeChanges"),
            R"([{"toType":"short","fromType":"byte"}])");
  EXPECT_EQ(r->schema->fields()[1].metadata.at("delta.typeChanges"),
            R"([{"toType":"double","fromType":"float","fieldPath":"element"}])");
  EXPECT_EQ(r->schema->fields()[2].metadata.at("delta.typeChanges"),
            R"([{"toType":"long","fromType":"integer","fieldPath":"key"},)"
            R"({"toType":"integer","fromType":"short","fieldPath":"value.element"}])");
  // The table's containsNull stays: nulls in the data are caught per row.
  EXPECT_FALSE(r->schema->fields()[2].type->as_map()->value_type()->as_array()->contains_null());
  EXPECT_EQ(Merge(Field("s", Struct(Field("a", "byte"))), Field("s", Struct(Field("a", "string"))),
                  SchemaMode::kMerge, true),
            "error: InvalidArgument: column 's.a' has type byte in the table but string in the "
            "data");
}

TEST(SchemaMergeTest, WideningRules) {
  auto T = [](const std::string& name) { return *ParsePrimitiveTypeName(name); };
  struct Case {
    const char* from;
    const char* to;
    bool allowed;
  };
  for (const Case& c : std::vector<Case>{
           {"byte", "short", true},
           {"byte", "integer", true},
           {"byte", "long", true},
           {"short", "integer", true},
           {"short", "long", true},
           {"integer", "long", true},
           {"long", "integer", false},
           {"integer", "integer", false},
           {"float", "double", true},
           {"double", "float", false},
           {"byte", "double", true},
           {"short", "double", true},
           {"integer", "double", true},
           {"long", "double", false},
           {"integer", "float", false},
           {"date", "timestamp_ntz", true},
           {"date", "timestamp", false},
           {"timestamp", "timestamp_ntz", false},
           {"decimal(10,2)", "decimal(20,2)", true},
           {"decimal(10,2)", "decimal(20,5)", true},
           {"decimal(10,2)", "decimal(11,3)", true},
           {"decimal(10,2)", "decimal(10,3)", false},
           {"decimal(10,2)", "decimal(12,1)", false},
           {"decimal(10,2)", "decimal(10,2)", false},
           {"byte", "decimal(3,0)", true},
           {"byte", "decimal(4,2)", false},
           {"short", "decimal(6,1)", true},
           {"short", "decimal(5,1)", false},
           {"integer", "decimal(10,0)", true},
           {"integer", "decimal(11,2)", false},
           {"long", "decimal(21,1)", true},
           {"long", "decimal(20,1)", false},
           {"string", "binary", false},
           {"integer", "string", false},
       }) {
    EXPECT_EQ(IsTypeWideningAllowed(*T(c.from), *T(c.to)), c.allowed) << c.from << " -> " << c.to;
  }
}

TEST(SchemaMergeTest, OverwriteReplacesTheSchema) {
  EXPECT_EQ(Merge(Field("a", "long"), Field("b", "string"), SchemaMode::kOverwrite),
            "changed: struct<b:string>");
  EXPECT_EQ(Merge(Field("a", "long"), Field("a", "long"), SchemaMode::kOverwrite),
            "same: struct<a:long>");
}

}  // namespace
}  // namespace delta
