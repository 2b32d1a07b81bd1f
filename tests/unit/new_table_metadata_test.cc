// Tests of NewTableMetadata (txn/new_table_metadata.h).
#include "txn/new_table_metadata.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "protocol/metadata_check.h"

namespace delta {
namespace {

using Props = std::map<std::string, std::string>;

const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto r = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

const char* kFields = R"({"name":"id","type":"long","nullable":false,"metadata":{}},
  {"name":"Date","type":"date","nullable":true,"metadata":{}},
  {"name":"s","type":{"type":"struct","fields":[{"name":"x","type":"integer","nullable":true,
   "metadata":{}}]},"nullable":true,"metadata":{}})";

std::string Error(const StructType& schema, const std::vector<std::string>& parts,
                  Props props = {}) {
  auto r = NewTableMetadata(schema, parts, std::move(props), std::nullopt, std::nullopt, 0);
  return r.ok() ? "OK" : r.status().ToString();
}

TEST(NewTableMetadataTest, PlainTable) {
  auto schema = Schema(kFields);
  auto r = NewTableMetadata(*schema, {"date"},
                            {{"delta.appendOnly", "true"},
                             {"delta.feature.deletionVectors", "supported"},
                             {"delta.minWriterVersion", "7"}},
                            "events", "all events", 1700000000123);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(std::regex_match(r->id, kUuid)) << r->id;
  EXPECT_EQ(r->name, "events");
  EXPECT_EQ(r->description, "all events");
  EXPECT_EQ(r->format_provider, "parquet");
  EXPECT_TRUE(r->format_options.empty());
  EXPECT_EQ(r->schema_string, schema->ToJson());
  EXPECT_EQ(r->partition_columns, std::vector<std::string>{"Date"});
  EXPECT_EQ(r->configuration, (Props{{"delta.appendOnly", "true"}}));
  EXPECT_EQ(r->created_time, 1700000000123);
  EXPECT_TRUE(CheckMetadata(*r, *schema).ok());
  // Two tables never share an id.
  auto other = NewTableMetadata(*schema, {}, {}, std::nullopt, std::nullopt, 0);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->id, r->id);
  EXPECT_EQ(other->name, std::nullopt);
}

TEST(NewTableMetadataTest, PartitionColumnErrors) {
  auto schema = Schema(kFields);
  EXPECT_EQ(Error(*schema, {"nope"}),
            "InvalidArgument: partition column 'nope' is not a column of the schema");
  EXPECT_EQ(Error(*schema, {"s.x"}),
            "InvalidArgument: partition column 's.x' is not a top-level column of the schema");
  EXPECT_EQ(Error(*schema, {"S"}),
            "InvalidArgument: partition column 's' has type struct<x:integer>; partition "
            "columns must be of a primitive type");
  EXPECT_EQ(Error(*schema, {"id", "ID"}), "InvalidArgument: partition column 'id' is listed twice");
  auto two = Schema(R"({"name":"a","type":"long","nullable":true,"metadata":{}},
                       {"name":"b","type":"string","nullable":true,"metadata":{}})");
  EXPECT_EQ(Error(*two, {"a", "b"}),
            "InvalidArgument: every column is a partition column; a table needs at least one "
            "data column");
  EXPECT_EQ(Error(*two, {"b"}), "OK");
}

TEST(NewTableMetadataTest, PropertyAndNameErrors) {
  auto schema = Schema(kFields);
  auto bad = NewTableMetadata(*schema, {}, {{"delta.checkpointInterval", "0"}}, std::nullopt,
                              std::nullopt, 0);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("delta.checkpointInterval"), std::string::npos);
  auto spaced = Schema(R"({"name":"a b","type":"long","nullable":true,"metadata":{}})");
  EXPECT_EQ(Error(*spaced, {}),
            "InvalidArgument: column 'a b' has a character among ' ,;{}()\\n\\t=' in its name; "
            "such names need column mapping (delta.columnMapping.mode=name)");
  EXPECT_EQ(Error(*spaced, {}, {{"delta.columnMapping.mode", "name"}}), "OK");
  auto L = PrimitiveType::Make(TypeKind::kLong);
  StructType twice({StructField{"a", L, true, {}}, StructField{"A", L, true, {}}});
  EXPECT_EQ(Error(twice, {}),
            "InvalidArgument: column 'A' appears twice (as 'a' and 'A'; names are "
            "case-insensitive)");
  EXPECT_EQ(Error(StructType({}), {}), "InvalidArgument: a table needs at least one column");
}

