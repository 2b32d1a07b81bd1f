#include "log/checkpoint_decoder.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/file.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>
#include <parquet/arrow/reader.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/default_engine.h"
#include "log/checkpoint_schema.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers: checkpoint-shaped batches built with Arrow C++ and exported through the C interface.

struct Exported {
  ArrowSchemaHandle schema;
  ArrowArrayHandle array;
};

Exported Export(const std::shared_ptr<arrow::Array>& a) {
  ArrowSchema s;
  ArrowArray arr;
  arrow::Status st = arrow::ExportArray(*a, &arr, &s);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return {ArrowSchemaHandle(&s), ArrowArrayHandle(&arr)};
}

// The checkpoint read schema as an Arrow C++ struct type.
std::shared_ptr<arrow::DataType> ReadType(
    const CheckpointActionSet& actions = CheckpointActionSet::All()) {
  ArrowSchemaHandle h = CheckpointReadSchema(actions).Export();
  auto type = arrow::ImportType(h.get());
  EXPECT_TRUE(type.ok()) << type.status().ToString();
  return *type;
}

std::shared_ptr<arrow::Array> Rows(const std::shared_ptr<arrow::DataType>& type,
                                   const std::string& json) {
  auto r = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

Status Decode(const std::shared_ptr<arrow::Array>& rows, ActionBatch* out,
              std::string_view file = "00000000000000000010.checkpoint.parquet",
              int64_t first_row = 0) {
  Exported e = Export(rows);
  return DecodeCheckpointBatch(*e.schema.get(), *e.array.get(), out, file, first_row);
}

std::map<std::string, std::optional<std::string>> AsMap(std::span<const PartitionValue> pvs) {
  std::map<std::string, std::optional<std::string>> out;
  for (const PartitionValue& pv : pvs) {
    out[std::string(pv.column)] =
        pv.value ? std::optional<std::string>(std::string(*pv.value)) : std::nullopt;
  }
  return out;
}

std::map<std::string, std::optional<std::string>> AsMap(std::span<const KeyValue> kvs) {
  std::map<std::string, std::optional<std::string>> out;
  for (const KeyValue& kv : kvs) {
    out[std::string(kv.key)] =
        kv.value ? std::optional<std::string>(std::string(*kv.value)) : std::nullopt;
  }
  return out;
}

using OptMap = std::map<std::string, std::optional<std::string>>;

// ---------------------------------------------------------------------------------------------
// Decoding synthetic batches

TEST(CheckpointDecoderTest, DecodesEveryActionKind) {
  auto rows = Rows(ReadType(), R"([
    {"protocol": {"minReaderVersion": 3, "minWriterVersion": 7,
                  "readerFeatures": ["deletionVectors"],
                  "writerFeatures": ["deletionVectors", "domainMetadata"]}},
    {"metaData": {"id": "id-1", "name": "t", "description": null,
                  "format": {"provider": "parquet", "options": [["k", "v"]]},
                  "schemaString": "{\"type\":\"struct\",\"fields\":[]}",
                  "partitionColumns": ["p", "q"],
                  "configuration": [["delta.enableDeletionVectors", "true"], ["dropped", null]],
                  "createdTime": 123}},
    {"add": {"path": "p=1/a.parquet", "partitionValues": [["p", "1"], ["q", null]],
             "size": 100, "modificationTime": 1000, "dataChange": false,
             "stats": "{\"numRecords\":7}", "tags": [["t", "x"], ["n", null]],
             "deletionVector": {"storageType": "u", "pathOrInlineDv": "ab^-aqEH.-t@S}K{vb[*k^",
                                "offset": 4, "sizeInBytes": 40, "cardinality": 6},
             "baseRowId": 10, "defaultRowCommitVersion": 2, "clusteringProvider": "liquid"}},
    {"add": {"path": "b.parquet", "partitionValues": [], "size": 5, "modificationTime": 6,
             "dataChange": true,
             "deletionVector": {"storageType": "i", "pathOrInlineDv": "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L",
                                "sizeInBytes": 40, "cardinality": 6}}},
    {"remove": {"path": "c.parquet", "deletionTimestamp": 77, "dataChange": true,
                "extendedFileMetadata": true, "partitionValues": [["p", ""]], "size": 9,
                "tags": [["a", "b"]],
                "deletionVector": {"storageType": "p", "pathOrInlineDv": "s3://b/dv.bin",
                                   "offset": 1, "sizeInBytes": 3, "cardinality": 2},
                "baseRowId": 1, "defaultRowCommitVersion": 0}},
    {"remove": {"path": "d.parquet", "dataChange": false}},
    {"txn": {"appId": "app", "version": 42, "lastUpdated": 99}},
    {"domainMetadata": {"domain": "delta.rowTracking", "configuration": "{}", "removed": false}},
    {"checkpointMetadata": {"version": 7, "tags": [["numOfAddFiles", "2"]]}},
    {"sidecar": {"path": "s.parquet", "sizeInBytes": 11, "modificationTime": 12,
                 "tags": [["x", "y"]]}},
    {}
  ])");
  ASSERT_NE(rows, nullptr);
  ActionBatch out;
  Status st = Decode(rows, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();

  ASSERT_TRUE(out.protocol.has_value());
  EXPECT_EQ(out.protocol->min_reader_version, 3);
  EXPECT_EQ(out.protocol->min_writer_version, 7);
  EXPECT_EQ(out.protocol->reader_features, std::vector<std::string>{"deletionVectors"});
  EXPECT_EQ(out.protocol->writer_features,
            (std::vector<std::string>{"deletionVectors", "domainMetadata"}));

  ASSERT_TRUE(out.metadata.has_value());
  const Metadata& m = *out.metadata;
  EXPECT_EQ(m.id, "id-1");
  EXPECT_EQ(m.name, "t");
  EXPECT_EQ(m.description, std::nullopt);
  EXPECT_EQ(m.format_provider, "parquet");
  EXPECT_EQ(m.format_options, (std::map<std::string, std::string>{{"k", "v"}}));
  EXPECT_EQ(m.schema_string, R"({"type":"struct","fields":[]})");
  EXPECT_EQ(m.partition_columns, (std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(m.configuration,
            (std::map<std::string, std::string>{{"delta.enableDeletionVectors", "true"}}));
  EXPECT_EQ(m.created_time, 123);

  ASSERT_EQ(out.adds.size(), 2u);
  const AddFile& a = out.adds[0];
  EXPECT_EQ(a.path, "p=1/a.parquet");
  EXPECT_EQ(AsMap(a.partition_values), (OptMap{{"p", "1"}, {"q", std::nullopt}}));
  EXPECT_EQ(a.size, 100);
  EXPECT_EQ(a.modification_time, 1000);
  EXPECT_FALSE(a.data_change);
  EXPECT_EQ(a.stats, R"({"numRecords":7})");
  EXPECT_EQ(a.NumRecords(), 7);
  EXPECT_EQ(AsMap(a.tags), (OptMap{{"t", "x"}, {"n", std::nullopt}}));
  ASSERT_NE(a.deletion_vector, nullptr);
  EXPECT_EQ(a.deletion_vector->storage_type, 'u');
  EXPECT_EQ(a.deletion_vector->path_or_inline, "ab^-aqEH.-t@S}K{vb[*k^");
  EXPECT_EQ(a.deletion_vector->offset, 4);
  EXPECT_EQ(a.deletion_vector->size_in_bytes, 40);
  EXPECT_EQ(a.deletion_vector->cardinality, 6);
  EXPECT_EQ(a.deletion_vector->UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@4");
  EXPECT_EQ(a.base_row_id, 10);
  EXPECT_EQ(a.default_row_commit_version, 2);
  EXPECT_EQ(a.clustering_provider, "liquid");

  const AddFile& b = out.adds[1];
  EXPECT_EQ(b.path, "b.parquet");
  EXPECT_TRUE(b.partition_values.empty());
  EXPECT_EQ(b.size, 5);
  EXPECT_EQ(b.modification_time, 6);
  EXPECT_TRUE(b.data_change);
  EXPECT_TRUE(b.stats.empty());
  EXPECT_EQ(b.NumRecords(), std::nullopt);
  EXPECT_TRUE(b.tags.empty());
  ASSERT_NE(b.deletion_vector, nullptr);
  EXPECT_EQ(b.deletion_vector->storage_type, 'i');
  EXPECT_EQ(b.deletion_vector->offset, std::nullopt);
  EXPECT_EQ(b.deletion_vector->UniqueId(), "iwi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L");
  EXPECT_EQ(b.base_row_id, std::nullopt);
  EXPECT_EQ(b.default_row_commit_version, std::nullopt);
  EXPECT_TRUE(b.clustering_provider.empty());

  ASSERT_EQ(out.removes.size(), 2u);
  const RemoveFile& r = out.removes[0];
  EXPECT_EQ(r.path, "c.parquet");
  EXPECT_EQ(r.deletion_timestamp, 77);
  EXPECT_TRUE(r.data_change);
  EXPECT_TRUE(r.extended_file_metadata);
  EXPECT_EQ(AsMap(r.partition_values), (OptMap{{"p", ""}}));
  EXPECT_EQ(r.size, 9);
  EXPECT_EQ(AsMap(r.tags), (OptMap{{"a", "b"}}));
  ASSERT_NE(r.deletion_vector, nullptr);
  EXPECT_EQ(r.deletion_vector->UniqueId(), "ps3://b/dv.bin@1");
  EXPECT_EQ(r.base_row_id, 1);
  EXPECT_EQ(r.default_row_commit_version, 0);
  const RemoveFile& r2 = out.removes[1];
  EXPECT_EQ(r2.path, "d.parquet");
  EXPECT_EQ(r2.deletion_timestamp, std::nullopt);
  EXPECT_FALSE(r2.data_change);
  EXPECT_FALSE(r2.extended_file_metadata);
  EXPECT_EQ(r2.size, std::nullopt);
  EXPECT_EQ(r2.deletion_vector, nullptr);

  ASSERT_EQ(out.txns.size(), 1u);
  EXPECT_EQ(out.txns[0], (SetTransaction{"app", 42, 99}));
  ASSERT_EQ(out.domain_metadata.size(), 1u);
  EXPECT_EQ(out.domain_metadata[0], (DomainMetadata{"delta.rowTracking", "{}", false}));
  ASSERT_TRUE(out.checkpoint_metadata.has_value());
  EXPECT_EQ(out.checkpoint_metadata->version, 7);
  EXPECT_EQ(out.checkpoint_metadata->tags,
            (std::map<std::string, std::string>{{"numOfAddFiles", "2"}}));
  ASSERT_EQ(out.sidecars.size(), 1u);
  EXPECT_EQ(out.sidecars[0].path, "s.parquet");
  EXPECT_EQ(out.sidecars[0].size_in_bytes, 11);
  EXPECT_EQ(out.sidecars[0].modification_time, 12);
  EXPECT_TRUE(out.cdcs.empty());
  EXPECT_FALSE(out.commit_info.has_value());
}

TEST(CheckpointDecoderTest, ARowWithSeveralActionsYieldsAllOfThem) {
  auto rows = Rows(ReadType(), R"([
    {"add": {"path": "a", "partitionValues": [], "size": 1, "modificationTime": 2,
             "dataChange": true},
     "txn": {"appId": "x", "version": 3},
     "remove": {"path": "b", "dataChange": true}}
  ])");
  ActionBatch out;
  ASSERT_TRUE(Decode(rows, &out).ok());
  ASSERT_EQ(out.adds.size(), 1u);
  EXPECT_EQ(out.adds[0].path, "a");
  ASSERT_EQ(out.removes.size(), 1u);
  EXPECT_EQ(out.removes[0].path, "b");
  ASSERT_EQ(out.txns.size(), 1u);
  EXPECT_EQ(out.txns[0].app_id, "x");
  EXPECT_EQ(out.txns[0].last_updated, std::nullopt);
}

TEST(CheckpointDecoderTest, OldWritersMissingColumnsAndOtherIntegerWidths) {
  // As old writers lay it out: no DV, tags, row tracking or features; int32/int64 swapped;
  // columns in another order; an unknown action column (commitInfo) that must be ignored.
  auto dv_type = arrow::struct_(
      {arrow::field("storageType", arrow::utf8()), arrow::field("pathOrInlineDv", arrow::utf8()),
       arrow::field("offset", arrow::int64()), arrow::field("sizeInBytes", arrow::int64()),
       arrow::field("cardinality", arrow::int32())});
  auto type = arrow::struct_(
      {arrow::field("commitInfo", arrow::struct_({arrow::field("operation", arrow::utf8())})),
       arrow::field("protocol", arrow::struct_({arrow::field("minWriterVersion", arrow::int64()),
                                                arrow::field("minReaderVersion", arrow::int8())})),
       arrow::field(
           "add", arrow::struct_(
                      {arrow::field("size", arrow::int32()), arrow::field("path", arrow::utf8()),
                       arrow::field("modificationTime", arrow::int32()),
                       arrow::field("dataChange", arrow::boolean()),
                       arrow::field("partitionValues", arrow::map(arrow::utf8(), arrow::utf8()))})),
       arrow::field("remove", arrow::struct_({arrow::field("path", arrow::large_utf8()),
                                              arrow::field("dataChange", arrow::boolean()),
                                              arrow::field("deletionVector", dv_type)})),
       arrow::field("txn", arrow::struct_({arrow::field("appId", arrow::utf8()),
                                           arrow::field("version", arrow::int32())}))});
  auto rows = Rows(type, R"([
    {"commitInfo": {"operation": "WRITE"}},
    {"protocol": {"minWriterVersion": 2, "minReaderVersion": 1}},
    {"add": {"size": 123, "path": "f", "modificationTime": 5, "dataChange": false,
             "partitionValues": [["p", "v"]]}},
    {"remove": {"path": "g", "dataChange": true,
                "deletionVector": {"storageType": "u", "pathOrInlineDv": "abc", "offset": 9,
                                   "sizeInBytes": 10, "cardinality": 11}}},
    {"txn": {"appId": "a", "version": 2147483647}}
  ])");
  ActionBatch out;
  Status st = Decode(rows, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(out.protocol.has_value());
  EXPECT_EQ(out.protocol->min_reader_version, 1);
  EXPECT_EQ(out.protocol->min_writer_version, 2);
  EXPECT_EQ(out.protocol->reader_features, std::nullopt);
  EXPECT_EQ(out.protocol->writer_features, std::nullopt);
  ASSERT_EQ(out.adds.size(), 1u);
  EXPECT_EQ(out.adds[0].size, 123);
  EXPECT_EQ(out.adds[0].modification_time, 5);
  EXPECT_EQ(AsMap(out.adds[0].partition_values), (OptMap{{"p", "v"}}));
  EXPECT_EQ(out.adds[0].deletion_vector, nullptr);
  EXPECT_TRUE(out.adds[0].tags.empty());
  ASSERT_EQ(out.removes.size(), 1u);
  ASSERT_NE(out.removes[0].deletion_vector, nullptr);
  EXPECT_EQ(out.removes[0].deletion_vector->UniqueId(), "uabc@9");
  EXPECT_EQ(out.removes[0].deletion_vector->size_in_bytes, 10);
  EXPECT_EQ(out.removes[0].deletion_vector->cardinality, 11);
  ASSERT_EQ(out.txns.size(), 1u);
  EXPECT_EQ(out.txns[0].version, 2147483647);
  EXPECT_FALSE(out.metadata.has_value());
}

TEST(CheckpointDecoderTest, HonoursTheBatchOffset) {
  auto rows = Rows(ReadType(CheckpointActionSet::FileActionsOnly()), R"([
    {"add": {"path": "skipped", "partitionValues": [], "size": 1, "modificationTime": 1,
             "dataChange": true}},
    {"remove": {"path": "also skipped", "dataChange": true}},
    {"add": {"path": "first", "partitionValues": [["k", "v"]], "size": 2, "modificationTime": 3,
             "dataChange": true}},
    {"remove": {"path": "second", "dataChange": false}},
    {"add": {"path": "cut", "partitionValues": [], "size": 1, "modificationTime": 1,
             "dataChange": true}}
  ])");
  ActionBatch out;
  ASSERT_TRUE(Decode(rows->Slice(2, 2), &out).ok());
  ASSERT_EQ(out.adds.size(), 1u);
  EXPECT_EQ(out.adds[0].path, "first");
  EXPECT_EQ(AsMap(out.adds[0].partition_values), (OptMap{{"k", "v"}}));
  ASSERT_EQ(out.removes.size(), 1u);
  EXPECT_EQ(out.removes[0].path, "second");
}

TEST(CheckpointDecoderTest, DecodedViewsOutliveTheArrowData) {
  ActionBatch out;
  {
    auto rows = Rows(ReadType(), R"([
      {"add": {"path": "x/y.parquet", "partitionValues": [["a", "b"]], "size": 1,
               "modificationTime": 1, "dataChange": true, "stats": "{\"numRecords\":3}"}}])");
    ASSERT_TRUE(Decode(rows, &out).ok());
  }  // the Arrow arrays are gone; strings live in out.arena
  ActionBatch moved = std::move(out);
  ASSERT_EQ(moved.adds.size(), 1u);
  EXPECT_EQ(moved.adds[0].path, "x/y.parquet");
  EXPECT_EQ(moved.adds[0].partition_values[0].column, "a");
  EXPECT_EQ(moved.adds[0].NumRecords(), 3);
}

struct BadRow {
  std::string json;
  std::string message;
};

TEST(CheckpointDecoderTest, MissingRequiredFieldsAreInvalidTableNamingFileAndRow) {
  const std::string f = "00000000000000000010.checkpoint.parquet";
  std::vector<BadRow> cases = {
      {R"({"add": {"partitionValues": [], "size": 1, "modificationTime": 1, "dataChange": true}})",
       "checkpoint file " + f + ": add action at row 5 has no path"},
      {R"({"add": {"path": "a", "size": 1, "modificationTime": 1, "dataChange": true}})",
       "checkpoint file " + f + ": add action at row 5 has no partitionValues"},
      {R"({"add": {"path": "a", "partitionValues": [], "modificationTime": 1, "dataChange": true}})",
       "checkpoint file " + f + ": add action at row 5 has no size"},
      {R"({"add": {"path": "a", "partitionValues": [], "size": 1, "dataChange": true}})",
       "checkpoint file " + f + ": add action at row 5 has no modificationTime"},
      {R"({"add": {"path": "a", "partitionValues": [], "size": 1, "modificationTime": 1}})",
       "checkpoint file " + f + ": add action at row 5 has no dataChange"},
      {R"({"add": {"path": "a", "partitionValues": [], "size": 1, "modificationTime": 1,
                   "dataChange": true, "deletionVector": {"storageType": "u", "sizeInBytes": 1,
                   "cardinality": 1}}})",
       "checkpoint file " + f + ": add action at row 5 has no deletionVector.pathOrInlineDv"},
      {R"({"add": {"path": "a", "partitionValues": [], "size": 1, "modificationTime": 1,
                   "dataChange": true, "deletionVector": {"storageType": "uu",
                   "pathOrInlineDv": "x", "sizeInBytes": 1, "cardinality": 1}}})",
       "checkpoint file " + f +
           ": add action at row 5: deletionVector.storageType 'uu' is not one of 'u', 'i', 'p'"},
      {R"({"remove": {"dataChange": true}})",
       "checkpoint file " + f + ": remove action at row 5 has no path"},
      {R"({"metaData": {"format": {"provider": "parquet", "options": []},
                        "partitionColumns": [], "configuration": []}})",
       "checkpoint file " + f + ": metaData action at row 5 has no id"},
      {R"({"metaData": {"id": "x", "partitionColumns": [], "configuration": []}})",
       "checkpoint file " + f + ": metaData action at row 5 has no format"},
      {R"({"metaData": {"id": "x", "format": {"provider": "parquet"}, "partitionColumns": ["a", null],
                        "configuration": []}})",
       "checkpoint file " + f + ": metaData action at row 5: partitionColumns has a null entry"},
      {R"({"protocol": {"minWriterVersion": 2}})",
       "checkpoint file " + f + ": protocol action at row 5 has no minReaderVersion"},
      {R"({"txn": {"version": 2}})", "checkpoint file " + f + ": txn action at row 5 has no appId"},
      {R"({"domainMetadata": {"domain": "d", "configuration": "{}"}})",
       "checkpoint file " + f + ": domainMetadata action at row 5 has no removed"},
      {R"({"checkpointMetadata": {"tags": []}})",
       "checkpoint file " + f + ": checkpointMetadata action at row 5 has no version"},
      {R"({"sidecar": {"path": "s", "sizeInBytes": 1}})",
       "checkpoint file " + f + ": sidecar action at row 5 has no modificationTime"},
  };
  for (const BadRow& c : cases) {
    SCOPED_TRACE(c.json);
    auto rows = Rows(ReadType(), "[{}, " + c.json + "]");
    ASSERT_NE(rows, nullptr);
    ActionBatch out;
    Status st = Decode(rows, &out, f, /*first_row=*/4);
    EXPECT_TRUE(st.IsInvalidTable()) << st.ToString();
    EXPECT_EQ(st.message(), c.message);
  }
}

