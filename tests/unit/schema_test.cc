// Tests of the Delta type system: parsing, serialisation, equality and lookup, against
// schemas written by the reference implementation (conformance tables).
#include "delta/schema.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/conformance_tables.h"

namespace delta {
namespace {

namespace fs = std::filesystem;

const fs::path kTables = fs::path(test::ConformanceDir()) / "tables";

// Every metaData.schemaString in the commit files of `log_dir`, in version order.
std::vector<std::string> SchemaStrings(const fs::path& log_dir) {
  std::vector<fs::path> commits;
  for (const auto& e : fs::directory_iterator(log_dir)) {
    if (e.path().extension() == ".json") commits.push_back(e.path());
  }
  std::sort(commits.begin(), commits.end());
  std::vector<std::string> out;
  simdjson::dom::parser parser;
  for (const auto& path : commits) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      simdjson::dom::element doc;
      if (parser.parse(line).get(doc) != simdjson::SUCCESS) continue;
      std::string_view schema;
      if (doc["metaData"]["schemaString"].get(schema) == simdjson::SUCCESS) {
        out.emplace_back(schema);
      }
    }
  }
  return out;
}

std::string LatestSchema(const std::string& table) {
  auto all = SchemaStrings(kTables / table / "_delta_log");
  return all.empty() ? std::string() : all.back();
}

std::shared_ptr<const StructType> MustParse(std::string_view json) {
  auto r = ParseSchema(json);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

// Schema of the golden table table-with-columnmapping-mode-id (nested types, column mapping).
constexpr std::string_view kColumnMappingSchema =
    R"json({"type":"struct","fields":[{"name":"ByteType","type":"byte","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-adb3ab8f-9a6d-4f44-abb3-cf411d800e5f"}},{"name":"ShortType","type":"short","nullable":true,"metadata":{"delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-ec3e1a85-7f66-42c5-9262-dd989b05f03b"}},{"name":"IntegerType","type":"integer","nullable":true,"metadata":{"delta.columnMapping.id":3,"delta.columnMapping.physicalName":"col-75dd95b6-5a7c-4b7c-811f-5a3629fce075"}},{"name":"LongType","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":4,"delta.columnMapping.physicalName":"col-2a50a137-e3fb-4bd4-aeda-abe658c2098f"}},{"name":"FloatType","type":"float","nullable":true,"metadata":{"delta.columnMapping.id":5,"delta.columnMapping.physicalName":"col-904c150a-fb84-41b5-ae35-0d585ac8baf0"}},{"name":"DoubleType","type":"double","nullable":true,"metadata":{"delta.columnMapping.id":6,"delta.columnMapping.physicalName":"col-c046281d-b9e2-47e7-97b6-35e749fdd556"}},{"name":"decimal","type":"decimal(10,2)","nullable":true,"metadata":{"delta.columnMapping.id":7,"delta.columnMapping.physicalName":"col-5924e855-113d-4faa-87f1-792f0507325f"}},{"name":"BooleanType","type":"boolean","nullable":true,"metadata":{"delta.columnMapping.id":8,"delta.columnMapping.physicalName":"col-bd309edd-5bce-4deb-83b7-9c44b8a8be6b"}},{"name":"StringType","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":9,"delta.columnMapping.physicalName":"col-262bd741-30de-42be-b006-a8851d182f8f"}},{"name":"BinaryType","type":"binary","nullable":true,"metadata":{"delta.columnMapping.id":10,"delta.columnMapping.physicalName":"col-b6cf0882-38bd-4923-a5a2-89e0806ef091"}},{"name":"DateType","type":"date","nullable":true,"metadata":{"delta.columnMapping.id":11,"delta.columnMapping.physicalName":"col-a55ca4de-bf06-4976-9ee5-90384a9813ab"}},{"name":"TimestampType","type":"timestamp","nullable":true,"metadata":{"delta.columnMapping.id":12,"delta.columnMapping.physicalName":"col-f29ec8fb-9484-4812-a396-0b2fd1912807"}},{"name":"nested_struct","type":{"type":"struct","fields":[{"name":"aa","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":14,"delta.columnMapping.physicalName":"col-90dee9a2-cdfc-4ea5-aebd-5cc4a125df4d"}},{"name":"ac","type":{"type":"struct","fields":[{"name":"aca","type":"integer","nullable":true,"metadata":{"delta.columnMapping.id":16,"delta.columnMapping.physicalName":"col-c091fdeb-7cca-4849-912d-5f77fa400933"}}]},"nullable":true,"metadata":{"delta.columnMapping.id":15,"delta.columnMapping.physicalName":"col-6551e960-1c32-4bf2-bd5b-1f57180d25f7"}}]},"nullable":true,"metadata":{"delta.columnMapping.id":13,"delta.columnMapping.physicalName":"col-ab01c262-302d-4162-be9c-98d905966527"}},{"name":"array_of_prims","type":{"type":"array","elementType":"integer","containsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":17,"delta.columnMapping.physicalName":"col-fe7b1751-67c1-489e-a3e8-ffe07ac8980a"}},{"name":"array_of_arrays","type":{"type":"array","elementType":{"type":"array","elementType":"integer","containsNull":true},"containsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":18,"delta.columnMapping.physicalName":"col-9546efbd-d55a-4a3b-bba0-9d1fa8c1de9d"}},{"name":"array_of_structs","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"ab","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":20,"delta.columnMapping.physicalName":"col-e983d1fc-d588-46a7-a0ad-2f63a6834ea6"}}]},"containsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":19,"delta.columnMapping.physicalName":"col-b89fd303-7352-4044-842e-87f428ee80be"}},{"name":"map_of_prims","type":{"type":"map","keyType":"integer","valueType":"long","valueContainsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":21,"delta.columnMapping.physicalName":"col-756fb85d-7e08-4bcf-83b6-08aacfab2700"}},{"name":"map_of_rows","type":{"type":"map","keyType":"integer","valueType":{"type":"struct","fields":[{"name":"ab","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":23,"delta.columnMapping.physicalName":"col-43f9ca1b-82fe-4ad7-9e5a-1af143d2abf4"}}]},"valueContainsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":22,"delta.columnMapping.physicalName":"col-43b81fe9-ba74-40a8-8f0b-f27aaf2c2f5b"}},{"name":"map_of_arrays","type":{"type":"map","keyType":"long","valueType":{"type":"array","elementType":"integer","containsNull":true},"valueContainsNull":true},"nullable":true,"metadata":{"delta.columnMapping.id":24,"delta.columnMapping.physicalName":"col-8e355345-4edb-45f5-8f44-7d7620bba897"}}]})json";

