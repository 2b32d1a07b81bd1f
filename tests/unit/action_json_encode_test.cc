// The JSON encoder and decoder are two sides of one table (protocol/action_schema.h): every
// action encodes and decodes back to itself, with every field set and with only the required
// ones, and the encoder writes exactly the protocol's spelling.
#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <vector>

#include "delta/json_writer.h"
#include "protocol/action_batch.h"
#include "protocol/action_json.h"

namespace delta {
namespace {

// --- exact comparison of file actions (views) --------------------------------------------------

// Partition values or tags as owned (key, value) pairs.
template <typename Entry>
std::vector<std::pair<std::string, std::optional<std::string>>> Entries(
    std::span<const Entry> entries) {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  for (const Entry& e : entries) {
    std::string key;
    if constexpr (std::is_same_v<Entry, PartitionValue>) {
      key = e.column;
    } else {
      key = e.key;
    }
    out.emplace_back(key, e.value ? std::optional<std::string>(*e.value) : std::nullopt);
  }
  return out;
}

void ExpectSameDv(const DeletionVectorDescriptor* a, const DeletionVectorDescriptor* b) {
  ASSERT_EQ(a == nullptr, b == nullptr);
  if (a == nullptr) return;
  EXPECT_EQ(a->storage_type, b->storage_type);
  EXPECT_EQ(a->path_or_inline, b->path_or_inline);
  EXPECT_EQ(a->offset, b->offset);
  EXPECT_EQ(a->size_in_bytes, b->size_in_bytes);
  EXPECT_EQ(a->cardinality, b->cardinality);
}

void ExpectSame(const AddFile& a, const AddFile& b) {
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(Entries(a.partition_values), Entries(b.partition_values));
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.modification_time, b.modification_time);
  EXPECT_EQ(a.data_change, b.data_change);
  EXPECT_EQ(a.stats, b.stats);
  EXPECT_EQ(Entries(a.tags), Entries(b.tags));
  ExpectSameDv(a.deletion_vector, b.deletion_vector);
  EXPECT_EQ(a.base_row_id, b.base_row_id);
  EXPECT_EQ(a.default_row_commit_version, b.default_row_commit_version);
  EXPECT_EQ(a.clustering_provider, b.clustering_provider);
}

void ExpectSame(const RemoveFile& a, const RemoveFile& b) {
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(a.deletion_timestamp, b.deletion_timestamp);
  EXPECT_EQ(a.data_change, b.data_change);
  EXPECT_EQ(a.extended_file_metadata, b.extended_file_metadata);
  EXPECT_EQ(Entries(a.partition_values), Entries(b.partition_values));
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.stats, b.stats);
  EXPECT_EQ(Entries(a.tags), Entries(b.tags));
  ExpectSameDv(a.deletion_vector, b.deletion_vector);
  EXPECT_EQ(a.base_row_id, b.base_row_id);
  EXPECT_EQ(a.default_row_commit_version, b.default_row_commit_version);
}

void ExpectSame(const AddCdcFile& a, const AddCdcFile& b) {
  EXPECT_EQ(a.path, b.path);
  EXPECT_EQ(Entries(a.partition_values), Entries(b.partition_values));
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.data_change, b.data_change);
  EXPECT_EQ(Entries(a.tags), Entries(b.tags));
}

template <typename T>
std::string Encode(const T& action) {
  JsonWriter w;
  EncodeJsonAction(action, &w);
  return w.Take();
}

ActionBatch Decode(std::string text) {
  ActionBatch batch;
  Status st = ParseJsonActions(&text, "test.json", &batch);
  EXPECT_TRUE(st.ok()) << st.ToString() << "\n" << text;
  return batch;
}

// --- fully populated actions --------------------------------------------------------------------