TEST(CheckpointDecoderTest, MetadataWithoutSchemaStringIsKeptWithAnEmptySchema) {
  // Some old tables (golden update-deleted-directory) lack it; schema parsing reports it later.
  auto rows = Rows(ReadType(), R"([{"metaData": {"id": "x", "format": {"provider": "parquet"},
                                                 "partitionColumns": [], "configuration": []}}])");
  ActionBatch out;
  ASSERT_TRUE(Decode(rows, &out).ok());
  ASSERT_TRUE(out.metadata.has_value());
  EXPECT_EQ(out.metadata->schema_string, "");
  EXPECT_TRUE(out.metadata->format_options.empty());
}

TEST(CheckpointDecoderTest, SecondProtocolOrMetadataIsInvalidTable) {
  auto rows = Rows(ReadType(), R"([
    {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}},
    {"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}}])");
  ActionBatch out;
  Status st = Decode(rows, &out, "f.parquet");
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_EQ(st.message(),
            "checkpoint file f.parquet: protocol action at row 1: the checkpoint holds more than "
            "one protocol action");

  // Across batches of the same file too.
  auto meta = Rows(ReadType(), R"([{"metaData": {"id": "x", "format": {"provider": "parquet"},
      "schemaString": "{}", "partitionColumns": [], "configuration": []}}])");
  ActionBatch two;
  ASSERT_TRUE(Decode(meta, &two).ok());
  EXPECT_TRUE(Decode(meta, &two).IsInvalidTable());
}