// Schema of the conformance table unshredded-variant (variant at every nesting position).
constexpr std::string_view kVariantSchema =
    R"json({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},{"name":"v","type":"variant","nullable":true,"metadata":{}},{"name":"array_of_variants","type":{"type":"array","elementType":"variant","containsNull":true},"nullable":true,"metadata":{}},{"name":"struct_of_variants","type":{"type":"struct","fields":[{"name":"v","type":"variant","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},{"name":"map_of_variants","type":{"type":"map","keyType":"string","valueType":"variant","valueContainsNull":true},"nullable":true,"metadata":{}},{"name":"array_of_struct_of_variants","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"v","type":"variant","nullable":true,"metadata":{}}]},"containsNull":true},"nullable":true,"metadata":{}},{"name":"struct_of_array_of_variants","type":{"type":"struct","fields":[{"name":"v","type":{"type":"array","elementType":"variant","containsNull":true},"nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]})json";

TEST(SchemaTest, ParsesEveryPrimitiveName) {
  const std::pair<const char*, TypeKind> cases[] = {
      {"string", TypeKind::kString},       {"long", TypeKind::kLong},
      {"integer", TypeKind::kInteger},     {"short", TypeKind::kShort},
      {"byte", TypeKind::kByte},           {"float", TypeKind::kFloat},
      {"double", TypeKind::kDouble},       {"boolean", TypeKind::kBoolean},
      {"binary", TypeKind::kBinary},       {"date", TypeKind::kDate},
      {"timestamp", TypeKind::kTimestamp}, {"timestamp_ntz", TypeKind::kTimestampNtz},
      {"variant", TypeKind::kVariant},     {"void", TypeKind::kVoid},
  };
  for (const auto& [name, kind] : cases) {
    auto t = ParseDataType("\"" + std::string(name) + "\"");
    ASSERT_TRUE(t.ok()) << name << ": " << t.status().ToString();
    EXPECT_EQ((*t)->kind(), kind) << name;
    EXPECT_TRUE((*t)->is_primitive()) << name;
    EXPECT_EQ((*t)->ToString(), name);
    EXPECT_EQ((*t)->ToJson(), "\"" + std::string(name) + "\"");
    EXPECT_EQ(TypeKindName(kind), name);
    // Plain primitives are shared instances.
    EXPECT_EQ(PrimitiveType::Make(kind).get(), t->get()) << name;
  }
  // Spark 2 called the void type "null"; it serialises as "void".
  auto null_type = ParseDataType("\"null\"");
  ASSERT_TRUE(null_type.ok());
  EXPECT_EQ((*null_type)->kind(), TypeKind::kVoid);
  EXPECT_EQ((*null_type)->ToJson(), "\"void\"");
  EXPECT_EQ(PrimitiveType::Make(TypeKind::kDecimal), nullptr);
  EXPECT_EQ(PrimitiveType::Make(TypeKind::kStruct), nullptr);
}

