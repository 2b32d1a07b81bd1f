// Tests of AssignColumnMapping (protocol/column_mapping_assign.h) and FindColumnWithMetadata
// (protocol/column_metadata_search.h).
#include "protocol/column_mapping_assign.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "protocol/column_metadata_search.h"

namespace delta {
namespace {

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto r = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

// Every field with its id and whether its physical name has the col-<uuid> form, depth first.
void Collect(const DataType& type, const std::string& path, std::vector<std::string>* out,
             std::set<std::string>* physical) {
  static const std::regex kUuidName(
      "col-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  if (const StructType* st = type.as_struct()) {
    for (const StructField& f : st->fields()) {
      std::string p = path.empty() ? f.name : path + "." + f.name;
      std::string name = f.PhysicalName().value_or("");
      out->push_back(p + "=" + std::to_string(f.ColumnMappingId().value_or(-1)) +
                     (std::regex_match(name, kUuidName) ? "" : ":" + name));
      physical->insert(name);
      Collect(*f.type, p, out, physical);
    }
  } else if (const ArrayType* at = type.as_array()) {
    Collect(*at->element_type(), path + "[]", out, physical);
  } else if (const MapType* mt = type.as_map()) {
    Collect(*mt->key_type(), path + "{k}", out, physical);
    Collect(*mt->value_type(), path + "{v}", out, physical);
  }
}

TEST(ColumnMappingAssignTest, AssignsIdsDepthFirstAndUuidNames) {
  auto schema = Schema(R"(
    {"name":"a","type":"long","nullable":true,"metadata":{}},
    {"name":"s","type":{"type":"struct","fields":[
      {"name":"x","type":"integer","nullable":true,"metadata":{}},
      {"name":"y","type":"integer","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},
    {"name":"arr","type":{"type":"array","elementType":{"type":"struct","fields":[
      {"name":"e","type":"string","nullable":true,"metadata":{}}]},"containsNull":true},
     "nullable":true,"metadata":{}},
    {"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"struct","fields":[
      {"name":"v","type":"double","nullable":true,"metadata":{}}]},"valueContainsNull":true},
     "nullable":true,"metadata":{"comment":"kept"}})");
  int64_t max_id = 0;
  auto r = AssignColumnMapping(*schema, &max_id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> fields;
  std::set<std::string> physical;
  Collect(**r, "", &fields, &physical);
  EXPECT_EQ(fields, (std::vector<std::string>{"a=1", "s=2", "s.x=3", "s.y=4", "arr=5", "arr[].e=6",
                                              "m=7", "m{v}.v=8"}));
  EXPECT_EQ(physical.size(), 8u);  // all distinct
  EXPECT_EQ(max_id, 8);
  EXPECT_EQ((*r)->field("m")->metadata.at("comment"), "\"kept\"");
  EXPECT_EQ((*r)->field("a")->metadata.at("delta.columnMapping.id"), "1");
  // The result serialises as the protocol wants: id a number, physical name a string.
  EXPECT_NE(
      (*r)->ToJson().find(R"("delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-)"),
      std::string::npos);
}

TEST(ColumnMappingAssignTest, KeepsExistingIdsAndNames) {
  auto schema = Schema(R"(
    {"name":"a","type":"long","nullable":true,
     "metadata":{"delta.columnMapping.id":7,"delta.columnMapping.physicalName":"col-a"}},
    {"name":"b","type":"long","nullable":true,"metadata":{}},
    {"name":"c","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":3}},
    {"name":"d","type":"long","nullable":true,
     "metadata":{"delta.columnMapping.physicalName":"d_phys"}})");
  int64_t max_id = 5;  // the table's delta.columnMapping.maxColumnId
  auto r = AssignColumnMapping(*schema, &max_id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> fields;
  std::set<std::string> physical;
  Collect(**r, "", &fields, &physical);
  // New ids continue after the highest of maxColumnId and the ids present.
  EXPECT_EQ(fields, (std::vector<std::string>{"a=7:col-a", "b=8", "c=3", "d=9:d_phys"}));
  EXPECT_EQ(max_id, 9);
  // Applying it again changes nothing.
  int64_t again = max_id;
  auto r2 = AssignColumnMapping(**r, &again);
  ASSERT_TRUE(r2.ok());
  EXPECT_TRUE((*r2)->Equals(**r));
  EXPECT_EQ(again, 9);
}

TEST(ColumnMappingAssignTest, BadIdsAreNamed) {
  int64_t max_id = 0;
  auto dup = AssignColumnMapping(
      *Schema(R"({"name":"a","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":1}},
                 {"name":"s","type":{"type":"struct","fields":[{"name":"b","type":"long",
                  "nullable":true,"metadata":{"delta.columnMapping.id":1}}]},
                  "nullable":true,"metadata":{}})"),
      &max_id);
  EXPECT_EQ(dup.status().ToString(),
            "InvalidArgument: column 's.b' repeats delta.columnMapping.id 1");
  auto bad = AssignColumnMapping(*Schema(R"({"name":"a","type":"long","nullable":true,
                  "metadata":{"delta.columnMapping.id":"x"}})"),
                                 &max_id);
  EXPECT_EQ(bad.status().ToString(),
            "InvalidArgument: column 'a' has an invalid delta.columnMapping.id \"x\"");
  EXPECT_EQ(max_id, 0);
}

TEST(ColumnMetadataSearchTest, FindsTheFirstMarkedColumn) {
  auto schema = Schema(R"(
    {"name":"a","type":"long","nullable":true,"metadata":{}},
    {"name":"arr","type":{"type":"array","elementType":{"type":"struct","fields":[
      {"name":"g","type":"long","nullable":true,"metadata":{"delta.generationExpression":"1"}}]},
      "containsNull":true},"nullable":true,"metadata":{}},
    {"name":"i","type":"long","nullable":true,"metadata":{"delta.identity.start":1}})");
  EXPECT_EQ(FindColumnWithMetadata(*schema, "delta.generationExpression"), "arr.element.g");
  EXPECT_EQ(FindColumnWithMetadata(*schema, "delta.identity."), "i");
  EXPECT_EQ(FindColumnWithMetadata(*schema, "delta.invariants"), std::nullopt);
}

}  // namespace
}  // namespace delta