TEST(CheckpointDecoderTest, WrongColumnTypesAreInvalidTableNamingFileAndColumn) {
  auto type =
      arrow::struct_({arrow::field("add", arrow::struct_({arrow::field("path", arrow::utf8()),
                                                          arrow::field("size", arrow::utf8())}))});
  auto rows = Rows(type, R"([{"add": {"path": "a", "size": "big"}}])");
  ActionBatch out;
  Status st = Decode(rows, &out, "part.parquet");
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_EQ(st.message(),
            "checkpoint file part.parquet: column 'add.size' has Arrow format 'u', expected an "
            "integer");

  auto not_struct = Rows(arrow::struct_({arrow::field("add", arrow::utf8())}), R"([{"add": "x"}])");
  st = Decode(not_struct, &out, "part.parquet");
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_EQ(st.message(),
            "checkpoint file part.parquet: column 'add' has Arrow format 'u', expected a struct");

  Exported ints = Export(Rows(arrow::int32(), "[1]"));
  st = DecodeCheckpointBatch(*ints.schema.get(), *ints.array.get(), &out, "part.parquet");
  EXPECT_TRUE(st.IsInvalidTable());

  auto bad_version =
      Rows(arrow::struct_({arrow::field(
               "protocol", arrow::struct_({arrow::field("minReaderVersion", arrow::int64()),
                                           arrow::field("minWriterVersion", arrow::int64())}))}),
           R"([{"protocol": {"minReaderVersion": 4294967296,
                                            "minWriterVersion": 2}}])");
  st = Decode(bad_version, &out, "part.parquet");
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_EQ(st.message(),
            "checkpoint file part.parquet: protocol action at row 0: minReaderVersion "
            "4294967296 does not fit in an int");
}