TEST(SchemaTest, DecimalPrecisionScaleAndWhitespace) {
  for (const char* text : {"\"decimal(10,2)\"", "\"decimal( 10 , 2 )\"", "\"decimal (10,2)\""}) {
    auto t = ParseDataType(text);
    ASSERT_TRUE(t.ok()) << text << ": " << t.status().ToString();
    ASSERT_EQ((*t)->kind(), TypeKind::kDecimal);
    const auto& d = static_cast<const DecimalType&>(**t);
    EXPECT_EQ(d.precision(), 10);
    EXPECT_EQ(d.scale(), 2);
    EXPECT_EQ(d.ToString(), "decimal(10,2)");
    EXPECT_EQ(d.ToJson(), "\"decimal(10,2)\"");
  }
  auto bounds = ParseDataType("\"decimal(38,38)\"");
  ASSERT_TRUE(bounds.ok());
  EXPECT_EQ(static_cast<const DecimalType&>(**bounds).scale(), 38);
  auto one = ParseDataType("\"decimal(1,0)\"");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(static_cast<const DecimalType&>(**one).precision(), 1);
  // A bare "decimal" is Spark's default decimal(10,0).
  auto bare = ParseDataType("\"decimal\"");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ((*bare)->ToString(), "decimal(10,0)");

  for (const char* bad :
       {"\"decimal(0,0)\"", "\"decimal(39,0)\"", "\"decimal(5,6)\"", "\"decimal(5,-1)\"",
        "\"decimal(a,b)\"", "\"decimal(10)\"", "\"decimal(10,2,1)\"", "\"decimal()\""}) {
    auto t = ParseDataType(bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_TRUE(t.status().IsInvalidTable()) << bad << ": " << t.status().ToString();
    std::string name(bad + 1, strlen(bad) - 2);
    EXPECT_NE(t.status().message().find(name), std::string::npos) << t.status().message();
  }

  EXPECT_FALSE(DecimalType::Make(39, 0).ok());
  EXPECT_TRUE(DecimalType::Make(39, 0).status().IsInvalidArgument());
  EXPECT_TRUE(DecimalType::Make(38, 0).ok());
  EXPECT_FALSE(DecimalType::Make(10, 11).ok());
  EXPECT_FALSE(DecimalType::Make(10, -1).ok());
}

TEST(SchemaTest, VoidColumnTable) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string json = LatestSchema("void-column");
  ASSERT_FALSE(json.empty());
  auto s = MustParse(json);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->num_fields(), 2u);
  EXPECT_EQ(s->fields()[0].type->kind(), TypeKind::kLong);
  EXPECT_EQ(s->fields()[1].name, "void_col");
  EXPECT_EQ(s->fields()[1].type->kind(), TypeKind::kVoid);
  EXPECT_TRUE(s->fields()[1].nullable);
  EXPECT_EQ(s->ToJson(), json);
  EXPECT_TRUE(ContainsTypeKind(*s, TypeKind::kVoid));
  EXPECT_FALSE(ContainsTypeKind(*s, TypeKind::kString));
}

TEST(SchemaTest, GeospatialTable) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string json = LatestSchema("table-with-geo");
  ASSERT_FALSE(json.empty());
  auto s = MustParse(json);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->num_fields(), 2u);
  const DataType& geom = *s->fields()[0].type;
  ASSERT_EQ(geom.kind(), TypeKind::kGeometry);
  EXPECT_TRUE(geom.is_primitive());
  EXPECT_EQ(static_cast<const GeometryType&>(geom).crs(), "OGC:CRS84");
  EXPECT_EQ(geom.ToString(), "geometry(OGC:CRS84)");
  const DataType& geog = *s->fields()[1].type;
  ASSERT_EQ(geog.kind(), TypeKind::kGeography);
  EXPECT_TRUE(geog.is_primitive());
  EXPECT_EQ(static_cast<const GeographyType&>(geog).crs(), "OGC:CRS84");
  EXPECT_EQ(static_cast<const GeographyType&>(geog).algorithm(), "spherical");
  EXPECT_EQ(geog.ToString(), "geography(OGC:CRS84, spherical)");
  EXPECT_EQ(s->ToJson(), json);
}