TEST(NewTableMetadataTest, ColumnMappingAssignsIdsAndMaxColumnId) {
  auto schema = Schema(kFields);
  auto r = NewTableMetadata(*schema, {"Date"}, {{"delta.columnMapping.mode", "name"}}, std::nullopt,
                            std::nullopt, 5);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->configuration, (Props{{"delta.columnMapping.mode", "name"},
                                     {"delta.columnMapping.maxColumnId", "4"}}));
  EXPECT_EQ(r->partition_columns, std::vector<std::string>{"Date"});  // logical name
  auto stored = ParseSchema(r->schema_string);
  ASSERT_TRUE(stored.ok());
  const StructType& s = **stored;
  EXPECT_EQ(s.field("id")->ColumnMappingId(), 1);
  EXPECT_EQ(s.field("Date")->ColumnMappingId(), 2);
  EXPECT_EQ(s.field("s")->ColumnMappingId(), 3);
  EXPECT_EQ(s.field("s")->type->as_struct()->field("x")->ColumnMappingId(), 4);
  EXPECT_TRUE(std::regex_match(*s.field("id")->PhysicalName(), std::regex("col-.{36}")));
  EXPECT_TRUE(CheckMetadata(*r, s).ok());
}

TEST(NewTableMetadataTest, RowTrackingColumnNames) {
  auto r = NewTableMetadata(*Schema(kFields), {}, {{"delta.enableRowTracking", "true"}},
                            std::nullopt, std::nullopt, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->configuration.size(), 3u);
  const std::string& row_id = r->configuration.at("delta.rowTracking.materializedRowIdColumnName");
  const std::string& version =
      r->configuration.at("delta.rowTracking.materializedRowCommitVersionColumnName");
  EXPECT_TRUE(row_id.starts_with("_row-id-col-") && std::regex_match(row_id.substr(12), kUuid))
      << row_id;
  EXPECT_TRUE(version.starts_with("_row-commit-version-col-") &&
              std::regex_match(version.substr(24), kUuid))
      << version;
  auto given = NewTableMetadata(*Schema(kFields), {},
                                {{"delta.enableRowTracking", "true"},
                                 {"delta.rowTracking.materializedRowIdColumnName", "rid"}},
                                std::nullopt, std::nullopt, 0);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->configuration.at("delta.rowTracking.materializedRowIdColumnName"), "rid");
}

TEST(NewTableMetadataTest, DefineNewTableDerivesProtocolAndMetadata) {
  auto schema = Schema(R"({"name":"id","type":"long","nullable":true,"metadata":{}},
                          {"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}})");
  auto r = DefineNewTable(*schema, {"t"},
                          {{"delta.columnMapping.mode", "id"},
                           {"delta.feature.v2Checkpoint", "supported"},
                           {"delta.enableChangeDataFeed", "true"}},
                          "t1", std::nullopt, 42);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->protocol.min_reader_version, 3);
  EXPECT_EQ(r->protocol.min_writer_version, 7);
  EXPECT_EQ(r->protocol.reader_features,
            (std::vector<std::string>{"columnMapping", "timestampNtz", "v2Checkpoint"}));
  EXPECT_EQ(r->protocol.writer_features,
            (std::vector<std::string>{"changeDataFeed", "columnMapping", "timestampNtz",
                                      "v2Checkpoint"}));
  EXPECT_EQ(r->metadata.configuration, (Props{{"delta.columnMapping.mode", "id"},
                                              {"delta.columnMapping.maxColumnId", "2"},
                                              {"delta.enableChangeDataFeed", "true"}}));
  EXPECT_EQ(r->metadata.partition_columns, std::vector<std::string>{"t"});
  EXPECT_EQ(r->metadata.created_time, 42);
  EXPECT_EQ(r->schema->ToJson(), r->metadata.schema_string);
  EXPECT_EQ(r->schema->field("t")->ColumnMappingId(), 2);
  auto bad = DefineNewTable(*schema, {}, {{"delta.feature.bogus", "supported"}}, std::nullopt,
                            std::nullopt, 0);
  EXPECT_EQ(bad.status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace delta