// ---------------------------------------------------------------------------------------------
// Derived fields of actions

TEST(ActionDerivedFieldsTest, DeletionVectorUniqueId) {
  DeletionVectorDescriptor dv;
  dv.storage_type = 'u';
  dv.path_or_inline = "ab^-aqEH.-t@S}K{vb[*k^";
  dv.offset = 4;
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@4");
  dv.offset = std::nullopt;
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^");
  dv.offset = 0;
  EXPECT_EQ(dv.UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@0");
  dv.storage_type = 'p';
  dv.path_or_inline = "s3://bucket/dv.bin";
  dv.offset = 2147483647;
  EXPECT_EQ(dv.UniqueId(), "ps3://bucket/dv.bin@2147483647");
}

TEST(ActionDerivedFieldsTest, NumRecordsFromRawStats) {
  AddFile f;
  EXPECT_EQ(f.NumRecords(), std::nullopt);
  f.stats = R"({"numRecords":3,"minValues":{"id":5},"maxValues":{"id":24},"nullCount":{"id":0}})";
  EXPECT_EQ(f.NumRecords(), 3);
  f.stats = R"({"minValues":{"numRecords":1},"numRecords":9007199254740993})";
  EXPECT_EQ(f.NumRecords(), 9007199254740993);
  f.stats = R"( { "numRecords" : 0 } )";
  EXPECT_EQ(f.NumRecords(), 0);
  // The leading-key fast path and its edges.
  f.stats = R"({"numRecords":0})";
  EXPECT_EQ(f.NumRecords(), 0);
  f.stats = R"({"numRecords":999999999999999999,"minValues":{}})";
  EXPECT_EQ(f.NumRecords(), 999999999999999999);
  f.stats = R"({"numRecords":1234567890123456789})";
  EXPECT_EQ(f.NumRecords(), 1234567890123456789);
  f.stats = R"({"numRecords":12e2})";
  EXPECT_EQ(f.NumRecords(), std::nullopt);
  for (std::string_view bad :
       {R"({"minValues":{}})", R"({"numRecords":"3"})", R"({"numRecords":1.5})",
        R"({"numRecords":-1})", R"({"numRecords":)", "not json", "[1,2]", "{", R"("x")",
        R"({"numRecords":99999999999999999999})", R"({"numRecords":007})", R"({"numRecords":5)"}) {
    f.stats = bad;
    EXPECT_EQ(f.NumRecords(), std::nullopt) << bad;
  }
}

TEST(ActionDerivedFieldsTest, ProtocolFeatureLookups) {
  Protocol p;
  EXPECT_FALSE(p.HasReaderFeature("deletionVectors"));
  EXPECT_FALSE(p.HasWriterFeature("deletionVectors"));
  p.min_reader_version = 3;
  p.min_writer_version = 7;
  p.reader_features = std::vector<std::string>{"deletionVectors", "columnMapping"};
  p.writer_features = std::vector<std::string>{"appendOnly"};
  EXPECT_TRUE(p.HasReaderFeature("columnMapping"));
  EXPECT_FALSE(p.HasReaderFeature("column"));
  EXPECT_TRUE(p.HasWriterFeature("appendOnly"));
  EXPECT_FALSE(p.HasWriterFeature("deletionVectors"));
}

// ---------------------------------------------------------------------------------------------
// ReadCheckpointFile through an engine whose Parquet reader is plain Parquet C++ (whole file,
// no projection), so the decoder meets real checkpoints with extra and missing columns.

class UnusedFileSystem : public FileSystem {
 public:
  Result<std::vector<FileInfo>> ListFrom(std::string_view) override { return Unused(); }
  Result<std::string> ReadFile(std::string_view) override { return Unused(); }
  Result<std::string> ReadRange(std::string_view, int64_t, int64_t) override { return Unused(); }
  Result<FileInfo> Head(std::string_view) override { return Unused(); }
  Status PutIfAbsent(std::string_view, std::string_view) override { return Unused(); }
  Status Write(std::string_view, std::string_view) override { return Unused(); }
  Status Delete(std::string_view) override { return Unused(); }

 private:
  static Status Unused() { return Status::Unsupported("not used by this test"); }
};

class InlineExecutor : public Executor {
 public:
  void Submit(std::function<void()> task) override { task(); }
  int parallelism() const override { return 1; }
};

class WholeFileParquetReader : public ParquetReader {
 public:
  Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* read_schema) override {
    last_read_schema_has_add = false;
    if (read_schema != nullptr) {
      for (int64_t k = 0; k < read_schema->n_children; ++k) {
        if (std::string_view(read_schema->children[k]->name) == "add") {
          last_read_schema_has_add = true;
        }
      }
    }
    auto input = arrow::io::ReadableFile::Open(file.location);
    if (!input.ok()) return Status::NotFound(input.status().ToString());
    auto reader = parquet::arrow::OpenFile(*input, arrow::default_memory_pool());
    if (!reader.ok()) return Status::InvalidTable(reader.status().ToString());
    (*reader)->set_batch_size(batch_size);
    // The batch reader borrows the file reader: keep it alive as long as this engine.
    readers_.push_back(std::move(*reader));
    auto batches = readers_.back()->GetRecordBatchReader();
    if (!batches.ok()) return Status::InvalidTable(batches.status().ToString());
    ArrowArrayStream stream;
    arrow::Status st = arrow::ExportRecordBatchReader(std::move(*batches), &stream);
    if (!st.ok()) return Status::Internal(st.ToString());
    return ArrowStreamHandle(&stream);
  }
  Result<ArrowSchemaHandle> ReadSchema(const FileInfo&) override {
    return Status::Unsupported("not used by this test");
  }

  int64_t batch_size = 1024;
  bool last_read_schema_has_add = false;

 private:
  std::vector<std::unique_ptr<parquet::arrow::FileReader>> readers_;
};