TEST(SchemaTest, GeospatialNameForms) {
  auto parse = [](const char* name) { return ParseDataType("\"" + std::string(name) + "\""); };
  auto g = parse("geometry( EPSG:4326 )");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->ToString(), "geometry(EPSG:4326)");
  auto g0 = parse("geometry");
  ASSERT_TRUE(g0.ok());
  EXPECT_EQ((*g0)->ToString(), "geometry(OGC:CRS84)");
  auto crs_only = parse("geography(EPSG:4326)");
  ASSERT_TRUE(crs_only.ok());
  EXPECT_EQ((*crs_only)->ToString(), "geography(EPSG:4326, spherical)");
  auto alg_only = parse("geography(karney)");
  ASSERT_TRUE(alg_only.ok());
  EXPECT_EQ((*alg_only)->ToString(), "geography(OGC:CRS84, karney)");
  auto both = parse("geography(EPSG:4326,vincenty)");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ((*both)->ToString(), "geography(EPSG:4326, vincenty)");
  EXPECT_FALSE((*both)->Equals(**crs_only));
  EXPECT_TRUE((*both)->Equals(GeographyType("EPSG:4326", "vincenty")));
  EXPECT_FALSE((*g)->Equals(**g0));
  for (const char* bad : {"geometry()", "geometry(a b)", "geography(a,b,c)", "geography()"}) {
    auto r = parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.status().IsInvalidTable()) << bad;
  }
}

TEST(SchemaTest, UnknownTypeIsUnsupportedAndNamed) {
  auto t = ParseDataType("\"interval day to second\"");
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(t.status().IsUnsupported());
  EXPECT_EQ(t.status().message(), "schema: unsupported data type 'interval day to second'");

  auto s = ParseSchema(
      R"({"type":"struct","fields":[{"name":"a","type":{"type":"struct","fields":[)"
      R"j({"name":"b","type":{"type":"array","elementType":"varchar(3)","containsNull":true},)j"
      R"("nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]})");
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.status().IsUnsupported());
  EXPECT_EQ(s.status().message(), "schema field 'a.b.element': unsupported data type 'varchar(3)'");

  auto udt = ParseDataType(R"({"type":"udt","class":"x.Y","sqlType":"string"})");
  ASSERT_FALSE(udt.ok());
  EXPECT_TRUE(udt.status().IsUnsupported());
  EXPECT_NE(udt.status().message().find("'udt'"), std::string::npos);
}

