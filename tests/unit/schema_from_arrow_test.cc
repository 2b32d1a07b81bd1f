// Tests of SchemaFromArrow (protocol/schema_from_arrow.h): Arrow C schemas to Delta schemas.
#include "protocol/schema_from_arrow.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "protocol/arrow_schema_builder.h"
#include "scan/scan_arrow_schema.h"

namespace delta {
namespace {

ArrowField F(std::string name, std::string format, bool nullable = true) {
  return ArrowField{std::move(name), std::move(format), nullable, {}, {}, 0};
}

Result<std::shared_ptr<const StructType>> FromFields(std::vector<ArrowField> fields) {
  ArrowSchemaHandle handle = ArrowField::Struct("", std::move(fields), false).Export();
  return SchemaFromArrow(*handle.get());
}

std::string SchemaText(std::vector<ArrowField> fields) {
  auto r = FromFields(std::move(fields));
  if (!r.ok()) return "error: " + r.status().ToString();
  return (*r)->ToString();
}

TEST(SchemaFromArrowTest, EveryPrimitive) {
  EXPECT_EQ(
      SchemaText({F("a", "b"), F("b", "c"), F("c", "s"), F("d", "i"), F("e", "l"), F("f", "f"),
                  F("g", "g"), F("h", "u"), F("i", "U"), F("j", "vu"), F("k", "z"), F("l", "Z"),
                  F("m", "vz"), F("n", "w:16"), F("o", "tdD"), F("p", "n")}),
      "struct<a:boolean,b:byte,c:short,d:integer,e:long,f:float,g:double,h:string,"
      "i:string,j:string,k:binary,l:binary,m:binary,n:binary,o:date,p:void>");
}

TEST(SchemaFromArrowTest, TimestampsByTimeZone) {
  EXPECT_EQ(SchemaText({F("a", "tsu:UTC"), F("b", "tsu:"), F("c", "tsn:America/New_York"),
                        F("d", "tsm:"), F("e", "tss:+01:00"), F("f", "tsn:")}),
            "struct<a:timestamp,b:timestamp_ntz,c:timestamp,d:timestamp_ntz,e:timestamp,"
            "f:timestamp_ntz>");
}

TEST(SchemaFromArrowTest, Decimals) {
  EXPECT_EQ(
      SchemaText({F("a", "d:10,2"), F("b", "d:38,0,128"), F("c", "d:9,9,32"), F("d", "d:18,3,64")}),
      "struct<a:decimal(10,2),b:decimal(38,0),c:decimal(9,9),d:decimal(18,3)>");
  auto wide = FromFields({F("a", "d:39,2")});
  EXPECT_EQ(wide.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(wide.status().message().find("'d:39,2'"), std::string::npos);
  auto d256 = FromFields({F("a", "d:10,2,256")});
  EXPECT_EQ(d256.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(d256.status().message(),
            "column 'a' has Arrow type 'd:10,2,256', which has no Delta type");
  EXPECT_EQ(FromFields({F("a", "d:x")}).status().code(), StatusCode::kInvalidArgument);
}

TEST(SchemaFromArrowTest, NullabilityFromFlags) {
  auto r = FromFields({F("a", "l", false), F("b", "l", true)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE((*r)->fields()[0].nullable);
  EXPECT_TRUE((*r)->fields()[1].nullable);
  EXPECT_TRUE((*r)->fields()[0].metadata.empty());
}

TEST(SchemaFromArrowTest, NestedTypes) {
  ArrowField list_of_long = ArrowField::List("xs", F("item", "l", false));
  ArrowField large_list{"ys", "+L", true, {}, {F("item", "u", true)}, 0};
  ArrowField fixed_list{"zs", "+w:3", true, {}, {F("item", "g", true)}, 0};
  ArrowField map = ArrowField::Map("m", F("k", "u"), F("v", "i", false), false);
  ArrowField st = ArrowField::Struct("s", {F("x", "i"), ArrowField::StringMap("tags")});
  auto r = FromFields({list_of_long, large_list, fixed_list, map, st});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->ToJson(),
            R"({"type":"struct","fields":[)"
            R"({"name":"xs","type":{"type":"array","elementType":"long","containsNull":false},)"
            R"("nullable":true,"metadata":{}},)"
            R"({"name":"ys","type":{"type":"array","elementType":"string","containsNull":true},)"
            R"("nullable":true,"metadata":{}},)"
            R"({"name":"zs","type":{"type":"array","elementType":"double","containsNull":true},)"
            R"("nullable":true,"metadata":{}},)"
            R"({"name":"m","type":{"type":"map","keyType":"string","valueType":"integer",)"
            R"("valueContainsNull":false},"nullable":false,"metadata":{}},)"
            R"({"name":"s","type":{"type":"struct","fields":[)"
            R"({"name":"x","type":"integer","nullable":true,"metadata":{}},)"
            R"({"name":"tags","type":{"type":"map","keyType":"string","valueType":"string",)"
            R"("valueContainsNull":true},"nullable":true,"metadata":{}}]},)"
            R"("nullable":true,"metadata":{}}]})");
}

TEST(SchemaFromArrowTest, DictionaryTakesValueType) {
  ArrowSchemaHandle values = F("", "u").Export();
  ArrowSchemaHandle handle = ArrowField::Struct("", {F("d", "i")}, false).Export();
  ArrowSchema* field = handle.get()->children[0];
  field->dictionary = values.get();
  auto r = SchemaFromArrow(*handle.get());
  field->dictionary = nullptr;  // owned by `values`
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)->ToString(), "struct<d:string>");
}

TEST(SchemaFromArrowTest, UnsupportedTypesNameThePathAndFormat) {
  for (const char* format : {"C", "S", "I", "L", "e", "tdm", "tts", "ttm", "ttu", "ttn", "tDs",
                             "tiM", "tiD", "tin", "+ud:0,1", "+us:0", "+r"}) {
    ArrowField leaf = F("bad", format);
    if (std::string(format).starts_with("+")) leaf.children = {F("a", "i"), F("b", "u")};
    auto r = FromFields({F("ok", "l"), ArrowField::Struct("outer", {leaf})});
    EXPECT_EQ(r.status().code(), StatusCode::kUnsupported) << format;
    EXPECT_EQ(r.status().message(), "column 'outer.bad' has Arrow type '" + std::string(format) +
                                        "', which has no Delta type");
  }
  auto in_list = FromFields({ArrowField::List("xs", F("item", "C"))});
  EXPECT_EQ(in_list.status().message(),
            "column 'xs.element' has Arrow type 'C', which has no Delta type");
}

TEST(SchemaFromArrowTest, MalformedSchemas) {
  ArrowSchemaHandle not_struct = F("x", "l").Export();
  auto r = SchemaFromArrow(*not_struct.get());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "a table schema must be an Arrow struct ('+s'), got Arrow type 'l'");
  ArrowField list_without_child{"xs", "+l", true, {}, {}, 0};
  EXPECT_EQ(FromFields({list_without_child}).status().message(),
            "column 'xs': Arrow type '+l' is missing child 0");
  auto dup = FromFields({F("Id", "l"), F("id", "l")});
  EXPECT_EQ(dup.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dup.status().message(),
            "column 'id' appears twice (as 'Id' and 'id'; names are case-insensitive)");
}

// Delta -> Arrow (ToArrowSchema, what scans and the writer use) -> Delta is the identity.
TEST(SchemaFromArrowTest, RoundTripsThroughToArrowSchema) {
  auto schema = ParseSchema(R"json({"type":"struct","fields":[
    {"name":"b","type":"boolean","nullable":false,"metadata":{}},
    {"name":"y","type":"byte","nullable":true,"metadata":{}},
    {"name":"sh","type":"short","nullable":true,"metadata":{}},
    {"name":"i","type":"integer","nullable":true,"metadata":{}},
    {"name":"l","type":"long","nullable":false,"metadata":{}},
    {"name":"f","type":"float","nullable":true,"metadata":{}},
    {"name":"d","type":"double","nullable":true,"metadata":{}},
    {"name":"s","type":"string","nullable":true,"metadata":{}},
    {"name":"bin","type":"binary","nullable":true,"metadata":{}},
    {"name":"dt","type":"date","nullable":true,"metadata":{}},
    {"name":"ts","type":"timestamp","nullable":true,"metadata":{}},
    {"name":"ntz","type":"timestamp_ntz","nullable":true,"metadata":{}},
    {"name":"dec","type":"decimal(38,18)","nullable":true,"metadata":{}},
    {"name":"arr","type":{"type":"array","elementType":{"type":"array","elementType":"integer",
      "containsNull":false},"containsNull":true},"nullable":true,"metadata":{}},
    {"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"struct","fields":[
      {"name":"v","type":"long","nullable":false,"metadata":{}}]},"valueContainsNull":false},
      "nullable":true,"metadata":{}},
    {"name":"st","type":{"type":"struct","fields":[
      {"name":"inner","type":{"type":"struct","fields":[
        {"name":"x","type":"double","nullable":true,"metadata":{}}]},
       "nullable":false,"metadata":{}}]},"nullable":true,"metadata":{}}
  ]})json");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto arrow = ToArrowSchema(**schema, /*with_field_ids=*/false);
  ASSERT_TRUE(arrow.ok()) << arrow.status().ToString();
  auto back = SchemaFromArrow(*arrow->get());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE((*back)->Equals(**schema)) << (*back)->ToJson();
  EXPECT_EQ((*back)->ToJson(), (*schema)->ToJson());
}

}  // namespace
}  // namespace delta