class ParquetCppEngine : public Engine {
 public:
  FileSystem& file_system() override { return fs_; }
  ParquetReader& parquet() override { return reader_; }
  Executor& executor() override { return executor_; }
  WholeFileParquetReader& reader() { return reader_; }

 private:
  UnusedFileSystem fs_;
  WholeFileParquetReader reader_;
  InlineExecutor executor_;
};

std::string GoldenLog(const std::string& table) {
  std::string root = test::ExtractedTablePath(table);
  EXPECT_FALSE(root.empty()) << table;
  return root + "/_delta_log/";
}

TEST(ReadCheckpointFileTest, ClassicCheckpointWithParquetCpp) {
  DELTA_REQUIRE_CONFORMANCE();
  ParquetCppEngine engine;
  FileInfo file{GoldenLog("checkpoint") + "00000000000000000010.checkpoint.parquet", 0, 0};
  auto batch = ReadCheckpointFile(engine, file);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(engine.reader().last_read_schema_has_add);
  ASSERT_TRUE(batch->protocol.has_value());
  EXPECT_EQ(*batch->protocol, (Protocol{1, 2, std::nullopt, std::nullopt}));
  ASSERT_TRUE(batch->metadata.has_value());
  EXPECT_EQ(batch->metadata->id, "testId");
  EXPECT_EQ(
      batch->metadata->schema_string,
      R"({"type":"struct","fields":[{"name":"intCol","type":"integer","nullable":true,"metadata":{}}]})");
  ASSERT_EQ(batch->adds.size(), 1u);
  EXPECT_EQ(batch->adds[0].path, "11");
  EXPECT_EQ(batch->adds[0].size, 1);
  EXPECT_FALSE(batch->adds[0].data_change);
  ASSERT_EQ(batch->removes.size(), 10u);
  EXPECT_EQ(batch->removes[0].path, "1");
  EXPECT_EQ(batch->removes[0].deletion_timestamp, 1697495759382);
  EXPECT_FALSE(batch->removes[0].data_change);
  EXPECT_TRUE(batch->txns.empty());
}