TEST(SchemaTest, MalformedJsonOrShapeIsInvalidTable) {
  struct Case {
    const char* json;
    const char* message;
  };
  const Case cases[] = {
      {R"({"type":"struct","fields":[)", nullptr},
      {"", nullptr},
      {R"("long")", "invalid schema: expected a JSON object with \"type\":\"struct\""},
      {R"({"type":"array","elementType":"long","containsNull":true})",
       "invalid schema: expected a JSON object with \"type\":\"struct\""},
      {R"({"type":"struct"})", "invalid schema: a struct needs an array 'fields'"},
      {R"({"type":"struct","fields":{}})", "invalid schema: a struct needs an array 'fields'"},
      {R"({"type":"struct","fields":[1]})",
       "invalid schema field '#0': a struct field must be an object"},
      {R"({"type":"struct","fields":[{"type":"long","nullable":true}]})",
       "invalid schema field '#0': a struct field needs a string 'name'"},
      {R"({"type":"struct","fields":[{"name":"a","nullable":true}]})",
       "invalid schema field 'a': missing 'type'"},
      {R"({"type":"struct","fields":[{"name":"a","type":"long"}]})",
       "invalid schema field 'a': missing or non-boolean 'nullable'"},
      {R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":"yes"}]})",
       "invalid schema field 'a': missing or non-boolean 'nullable'"},
      {R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":[]}]})",
       "invalid schema field 'a': 'metadata' must be an object"},
      {R"({"type":"struct","fields":[{"name":"a","type":5,"nullable":true}]})",
       "invalid schema field 'a': a type must be a string or an object"},
      {R"({"type":"struct","fields":[{"name":"a","type":{"elementType":"long"},"nullable":true}]})",
       "invalid schema field 'a': a type object needs a string 'type'"},
      {R"({"type":"struct","fields":[{"name":"a","type":{"type":"array","elementType":"long"},)"
       R"("nullable":true}]})",
       "invalid schema field 'a': an array type needs a boolean 'containsNull'"},
      {R"({"type":"struct","fields":[{"name":"a","type":{"type":"array","containsNull":true},)"
       R"("nullable":true}]})",
       "invalid schema field 'a': an array type needs 'elementType'"},
      {R"({"type":"struct","fields":[{"name":"m","type":{"type":"map","keyType":"long",)"
       R"("valueContainsNull":true},"nullable":true}]})",
       "invalid schema field 'm': a map type needs 'valueType'"},
      {R"({"type":"struct","fields":[{"name":"m","type":{"type":"map","valueType":"long",)"
       R"("valueContainsNull":true},"nullable":true}]})",
       "invalid schema field 'm': a map type needs 'keyType'"},
      {R"({"type":"struct","fields":[{"name":"m","type":{"type":"map","keyType":"long",)"
       R"("valueType":"long"},"nullable":true}]})",
       "invalid schema field 'm': a map type needs a boolean 'valueContainsNull'"},
      {R"({"type":"struct","fields":[{"name":"s","type":{"type":"struct","fields":[)"
       R"({"name":"x","type":"long"}]},"nullable":true}]})",
       "invalid schema field 's.x': missing or non-boolean 'nullable'"},
      {R"({"type":"struct","fields":[{"name":"m","type":{"type":"map","keyType":"long",)"
       R"j("valueType":{"type":"struct","fields":[{"name":"x","type":"decimal(50,1)",)j"
       R"("nullable":true}]},"valueContainsNull":true},"nullable":true}]})",
       "schema field 'm.value.x': invalid data type 'decimal(50,1)': decimal precision must be "
       "between 1 and 38, got 50"},
  };
  for (const Case& c : cases) {
    auto r = ParseSchema(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_TRUE(r.status().IsInvalidTable()) << c.json << " -> " << r.status().ToString();
    if (c.message) {
      EXPECT_EQ(r.status().message(), c.message) << c.json;
    } else {
      EXPECT_EQ(r.status().message().rfind("invalid schema: malformed JSON", 0), 0u)
          << r.status().message();
    }
  }
}

TEST(SchemaTest, DuplicateNamesRegardlessOfCaseAreInvalid) {
  auto r = ParseSchema(
      R"({"type":"struct","fields":[{"name":"s","type":{"type":"struct","fields":[)"
      R"({"name":"Col","type":"long","nullable":true},{"name":"col","type":"long","nullable":true})"
      R"(]},"nullable":true,"metadata":{}}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidTable());
  EXPECT_EQ(r.status().message(),
            "invalid schema field 's.col': duplicate field name (names must be unique "
            "regardless of case)");
  // The same name in different structs is fine.
  auto ok = ParseSchema(
      R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true},)"
      R"({"name":"s","type":{"type":"struct","fields":[{"name":"a","type":"long","nullable":true})"
      R"(]},"nullable":true}]})");
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST(SchemaTest, ColumnMappingSchemaWithNestedTypes) {
  auto s = MustParse(kColumnMappingSchema);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->num_fields(), 19u);
  EXPECT_EQ(s->ToJson(), kColumnMappingSchema);

  const StructField& byte_field = s->fields()[0];
  EXPECT_EQ(byte_field.name, "ByteType");
  EXPECT_EQ(byte_field.type->kind(), TypeKind::kByte);
  EXPECT_EQ(byte_field.ColumnMappingId(), 1);
  EXPECT_EQ(byte_field.PhysicalName(), "col-adb3ab8f-9a6d-4f44-abb3-cf411d800e5f");
  EXPECT_EQ(byte_field.metadata.at("delta.columnMapping.id"), "1");
  EXPECT_EQ(byte_field.metadata.at("delta.columnMapping.physicalName"),
            "\"col-adb3ab8f-9a6d-4f44-abb3-cf411d800e5f\"");

  const StructField* dec = s->field("decimal");
  ASSERT_NE(dec, nullptr);
  EXPECT_EQ(dec->type->ToString(), "decimal(10,2)");

  const StructField* nested = s->field("nested_struct");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->ColumnMappingId(), 13);
  const StructType* ns = nested->type->as_struct();
  ASSERT_NE(ns, nullptr);
  EXPECT_EQ(ns->ToString(), "struct<aa:string,ac:struct<aca:integer>>");
  const StructField* ac = ns->field("ac");
  ASSERT_NE(ac, nullptr);
  const StructField* aca = ac->type->as_struct()->field("aca");
  ASSERT_NE(aca, nullptr);
  EXPECT_EQ(aca->ColumnMappingId(), 16);
  EXPECT_EQ(aca->PhysicalName(), "col-c091fdeb-7cca-4849-912d-5f77fa400933");

  const ArrayType* aoa = s->field("array_of_arrays")->type->as_array();
  ASSERT_NE(aoa, nullptr);
  EXPECT_TRUE(aoa->contains_null());
  ASSERT_NE(aoa->element_type()->as_array(), nullptr);
  EXPECT_EQ(aoa->element_type()->as_array()->element_type()->kind(), TypeKind::kInteger);

  const ArrayType* aos = s->field("array_of_structs")->type->as_array();
  ASSERT_NE(aos, nullptr);
  EXPECT_EQ(aos->element_type()->as_struct()->fields()[0].ColumnMappingId(), 20);

  const MapType* mor = s->field("map_of_rows")->type->as_map();
  ASSERT_NE(mor, nullptr);
  EXPECT_EQ(mor->key_type()->kind(), TypeKind::kInteger);
  EXPECT_TRUE(mor->value_contains_null());
  EXPECT_EQ(mor->value_type()->as_struct()->fields()[0].PhysicalName(),
            "col-43f9ca1b-82fe-4ad7-9e5a-1af143d2abf4");
  const MapType* moa = s->field("map_of_arrays")->type->as_map();
  ASSERT_NE(moa, nullptr);
  EXPECT_EQ(moa->ToString(), "map<long,array<integer>>");
  EXPECT_EQ(moa->as_struct(), nullptr);
  EXPECT_EQ(moa->as_array(), nullptr);

  // Round trip through our own serialiser.
  auto again = MustParse(s->ToJson());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->Equals(*s));
}