const PartitionValue kPartitions[] = {{"date", "2024-01-01"}, {"region", std::nullopt}};
const KeyValue kTags[] = {{"INSERTION_TIME", "1700000000000000"}, {"odd \"key\"", std::nullopt}};
const DeletionVectorDescriptor kDv{'u', "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6};

AddFile FullAdd() {
  AddFile a;
  a.path = "date=2024-01-01/part-00000%20x.parquet";
  a.partition_values = kPartitions;
  a.size = 1234;
  a.modification_time = 1700000000000;
  a.data_change = false;
  a.stats = R"({"numRecords":10,"minValues":{"s":"a\"b\\c\n"}})";
  a.tags = kTags;
  a.deletion_vector = &kDv;
  a.base_row_id = 100;
  a.default_row_commit_version = 7;
  a.clustering_provider = "liquid";
  return a;
}

RemoveFile FullRemove() {
  RemoveFile r;
  r.path = "s3://bucket/table/part-1.parquet";
  r.deletion_timestamp = 1700000000001;
  r.data_change = true;
  r.extended_file_metadata = true;
  r.partition_values = kPartitions;
  r.size = 99;
  r.stats = R"({"numRecords":1})";
  r.tags = kTags;
  r.deletion_vector = &kDv;
  r.base_row_id = 5;
  r.default_row_commit_version = 6;
  return r;
}

AddCdcFile FullCdc() {
  AddCdcFile c;
  c.path = "_change_data/cdc-00000.parquet";
  c.partition_values = kPartitions;
  c.size = 77;
  c.data_change = true;
  c.tags = kTags;
  return c;
}

Metadata FullMetadata() {
  Metadata m;
  m.id = "a1b2";
  m.name = "name \u00e9";
  m.description = "a \"quoted\" description\twith a tab";
  m.format_provider = "parquet";
  m.format_options = {{"k", "v"}};
  m.schema_string = R"({"type":"struct","fields":[]})";
  m.partition_columns = {"date", "region"};
  m.configuration = {{"delta.appendOnly", "true"}, {"delta.enableChangeDataFeed", "false"}};
  m.created_time = 1600000000000;
  return m;
}

Protocol FullProtocol() {
  Protocol p;
  p.min_reader_version = 3;
  p.min_writer_version = 7;
  p.reader_features = std::vector<std::string>{"deletionVectors"};
  p.writer_features = std::vector<std::string>{"deletionVectors", "appendOnly"};
  return p;
}

TEST(ActionJsonEncodeTest, EveryActionWithEveryFieldRoundTrips) {
  std::string text;
  JsonWriter w;
  auto line = [&](const auto& action) {
    text += Encode(action);
    text += '\n';
  };
  line(FullAdd());
  line(FullRemove());
  line(FullCdc());
  line(FullMetadata());
  line(FullProtocol());
  line(SetTransaction{"app \"1\"", 42, 1700000000002});
  line(DomainMetadata{"delta.rowTracking", R"({"rowIdHighWaterMark":9})", true});
  line(CheckpointMetadata{12, {{"tag", "value"}}});
  line(SidecarFile{"0000.parquet", 4096, 1700000000003});
  ActionBatch b = Decode(text);

  ASSERT_EQ(b.adds.size(), 1u);
  ExpectSame(b.adds[0], FullAdd());
  ASSERT_EQ(b.removes.size(), 1u);
  ExpectSame(b.removes[0], FullRemove());
  ASSERT_EQ(b.cdcs.size(), 1u);
  ExpectSame(b.cdcs[0], FullCdc());
  EXPECT_EQ(b.metadata, FullMetadata());
  EXPECT_EQ(b.protocol, FullProtocol());
  ASSERT_EQ(b.txns.size(), 1u);
  EXPECT_EQ(b.txns[0], (SetTransaction{"app \"1\"", 42, 1700000000002}));
  ASSERT_EQ(b.domain_metadata.size(), 1u);
  EXPECT_EQ(b.domain_metadata[0],
            (DomainMetadata{"delta.rowTracking", R"({"rowIdHighWaterMark":9})", true}));
  ASSERT_TRUE(b.checkpoint_metadata);
  EXPECT_EQ(b.checkpoint_metadata->version, 12);
  EXPECT_EQ(b.checkpoint_metadata->tags, (std::map<std::string, std::string>{{"tag", "value"}}));
  ASSERT_EQ(b.sidecars.size(), 1u);
  EXPECT_EQ(b.sidecars[0].path, "0000.parquet");
  EXPECT_EQ(b.sidecars[0].size_in_bytes, 4096);
  EXPECT_EQ(b.sidecars[0].modification_time, 1700000000003);
}