TEST(ReadCheckpointFileTest, SmallBatchesGiveTheSameActionsAndRowNumbers) {
  DELTA_REQUIRE_CONFORMANCE();
  ParquetCppEngine engine;
  engine.reader().batch_size = 3;
  FileInfo file{
      GoldenLog("dv-partitioned-with-checkpoint") + "00000000000000000010.checkpoint.parquet", 0,
      0};
  auto batch = ReadCheckpointFile(engine, file);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->adds.size(), 18u);
  EXPECT_EQ(batch->removes.size(), 10u);
  int with_dv = 0;
  int64_t cardinality = 0;
  for (const AddFile& a : batch->adds) {
    if (a.deletion_vector != nullptr) {
      ++with_dv;
      cardinality += a.deletion_vector->cardinality;
    }
  }
  EXPECT_EQ(with_dv, 3);
  EXPECT_EQ(cardinality, 6);
}

TEST(ReadCheckpointFileTest, OldSparkCheckpointMissingColumns) {
  DELTA_REQUIRE_CONFORMANCE();
  // No deletionVector/tags/row-tracking columns, a commitInfo column, schemaString absent.
  ParquetCppEngine engine;
  FileInfo file{GoldenLog("update-deleted-directory") + "00000000000000000000.checkpoint.parquet",
                0, 0};
  auto batch = ReadCheckpointFile(engine, file);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->adds.size(), 10u);
  ASSERT_TRUE(batch->metadata.has_value());
  EXPECT_EQ(batch->metadata->id, "94c8d2b0-fbad-439b-a31f-17e17d93c2c7");
  EXPECT_EQ(batch->metadata->schema_string, "");
  EXPECT_EQ(batch->metadata->created_time, 1603723978664);
  for (const AddFile& a : batch->adds) {
    EXPECT_EQ(a.size, 1);
    EXPECT_EQ(a.deletion_vector, nullptr);
  }
}

// A stream that fails on its first batch.
ArrowArrayStream FailingStream(int code) {
  ArrowArrayStream s{};
  s.get_schema = [](ArrowArrayStream*, ArrowSchema* out) {
    ArrowSchemaHandle h = CheckpointReadSchema().Export();
    h.MoveTo(out);
    return 0;
  };
  s.get_next = [](ArrowArrayStream* self, ArrowArray*) {
    return static_cast<int>(reinterpret_cast<intptr_t>(self->private_data));
  };
  s.get_last_error = [](ArrowArrayStream*) { return "corrupt page header"; };
  s.release = [](ArrowArrayStream* self) { self->release = nullptr; };
  s.private_data = reinterpret_cast<void*>(static_cast<intptr_t>(code));
  return s;
}

class FailingReader : public ParquetReader {
 public:
  explicit FailingReader(int code) : code_(code) {}
  Result<ArrowStreamHandle> Read(const FileInfo&, const ArrowSchema*) override {
    ArrowArrayStream s = FailingStream(code_);
    return ArrowStreamHandle(&s);
  }
  Result<ArrowSchemaHandle> ReadSchema(const FileInfo&) override {
    return Status::Unsupported("unused");
  }

 private:
  int code_;
};

class FailingEngine : public Engine {
 public:
  explicit FailingEngine(int code) : reader_(code) {}
  FileSystem& file_system() override { return fs_; }
  ParquetReader& parquet() override { return reader_; }
  Executor& executor() override { return executor_; }

 private:
  UnusedFileSystem fs_;
  FailingReader reader_;
  InlineExecutor executor_;
};

TEST(ReadCheckpointFileTest, StreamErrorsNameTheFile) {
  FailingEngine invalid(EINVAL);
  auto r = ReadCheckpointFile(invalid, FileInfo{"file:///t/_delta_log/1.checkpoint.parquet", 1, 1});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidTable());
  EXPECT_EQ(r.status().message(),
            "reading checkpoint file file:///t/_delta_log/1.checkpoint.parquet: corrupt page "
            "header");
  FailingEngine io(EIO);
  r = ReadCheckpointFile(io, FileInfo{"file:///t/_delta_log/1.checkpoint.parquet", 1, 1});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsIoError());
}

// ---------------------------------------------------------------------------------------------
// ReadCheckpointFile through the default engine (projected reads of real checkpoints). The
// expected values were read independently from the files with pyarrow.

class DefaultEngineCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = MakeDefaultEngine();
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = *engine;
  }

  // The FileInfo of a file in a conformance table's _delta_log.
  static FileInfo LogFile(const std::string& table, const std::string& name) {
    std::string root = test::ExtractedTablePath(table);
    EXPECT_FALSE(root.empty()) << table;
    std::string path = root + "/_delta_log/" + name;
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    EXPECT_FALSE(ec) << path;
    return FileInfo{test::LocalUri(path), static_cast<int64_t>(size), 0};
  }

  Result<ActionBatch> Read(const FileInfo& file,
                           const CheckpointActionSet& actions = CheckpointActionSet::All()) {
    return ReadCheckpointFile(*engine_, file, actions);
  }

  std::shared_ptr<Engine> engine_;
};

int64_t TotalRecords(const ActionBatch& batch) {
  int64_t n = 0;
  for (const AddFile& a : batch.adds) n += a.NumRecords().value_or(-1000000);
  return n;
}

TEST_F(DefaultEngineCheckpointTest, ClassicCheckpoint) {
  DELTA_REQUIRE_CONFORMANCE();
  auto batch = Read(LogFile("checkpoint", "00000000000000000010.checkpoint.parquet"));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE(batch->protocol.has_value());
  EXPECT_EQ(*batch->protocol, (Protocol{1, 2, std::nullopt, std::nullopt}));
  ASSERT_TRUE(batch->metadata.has_value());
  EXPECT_EQ(batch->metadata->id, "testId");
  EXPECT_EQ(batch->metadata->format_provider, "parquet");
  EXPECT_TRUE(batch->metadata->partition_columns.empty());
  EXPECT_TRUE(batch->metadata->configuration.empty());
  EXPECT_EQ(batch->metadata->created_time, std::nullopt);
  ASSERT_EQ(batch->adds.size(), 1u);
  EXPECT_EQ(batch->adds[0].path, "11");
  EXPECT_EQ(batch->adds[0].size, 1);
  EXPECT_EQ(batch->adds[0].modification_time, 1);
  EXPECT_FALSE(batch->adds[0].data_change);
  EXPECT_TRUE(batch->adds[0].stats.empty());
  ASSERT_EQ(batch->removes.size(), 10u);
  std::vector<std::string> removed;
  for (const RemoveFile& r : batch->removes) {
    removed.emplace_back(r.path);
    EXPECT_FALSE(r.data_change);
    EXPECT_EQ(r.size, std::nullopt);
    EXPECT_EQ(r.deletion_vector, nullptr);
  }
  EXPECT_EQ(removed, (std::vector<std::string>{"1", "3", "4", "8", "10", "2", "5", "6", "7", "9"}));
  EXPECT_EQ(batch->removes[0].deletion_timestamp, 1697495759382);
  EXPECT_EQ(batch->removes[9].deletion_timestamp, 1697495773069);
  EXPECT_TRUE(batch->txns.empty());
  EXPECT_TRUE(batch->domain_metadata.empty());
  EXPECT_FALSE(batch->checkpoint_metadata.has_value());
  EXPECT_TRUE(batch->sidecars.empty());
}