TEST(SchemaTest, VariantAtEveryNestingPosition) {
  auto s = MustParse(kVariantSchema);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ToJson(), kVariantSchema);
  EXPECT_EQ(s->field("v")->type->kind(), TypeKind::kVariant);
  EXPECT_EQ(s->field("array_of_variants")->type->as_array()->element_type()->kind(),
            TypeKind::kVariant);
  EXPECT_EQ(s->field("map_of_variants")->type->as_map()->value_type()->kind(), TypeKind::kVariant);
  EXPECT_EQ(s->field("struct_of_array_of_variants")->type->ToString(), "struct<v:array<variant>>");
  EXPECT_TRUE(ContainsTypeKind(*s->field("array_of_struct_of_variants")->type, TypeKind::kVariant));
  EXPECT_FALSE(ContainsTypeKind(*s->field("id")->type, TypeKind::kVariant));
  // A primitive written as an object is accepted too.
  auto obj = ParseDataType(R"({"type":"variant"})");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ((*obj)->kind(), TypeKind::kVariant);
}

TEST(SchemaTest, TypeWideningMetadataKeptAsJson) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string json = LatestSchema("type-widening");
  auto s = MustParse(json);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ToJson(), json);
  const StructField* f = s->field("decimal_decimal_greater_scale");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->type->ToString(), "decimal(20,5)");
  EXPECT_EQ(f->metadata.at("delta.typeChanges"),
            R"j([{"toType":"decimal(20,5)","fromType":"decimal(10,2)","tableVersion":2}])j");
  EXPECT_EQ(f->MetadataString("delta.typeChanges"),
            R"j([{"toType":"decimal(20,5)","fromType":"decimal(10,2)","tableVersion":2}])j");
  EXPECT_EQ(s->field("date_timestamp_ntz")->type->kind(), TypeKind::kTimestampNtz);
  // The first version of the same table, before the widening.
  auto first = MustParse(SchemaStrings(kTables / "type-widening" / "_delta_log").front());
  ASSERT_TRUE(first);
  EXPECT_EQ(first->field("byte_long")->type->kind(), TypeKind::kByte);
  EXPECT_TRUE(first->field("byte_long")->metadata.empty());
  EXPECT_FALSE(first->Equals(*s));
}

TEST(SchemaTest, NestedStructsWithTimestampNtzAndDecimals) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string json = LatestSchema("parquet_row_group_skipping");
  auto s = MustParse(json);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ToJson(), json);
  EXPECT_EQ(s->field("chrono")->type->ToString(),
            "struct<date32:date,timestamp:timestamp,timestamp_ntz:timestamp_ntz>");
  const StructType* decimals =
      s->field("numeric")->type->as_struct()->field("decimals")->type->as_struct();
  ASSERT_NE(decimals, nullptr);
  EXPECT_EQ(decimals->field("decimal128")->type->ToString(), "decimal(32,3)");
  EXPECT_EQ(decimals->field("decimal32")->type->ToString(), "decimal(8,3)");
  EXPECT_TRUE(ContainsTypeKind(*s, TypeKind::kTimestampNtz));
}