TEST(ActionJsonEncodeTest, EveryActionWithOnlyRequiredFieldsRoundTrips) {
  AddFile add;
  add.path = "a.parquet";
  add.size = 1;
  RemoveFile rm;
  rm.path = "b.parquet";
  AddCdcFile cdc;
  cdc.path = "c.parquet";
  Metadata m;
  m.id = "id";
  Protocol p;
  std::string text = Encode(add) + "\n" + Encode(rm) + "\n" + Encode(cdc) + "\n" + Encode(m) +
                     "\n" + Encode(p) + "\n" + Encode(SetTransaction{"app", 0, std::nullopt}) +
                     "\n" + Encode(DomainMetadata{"d", "", false}) + "\n" +
                     Encode(CheckpointMetadata{3, {}}) + "\n" + Encode(SidecarFile{"s", 0, 0});
  ActionBatch b = Decode(text);
  ASSERT_EQ(b.adds.size(), 1u);
  ExpectSame(b.adds[0], add);
  ASSERT_EQ(b.removes.size(), 1u);
  ExpectSame(b.removes[0], rm);
  ASSERT_EQ(b.cdcs.size(), 1u);
  ExpectSame(b.cdcs[0], cdc);
  EXPECT_EQ(b.metadata, m);
  EXPECT_EQ(b.protocol, p);
  ASSERT_EQ(b.txns.size(), 1u);
  EXPECT_EQ(b.txns[0], (SetTransaction{"app", 0, std::nullopt}));
  ASSERT_EQ(b.domain_metadata.size(), 1u);
  EXPECT_EQ(b.domain_metadata[0], (DomainMetadata{"d", "", false}));
  ASSERT_TRUE(b.checkpoint_metadata);
  EXPECT_EQ(b.checkpoint_metadata->version, 3);
  EXPECT_TRUE(b.checkpoint_metadata->tags.empty());
  ASSERT_EQ(b.sidecars.size(), 1u);
  EXPECT_EQ(b.sidecars[0].path, "s");

  // Optional fields are left out, required ones are always written.
  EXPECT_EQ(Encode(rm), R"({"remove":{"path":"b.parquet","dataChange":true}})");
  EXPECT_EQ(Encode(p), R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})");
  // Except the maps reference writers always write, even empty.
  EXPECT_EQ(Encode(CheckpointMetadata{3, {}}), R"({"checkpointMetadata":{"version":3,"tags":{}}})");
  EXPECT_EQ(Encode(SidecarFile{"s", 1, 2}),
            R"({"sidecar":{"path":"s","sizeInBytes":1,"modificationTime":2,"tags":{}}})");
}

TEST(ActionJsonEncodeTest, ExactAddAndMetadata) {
  EXPECT_EQ(Encode(FullAdd()),
            R"({"add":{"path":"date=2024-01-01/part-00000%20x.parquet",)"
            R"("partitionValues":{"date":"2024-01-01","region":null},"size":1234,)"
            R"("modificationTime":1700000000000,"dataChange":false,)"
            R"("stats":"{\"numRecords\":10,\"minValues\":{\"s\":\"a\\\"b\\\\c\\n\"}}",)"
            R"("tags":{"INSERTION_TIME":"1700000000000000","odd \"key\"":null},)"
            R"("deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^",)"
            R"("offset":4,"sizeInBytes":40,"cardinality":6},"baseRowId":100,)"
            R"("defaultRowCommitVersion":7,"clusteringProvider":"liquid"}})");
  EXPECT_EQ(Encode(FullMetadata()),
            R"({"metaData":{"id":"a1b2","name":"name )"
            "\u00e9"
            R"(","description":"a \"quoted\" description\twith a tab",)"
            R"("format":{"provider":"parquet","options":{"k":"v"}},)"
            R"("schemaString":"{\"type\":\"struct\",\"fields\":[]}",)"
            R"("partitionColumns":["date","region"],)"
            R"("configuration":{"delta.appendOnly":"true","delta.enableChangeDataFeed":"false"},)"
            R"("createdTime":1600000000000}})");
  // An unpartitioned table's metaData still names its (empty) partitions, format and options.
  Metadata m;
  m.id = "x";
  EXPECT_EQ(Encode(m), R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},)"
                       R"("schemaString":"","partitionColumns":[],"configuration":{}}})");
}