TEST_F(DefaultEngineCheckpointTest, ProjectionReadsOnlyTheRequestedActions) {
  DELTA_REQUIRE_CONFORMANCE();
  FileInfo file = LogFile("checkpoint", "00000000000000000010.checkpoint.parquet");
  auto files = Read(file, CheckpointActionSet::FileActionsOnly());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_FALSE(files->protocol.has_value());
  EXPECT_FALSE(files->metadata.has_value());
  EXPECT_EQ(files->adds.size(), 1u);
  EXPECT_EQ(files->removes.size(), 10u);

  auto others = Read(file, CheckpointActionSet::NonFileActions());
  ASSERT_TRUE(others.ok()) << others.status().ToString();
  EXPECT_TRUE(others->protocol.has_value());
  EXPECT_TRUE(others->metadata.has_value());
  EXPECT_TRUE(others->adds.empty());
  EXPECT_TRUE(others->removes.empty());
}

TEST_F(DefaultEngineCheckpointTest, MultiPartCheckpoint) {
  DELTA_REQUIRE_CONFORMANCE();
  auto part1 = Read(LogFile("multi-part-checkpoint",
                            "00000000000000000001.checkpoint.0000000001.0000000002.parquet"));
  ASSERT_TRUE(part1.ok()) << part1.status().ToString();
  auto part2 = Read(LogFile("multi-part-checkpoint",
                            "00000000000000000001.checkpoint.0000000002.0000000002.parquet"));
  ASSERT_TRUE(part2.ok()) << part2.status().ToString();

  ASSERT_TRUE(part1->protocol.has_value());
  EXPECT_EQ(*part1->protocol, (Protocol{1, 2, std::nullopt, std::nullopt}));
  ASSERT_TRUE(part1->metadata.has_value());
  EXPECT_EQ(part1->metadata->configuration,
            (std::map<std::string, std::string>{{"delta.checkpointInterval", "1"}}));
  EXPECT_EQ(part1->metadata->created_time, 1692318898914);
  EXPECT_FALSE(part2->protocol.has_value());
  EXPECT_FALSE(part2->metadata.has_value());

  ASSERT_EQ(part1->adds.size(), 5u);
  ASSERT_EQ(part2->adds.size(), 5u);
  EXPECT_TRUE(part1->removes.empty());
  EXPECT_TRUE(part2->removes.empty());
  EXPECT_EQ(TotalRecords(*part1), 16);
  EXPECT_EQ(TotalRecords(*part2), 15);
  int64_t bytes1 = 0;
  for (const AddFile& a : part1->adds) bytes1 += a.size;
  int64_t bytes2 = 0;
  for (const AddFile& a : part2->adds) bytes2 += a.size;
  EXPECT_EQ(bytes1, 2458);
  EXPECT_EQ(bytes2, 2450);
  auto it = std::find_if(part2->adds.begin(), part2->adds.end(), [](const AddFile& a) {
    return a.path == "part-00000-7f49f4e3-2c9c-4ea7-b6c3-42c9a6fc6070-c000.snappy.parquet";
  });
  ASSERT_NE(it, part2->adds.end());
  EXPECT_EQ(it->size, 478);
  EXPECT_EQ(it->modification_time, 1692318903000);
  EXPECT_FALSE(it->data_change);
  EXPECT_EQ(it->stats,
            R"({"numRecords":1,"minValues":{"id":0},"maxValues":{"id":0},"nullCount":{"id":0}})");
}

TEST_F(DefaultEngineCheckpointTest, V2CheckpointWithSidecars) {
  DELTA_REQUIRE_CONFORMANCE();
  const std::string table = "v2-checkpoints-parquet-with-sidecars";
  auto top = Read(LogFile(
      table, "00000000000000000006.checkpoint.f15b9025-707a-4c73-aac0-31dfcbd29aa6.parquet"));
  ASSERT_TRUE(top.ok()) << top.status().ToString();
  ASSERT_TRUE(top->checkpoint_metadata.has_value());
  EXPECT_EQ(top->checkpoint_metadata->version, 6);
  EXPECT_TRUE(top->checkpoint_metadata->tags.empty());
  ASSERT_TRUE(top->protocol.has_value());
  EXPECT_EQ(*top->protocol,
            (Protocol{3, 7, std::vector<std::string>{"v2Checkpoint"},
                      std::vector<std::string>{"v2Checkpoint", "appendOnly", "invariants"}}));
  EXPECT_TRUE(top->protocol->HasReaderFeature("v2Checkpoint"));
  ASSERT_TRUE(top->metadata.has_value());
  EXPECT_EQ(top->metadata->id, "5a5afdfe-7d40-4109-bb92-29b051257e4c");
  EXPECT_EQ(top->metadata->configuration,
            (std::map<std::string, std::string>{{"delta.checkpointInterval", "1"},
                                                {"delta.checkpointPolicy", "v2"}}));
  EXPECT_TRUE(top->adds.empty());
  EXPECT_TRUE(top->removes.empty());
  ASSERT_EQ(top->sidecars.size(), 2u);
  EXPECT_EQ(top->sidecars[0].path,
            "00000000000000000006.checkpoint.0000000001.0000000002.76931b15-ead3-480d-b86c-"
            "afe55a577fc3.parquet");
  EXPECT_EQ(top->sidecars[0].size_in_bytes, 12461);
  EXPECT_EQ(top->sidecars[0].modification_time, 1739329719752);
  EXPECT_EQ(top->sidecars[1].path,
            "00000000000000000006.checkpoint.0000000002.0000000002.4367b29c-0e87-447f-8e81-"
            "9814cc01ad1f.parquet");
  EXPECT_EQ(top->sidecars[1].size_in_bytes, 12109);
  EXPECT_EQ(top->sidecars[1].modification_time, 1739329719746);

  std::vector<size_t> counts;
  for (const SidecarFile& sidecar : top->sidecars) {
    auto part =
        Read(LogFile(table, "_sidecars/" + sidecar.path), CheckpointActionSet::FileActionsOnly());
    ASSERT_TRUE(part.ok()) << part.status().ToString();
    EXPECT_FALSE(part->protocol.has_value());
    EXPECT_TRUE(part->removes.empty());
    counts.push_back(part->adds.size());
    for (const AddFile& a : part->adds) {
      EXPECT_FALSE(a.data_change);
      EXPECT_TRUE(a.partition_values.empty());
      EXPECT_TRUE(a.NumRecords().has_value()) << a.path;
    }
    if (counts.size() == 1) {
      auto it = std::find_if(part->adds.begin(), part->adds.end(), [](const AddFile& a) {
        return a.path ==
               "test%25file%25prefix-part-00000-1d81b6c7-8d6f-4ec0-bcb8-82a76019c5fe-c000.snappy."
               "parquet";
      });
      ASSERT_NE(it, part->adds.end());
      EXPECT_EQ(it->size, 491);
      EXPECT_EQ(it->modification_time, 1739329711114);
      EXPECT_EQ(it->NumRecords(), 3);
    }
  }
  EXPECT_EQ(counts, (std::vector<size_t>{53, 48}));
}