TEST(SchemaTest, EveryConformanceSchemaRoundTrips) {
  DELTA_REQUIRE_CONFORMANCE();
  int count = 0;
  for (const auto& table : fs::directory_iterator(kTables)) {
    fs::path log = table.path() / "_delta_log";
    if (!fs::is_directory(log)) continue;
    for (const std::string& json : SchemaStrings(log)) {
      auto s = ParseSchema(json);
      ASSERT_TRUE(s.ok()) << table.path() << ": " << s.status().ToString();
      EXPECT_EQ((*s)->ToJson(), json) << table.path();
      auto again = ParseSchema((*s)->ToJson());
      ASSERT_TRUE(again.ok());
      EXPECT_TRUE((*again)->Equals(**s)) << table.path();
      ++count;
    }
  }
  EXPECT_GE(count, 25);
}

TEST(SchemaTest, LookupExactAndCaseInsensitive) {
  auto s = MustParse(
      R"({"type":"struct","fields":[{"name":"Id","type":"long","nullable":false,"metadata":{}},)"
      R"({"name":"name","type":"string","nullable":true,"metadata":{}}]})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->FieldIndex("Id"), 0);
  EXPECT_EQ(s->FieldIndex("id"), -1);
  EXPECT_EQ(s->field("id"), nullptr);
  EXPECT_EQ(s->FieldIndex("name"), 1);
  EXPECT_EQ(s->FieldIndex("missing"), -1);
  ASSERT_NE(s->FieldIgnoreCase("ID"), nullptr);
  EXPECT_EQ(s->FieldIgnoreCase("ID")->name, "Id");
  EXPECT_FALSE(s->FieldIgnoreCase("ID")->nullable);
  EXPECT_EQ(s->FieldIndexIgnoreCase("NAME"), 1);
  EXPECT_EQ(s->FieldIgnoreCase("nam"), nullptr);

  // A wide struct uses the sorted lookup tables.
  std::vector<StructField> fields;
  for (int i = 0; i < 100; ++i) {
    fields.push_back(
        {"Col_" + std::to_string(99 - i), PrimitiveType::Make(TypeKind::kInteger), true, {}});
  }
  StructType wide(std::move(fields));
  for (int i = 0; i < 100; ++i) {
    std::string name = "Col_" + std::to_string(99 - i);
    EXPECT_EQ(wide.FieldIndex(name), i);
    std::string lower = "col_" + std::to_string(99 - i);
    EXPECT_EQ(wide.FieldIndex(lower), -1);
    EXPECT_EQ(wide.FieldIndexIgnoreCase(lower), i);
    EXPECT_EQ(wide.FieldIndexIgnoreCase("COL_" + std::to_string(99 - i)), i);
  }
  EXPECT_EQ(wide.FieldIndex("Col_100"), -1);
  EXPECT_EQ(wide.FieldIndexIgnoreCase("col_100"), -1);
  EXPECT_EQ(wide.field("Col_5")->name, "Col_5");
  // A copy keeps working lookups.
  StructType copy = wide;
  EXPECT_EQ(copy.FieldIndex("Col_7"), 92);
  EXPECT_EQ(copy.FieldIndexIgnoreCase("COL_7"), 92);
}

TEST(SchemaTest, MetadataValuesAndEscapes) {
  auto s = MustParse(
      R"({"type":"struct","fields":[{"name":"a \"q\"","type":"long","nullable":true,)"
      R"("metadata":{"comment":"line\nnext \u00e9 \ud83d\ude00 \"x\"","delta.columnMapping.id":)"
      R"("7","flag":true,"n":null,"f":1.5,"big":18446744073709551615,)"
      R"("delta.generationExpression":"a + 1","obj":{"k":[1,"two",false]}}}]})");
  ASSERT_TRUE(s);
  const StructField& f = s->fields()[0];
  EXPECT_EQ(f.name, "a \"q\"");
  EXPECT_EQ(f.MetadataString("comment"), "line\nnext \xC3\xA9 \xF0\x9F\x98\x80 \"x\"");
  EXPECT_EQ(f.metadata.at("comment"), "\"line\\nnext \xC3\xA9 \xF0\x9F\x98\x80 \\\"x\\\"\"");
  EXPECT_EQ(f.ColumnMappingId(), 7);  // a quoted number is tolerated
  EXPECT_EQ(f.PhysicalName(), std::nullopt);
  EXPECT_EQ(f.MetadataString("flag"), "true");
  EXPECT_EQ(f.MetadataString("n"), "null");
  EXPECT_EQ(f.MetadataString("f"), "1.5");
  EXPECT_EQ(f.MetadataString("big"), "18446744073709551615");
  EXPECT_EQ(f.MetadataString("delta.generationExpression"), "a + 1");
  EXPECT_EQ(f.metadata.at("obj"), R"({"k":[1,"two",false]})");
  EXPECT_EQ(f.MetadataString("missing"), std::nullopt);
  EXPECT_EQ(f.ToJson(),
            R"({"name":"a \"q\"","type":"long","nullable":true,"metadata":{"big":)"
            R"(18446744073709551615,"comment":"line\nnext )"
            "\xC3\xA9 \xF0\x9F\x98\x80"
            R"( \"x\"","delta.columnMapping.id":"7","delta.generationExpression":"a + 1",)"
            R"("f":1.5,"flag":true,"n":null,"obj":{"k":[1,"two",false]}}})");
  auto again = MustParse(s->ToJson());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->Equals(*s));
  // Missing and null metadata are both empty.
  auto bare = MustParse(R"({"type":"struct","fields":[{"name":"a","type":"long",)"
                        R"("nullable":true},{"name":"b","type":"long","nullable":true,)"
                        R"("metadata":null}]})");
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->fields()[0].metadata.empty());
  EXPECT_TRUE(bare->fields()[1].metadata.empty());
  EXPECT_EQ(bare->fields()[1].ToJson(),
            R"({"name":"b","type":"long","nullable":true,"metadata":{}})");
}