TEST(ActionJsonEncodeTest, RemoveWithExtendedMetadataKeepsEmptyPartitionValues) {
  RemoveFile r;
  r.path = "p";
  r.deletion_timestamp = 5;
  r.extended_file_metadata = true;
  r.size = 3;
  EXPECT_EQ(Encode(r), R"({"remove":{"path":"p","deletionTimestamp":5,"dataChange":true,)"
                       R"("extendedFileMetadata":true,"partitionValues":{},"size":3}})");
}

TEST(ActionJsonEncodeTest, CommitInfoFromJsonOrTypedFields) {
  CommitInfo typed;
  typed.timestamp = 10;
  typed.operation = "WRITE";
  typed.operation_parameters = {{"mode", "Append"}};
  typed.read_version = 4;
  typed.is_blind_append = true;
  typed.engine_info = "e";
  EXPECT_EQ(Encode(typed),
            R"({"commitInfo":{"timestamp":10,"operation":"WRITE",)"
            R"("operationParameters":{"mode":"Append"},"readVersion":4,"isBlindAppend":true,)"
            R"("engineInfo":"e"}})");
  ActionBatch b = Decode(Encode(typed));
  ASSERT_TRUE(b.commit_info);
  EXPECT_EQ(b.commit_info->timestamp, 10);
  EXPECT_EQ(b.commit_info->operation, "WRITE");
  EXPECT_EQ(b.commit_info->read_version, 4);
  EXPECT_EQ(b.commit_info->is_blind_append, true);

  CommitInfo raw;
  raw.json = R"({"timestamp":1,"operationMetrics":{"numFiles":"2"}})";
  EXPECT_EQ(Encode(raw), R"({"commitInfo":{"timestamp":1,"operationMetrics":{"numFiles":"2"}}})");
}

TEST(ActionJsonEncodeTest, WriteJsonActionsWritesACommitInFileOrder) {
  ActionBatch batch;
  batch.commit_info.emplace();
  batch.commit_info->timestamp = 1;
  batch.protocol = Protocol{};
  AddFile a1;
  a1.path = "a1";
  a1.size = 1;
  AddFile a2 = a1;
  a2.path = "a2";
  RemoveFile r;
  r.path = "r";
  batch.AppendAdd(a1);
  batch.AppendRemove(r);
  batch.AppendAdd(a2);
  std::string out;
  ASSERT_TRUE(WriteJsonActions(batch, &out).ok());
  const std::string add_tail = R"(","partitionValues":{},"size":1,"modificationTime":0,)"
                               R"("dataChange":true}})";
  EXPECT_EQ(out, R"({"commitInfo":{"timestamp":1}})"
                 "\n"
                 R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
                 "\n"
                 R"({"add":{"path":"a1)" +
                     add_tail + "\n" + R"({"remove":{"path":"r","dataChange":true}})" + "\n" +
                     R"({"add":{"path":"a2)" + add_tail + "\n");

  ActionBatch back = Decode(out);
  EXPECT_EQ(back.file_action_order, batch.file_action_order);

  batch.file_action_order.pop_back();
  EXPECT_TRUE(WriteJsonActions(batch, &out).IsInvalidArgument());
  batch.file_action_order.push_back(7);
  EXPECT_TRUE(WriteJsonActions(batch, &out).IsInvalidArgument());
  batch.file_action_order.clear();
  batch.commit_info->json = "[1]";
  EXPECT_TRUE(WriteJsonActions(batch, &out).IsInvalidArgument());
}

}  // namespace
}  // namespace delta