TEST_F(DefaultEngineCheckpointTest, DeletionVectorDescriptors) {
  DELTA_REQUIRE_CONFORMANCE();
  auto batch =
      Read(LogFile("dv-partitioned-with-checkpoint", "00000000000000000010.checkpoint.parquet"));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_TRUE(batch->protocol.has_value());
  EXPECT_TRUE(batch->protocol->HasReaderFeature("deletionVectors"));
  EXPECT_TRUE(batch->protocol->HasWriterFeature("deletionVectors"));
  ASSERT_TRUE(batch->metadata.has_value());
  EXPECT_EQ(batch->metadata->partition_columns, std::vector<std::string>{"part"});
  EXPECT_EQ(batch->metadata->configuration,
            (std::map<std::string, std::string>{{"delta.enableDeletionVectors", "true"}}));
  ASSERT_EQ(batch->adds.size(), 18u);
  ASSERT_EQ(batch->removes.size(), 10u);

  std::map<std::string, std::string> add_dvs;  // path -> DV unique id
  for (const AddFile& a : batch->adds) {
    ASSERT_EQ(a.partition_values.size(), 1u);
    EXPECT_EQ(a.partition_values[0].column, "part");
    // Paths are "part=<value>/...".
    EXPECT_EQ("part=" + std::string(a.partition_values[0].value.value_or("?")) + "/",
              a.path.substr(0, a.path.find('/') + 1));
    if (a.deletion_vector != nullptr) {
      EXPECT_EQ(a.deletion_vector->storage_type, 'u');
      EXPECT_EQ(a.deletion_vector->offset, 1);
      EXPECT_EQ(a.deletion_vector->size_in_bytes, 36);
      EXPECT_EQ(a.deletion_vector->cardinality, 2);
      add_dvs[std::string(a.path)] = a.deletion_vector->UniqueId();
    }
  }
  EXPECT_EQ(add_dvs,
            (std::map<std::string, std::string>{
                {"part=0/part-00000-8387c699-30b1-4734-a791-9278d560ec19.c000.snappy.parquet",
                 "uZcq?bs*HKQWCB[Sjf[.o@1"},
                {"part=2/part-00000-ad58cb56-93db-4374-91ba-e65e7fa68e76.c000.snappy.parquet",
                 "uNZQXpd#3xxK!oBujr/=:@1"},
                {"part=4/part-00000-69ec928d-3737-4eb3-a3d8-9555a6b55ff5.c000.snappy.parquet",
                 "u+V9Oq([R6mTaoM.}Isa)@1"}}));

  int removes_with_dv = 0;
  bool found = false;
  for (const RemoveFile& r : batch->removes) {
    EXPECT_TRUE(r.extended_file_metadata);
    if (r.deletion_vector != nullptr) ++removes_with_dv;
    if (r.deletion_vector != nullptr &&
        r.deletion_vector->UniqueId() == "u0X9F0q2<2yJ-f)Gm2!e0@1") {
      found = true;
      EXPECT_EQ(r.path,
                "part=0/part-00000-8387c699-30b1-4734-a791-9278d560ec19.c000.snappy.parquet");
      EXPECT_EQ(r.deletion_timestamp, 1688691769658);
      EXPECT_EQ(r.size, 736);
      EXPECT_EQ(r.deletion_vector->size_in_bytes, 34);
      EXPECT_EQ(r.deletion_vector->cardinality, 1);
    }
  }
  EXPECT_EQ(removes_with_dv, 5);
  EXPECT_TRUE(found);
}

TEST_F(DefaultEngineCheckpointTest, CheckpointWithTxnsAndMissingColumns) {
  DELTA_REQUIRE_CONFORMANCE();
  // Written without txn.lastUpdated, add.deletionVector has non-null children, columns in
  // another order; stats_parsed and partitionValues_parsed are present and ignored.
  auto batch = Read(LogFile("app-txn-checkpoint", "00000000000000000001.checkpoint.parquet"));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ(batch->txns.size(), 2u);
  EXPECT_EQ(batch->txns[0], (SetTransaction{"my-app", 3, std::nullopt}));
  EXPECT_EQ(batch->txns[1], (SetTransaction{"my-app2", 2, std::nullopt}));
  ASSERT_TRUE(batch->metadata.has_value());
  EXPECT_EQ(batch->metadata->partition_columns, std::vector<std::string>{"modified"});
  ASSERT_EQ(batch->adds.size(), 4u);
  EXPECT_EQ(TotalRecords(*batch), 22);
  for (const AddFile& a : batch->adds) {
    EXPECT_TRUE(a.tags.empty());
    EXPECT_EQ(a.deletion_vector, nullptr);
    EXPECT_EQ(a.base_row_id, std::nullopt);
    ASSERT_EQ(a.partition_values.size(), 1u);
    EXPECT_EQ(a.partition_values[0].column, "modified");
  }
}

TEST_F(DefaultEngineCheckpointTest, MissingFileIsAnError) {
  FileInfo missing{
      test::LocalUri("/nonexistent/_delta_log/00000000000000000001.checkpoint.parquet"), 100, 0};
  auto batch = Read(missing);
  ASSERT_FALSE(batch.ok());
  EXPECT_TRUE(batch.status().IsNotFound() || batch.status().IsIoError())
      << batch.status().ToString();
}

}  // namespace
}  // namespace delta