TEST(SchemaTest, EqualityDistinguishesEveryAttribute) {
  auto parse = [](std::string_view field_type, bool nullable, std::string_view md) {
    std::string json = R"({"type":"struct","fields":[{"name":"a","type":)" +
                       std::string(field_type) + R"(,"nullable":)" + (nullable ? "true" : "false") +
                       R"(,"metadata":)" + std::string(md) + "}]}";
    return MustParse(json);
  };
  auto base = parse(R"({"type":"array","elementType":"long","containsNull":true})", true, "{}");
  ASSERT_TRUE(base);
  EXPECT_TRUE(base->Equals(
      *parse(R"({"type":"array","elementType":"long","containsNull":true})", true, "{}")));
  EXPECT_FALSE(base->Equals(
      *parse(R"({"type":"array","elementType":"long","containsNull":false})", true, "{}")));
  EXPECT_FALSE(base->Equals(
      *parse(R"({"type":"array","elementType":"integer","containsNull":true})", true, "{}")));
  EXPECT_FALSE(base->Equals(
      *parse(R"({"type":"array","elementType":"long","containsNull":true})", false, "{}")));
  EXPECT_FALSE(base->Equals(*parse(R"({"type":"array","elementType":"long","containsNull":true})",
                                   true, R"({"comment":"x"})")));
  auto m1 = ParseDataType(
      R"({"type":"map","keyType":"string","valueType":"long","valueContainsNull":true})");
  auto m2 = ParseDataType(
      R"({"type":"map","keyType":"string","valueType":"long","valueContainsNull":false})");
  auto m3 = ParseDataType(
      R"({"type":"map","keyType":"binary","valueType":"long","valueContainsNull":true})");
  ASSERT_TRUE(m1.ok() && m2.ok() && m3.ok());
  EXPECT_TRUE((*m1)->Equals(**m1));
  EXPECT_FALSE((*m1)->Equals(**m2));
  EXPECT_FALSE((*m1)->Equals(**m3));
  EXPECT_EQ((*m1)->ToJson(),
            R"({"type":"map","keyType":"string","valueType":"long","valueContainsNull":true})");
  EXPECT_FALSE(PrimitiveType::Make(TypeKind::kTimestamp)
                   ->Equals(*PrimitiveType::Make(TypeKind::kTimestampNtz)));
  EXPECT_FALSE((*DecimalType::Make(10, 2))->Equals(**DecimalType::Make(10, 3)));
  EXPECT_TRUE((*DecimalType::Make(10, 2))->Equals(**DecimalType::Make(10, 2)));
}

}  // namespace
}  // namespace delta
