// The C ABI's writes (include/delta/c/delta_kernel.h, "Writing"): transactions with files the
// caller describes or the engine writes, races rebased or refused with their details, removes,
// idempotent app transactions, bad input; exact values throughout.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

using Txn = Owned<delta_transaction, delta_transaction_free>;
using WriteOptions = Owned<delta_write_options, delta_write_options_free>;

constexpr char kSchema[] =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"part","type":"string","nullable":true,"metadata":{}}]})";

constexpr char kRegionSchema[] =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"region","type":"string","nullable":true,"metadata":{}}]})";

constexpr char kStats[] =
    R"({"numRecords":10,"minValues":{"id":0},"maxValues":{"id":9},"nullCount":{"id":0}})";

// A table partitioned by `part` with columns id (long) and part (string), at version 0,
// written as the protocol describes it (no CreateTable needed).
class CWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(std::filesystem::path(dir_.path()) / "_delta_log");
    std::ofstream log(std::filesystem::path(dir_.path()) / "_delta_log" /
                      "00000000000000000000.json");
    std::string schema_string;
    for (char c : std::string(kSchema)) {
      if (c == '"') schema_string += '\\';
      schema_string += c;
    }
    log << R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
        << "\n"
        << R"({"metaData":{"id":"c-write-test","format":{"provider":"parquet","options":{}},)"
        << R"("schemaString":")" << schema_string
        << R"(","partitionColumns":["part"],"configuration":{},"createdTime":1}})"
        << "\n";
    log.close();
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << Describe(err);
    table_.reset(delta_table_open(dir_.path().c_str(), engine_.get(), &err));
    ASSERT_NE(table_, nullptr) << Describe(err);
  }

  Snapshot Latest() {
    delta_error* err = nullptr;
    Snapshot s(delta_table_latest_snapshot(table_.get(), &err));
    EXPECT_NE(s, nullptr) << Describe(err);
    delta_error_free(err);
    return s;
  }

  Txn Begin(const delta_snapshot* snapshot,
            delta_isolation_level level = DELTA_ISOLATION_TABLE_DEFAULT) {
    delta_error* err = nullptr;
    Txn t(delta_transaction_begin(snapshot, level, 0, &err));
    EXPECT_NE(t, nullptr) << Describe(err);
    delta_error_free(err);
    return t;
  }

  // Adds file `path` in partition part=`part` with kStats.
  delta_error_code Add(delta_transaction* txn, const char* path, const char* part,
                       delta_error** err) {
    const char* columns[] = {"part"};
    const char* values[] = {part};
    return delta_transaction_add_file(txn, path, columns, values, 1, 110, 1000, kStats, 1, err);
  }

  // Commits a transaction that adds `path`; its result.
  delta_commit_result AppendFile(const char* path, const char* part = "a") {
    Snapshot s = Latest();
    Txn t = Begin(s.get());
    delta_error* err = nullptr;
    EXPECT_EQ(Add(t.get(), path, part, &err), DELTA_OK) << Describe(err);
    delta_commit_result r{};
    EXPECT_EQ(delta_transaction_commit(t.get(), &r, &err), DELTA_OK) << Describe(err);
    delta_error_free(err);
    return r;
  }

  delta::test::TempDir dir_{"c-write"};
  Engine engine_;
  Table table_;
};

TEST_F(CWriteTest, AddedFileIsCommittedAndReadBack) {
  Snapshot v0 = Latest();
  Txn txn = Begin(v0.get());
  EXPECT_EQ(delta_transaction_read_version(txn.get()), 0);
  delta_error* err = nullptr;
  ASSERT_EQ(Add(txn.get(), "part=a/f1.parquet", "a", &err), DELTA_OK) << Describe(err);
  const char* keys[] = {"mode"};
  const char* values[] = {"\"Append\""};
  ASSERT_EQ(delta_transaction_set_operation(txn.get(), "WRITE", keys, values, 1, &err), DELTA_OK);
  delta_commit_result r{};
  ASSERT_EQ(delta_transaction_commit(txn.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.committed, 1);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.num_rebases, 0);
  EXPECT_GT(r.timestamp, 0);
  EXPECT_EQ(r.in_commit_timestamp, -1);

  Snapshot v1 = Latest();
  EXPECT_EQ(delta_snapshot_version(v1.get()), 1);
  EXPECT_EQ(delta_snapshot_num_files(v1.get()), 1);
  EXPECT_EQ(delta_snapshot_total_bytes(v1.get()), 110);

  // Commit may be called once; the handle then refuses changes.
  EXPECT_EQ(delta_transaction_commit(txn.get(), &r, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error e1(err);
  EXPECT_STREQ(delta_error_message(e1.get()),
               "delta_transaction_commit: the transaction was already committed");
  EXPECT_EQ(Add(txn.get(), "part=a/f2.parquet", "a", &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error e2(err);
  EXPECT_STREQ(delta_error_message(e2.get()),
               "delta_transaction_add_file: the transaction was already committed");
  EXPECT_EQ(delta_transaction_read_version(txn.get()), 0);
}

TEST_F(CWriteTest, BlindAppendsRacingAreRebased) {
  Snapshot v0 = Latest();
  Txn a = Begin(v0.get());
  Txn b = Begin(v0.get());
  delta_error* err = nullptr;
  ASSERT_EQ(Add(a.get(), "part=a/a.parquet", "a", &err), DELTA_OK);
  ASSERT_EQ(Add(b.get(), "part=b/b.parquet", "b", &err), DELTA_OK);
  delta_commit_result ra{}, rb{};
  ASSERT_EQ(delta_transaction_commit(a.get(), &ra, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(delta_transaction_commit(b.get(), &rb, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(ra.version, 1);
  EXPECT_EQ(rb.version, 2);
  EXPECT_EQ(rb.attempts, 2);
  EXPECT_EQ(rb.num_rebases, 1);
  EXPECT_EQ(delta_snapshot_num_files(Latest().get()), 2);
}

TEST_F(CWriteTest, ReadingTheWholeTableConflictsWithAConcurrentAppend) {
  Snapshot v0 = Latest();
  Txn reader = Begin(v0.get());
  delta_error* err = nullptr;
  ASSERT_EQ(delta_transaction_read_whole_table(reader.get(), &err), DELTA_OK);
  ASSERT_EQ(Add(reader.get(), "part=a/r.parquet", "a", &err), DELTA_OK);
  ASSERT_EQ(AppendFile("part=a/winner.parquet").version, 1);

  delta_commit_result r{};
  r.version = 42;
  ASSERT_EQ(delta_transaction_commit(reader.get(), &r, &err), DELTA_ERROR_CONFLICT);
  Error e(err);
  EXPECT_EQ(delta_error_kind(e.get()), DELTA_ERROR_CONFLICT);
  EXPECT_EQ(delta_error_detail_kind(e.get()), DELTA_DETAIL_CONCURRENT_APPEND);
  EXPECT_STREQ(delta_error_detail_name(delta_error_detail_kind(e.get())), "ConcurrentAppend");
  EXPECT_EQ(delta_error_detail_version(e.get()), 1);
  EXPECT_STREQ(delta_error_detail_subject(e.get()), "part=a/winner.parquet");
  EXPECT_EQ(r.version, 42);  // untouched on failure
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 1);
}

TEST_F(CWriteTest, PredicateReadsConflictOnlyWithMatchingAppends) {
  Snapshot v0 = Latest();
  Txn reader = Begin(v0.get());
  delta_error* err = nullptr;
  ASSERT_EQ(delta_transaction_read_predicate(reader.get(), "part = 'b'", &err), DELTA_OK)
      << Describe(err);
  ASSERT_EQ(Add(reader.get(), "part=b/r.parquet", "b", &err), DELTA_OK);
  ASSERT_EQ(AppendFile("part=a/other.parquet", "a").version, 1);
  delta_commit_result r{};
  ASSERT_EQ(delta_transaction_commit(reader.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.num_rebases, 1);

  Txn again = Begin(Latest().get());
  ASSERT_EQ(delta_transaction_read_predicate(again.get(), "part = 'a'", &err), DELTA_OK);
  ASSERT_EQ(Add(again.get(), "part=a/mine.parquet", "a", &err), DELTA_OK);
  ASSERT_EQ(AppendFile("part=a/second.parquet", "a").version, 3);
  ASSERT_EQ(delta_transaction_commit(again.get(), &r, &err), DELTA_ERROR_CONFLICT);
  Error e(err);
  EXPECT_EQ(delta_error_detail_kind(e.get()), DELTA_DETAIL_CONCURRENT_APPEND);
  EXPECT_EQ(delta_error_detail_version(e.get()), 3);
  EXPECT_STREQ(delta_error_detail_subject(e.get()), "part=a/second.parquet");
}

TEST_F(CWriteTest, RemovesALiveFileByPath) {
  ASSERT_EQ(AppendFile("part=a/f1.parquet").version, 1);
  Snapshot v1 = Latest();
  Txn txn = Begin(v1.get());
  delta_error* err = nullptr;
  ASSERT_EQ(delta_transaction_remove_file(txn.get(), "part=a/f1.parquet", 1, &err), DELTA_OK)
      << Describe(err);
  delta_commit_result r{};
  ASSERT_EQ(delta_transaction_commit(txn.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 2);
  Snapshot v2 = Latest();
  EXPECT_EQ(delta_snapshot_num_files(v2.get()), 0);

  Txn missing = Begin(v2.get());
  ASSERT_EQ(delta_transaction_remove_file(missing.get(), "part=a/f1.parquet", 1, &err),
            DELTA_ERROR_NOT_FOUND);
  Error e(err);
  EXPECT_EQ(std::string(delta_error_message(e.get())),
            "delta_transaction_remove_file: 'part=a/f1.parquet' is not a live file of " +
                std::string(delta_table_location(table_.get())) + " at version 2");
}

TEST_F(CWriteTest, RemovingAFileAnotherCommitRemovedConflicts) {
  ASSERT_EQ(AppendFile("part=a/f1.parquet").version, 1);
  Snapshot v1 = Latest();
  Txn a = Begin(v1.get());
  Txn b = Begin(v1.get());
  delta_error* err = nullptr;
  ASSERT_EQ(delta_transaction_remove_file(a.get(), "part=a/f1.parquet", 1, &err), DELTA_OK);
  ASSERT_EQ(delta_transaction_remove_file(b.get(), "part=a/f1.parquet", 1, &err), DELTA_OK);
  ASSERT_EQ(delta_transaction_commit(a.get(), nullptr, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(delta_transaction_commit(b.get(), nullptr, &err), DELTA_ERROR_CONFLICT);
  Error e(err);
  EXPECT_EQ(delta_error_detail_kind(e.get()), DELTA_DETAIL_CONCURRENT_DELETE_DELETE);
  EXPECT_EQ(delta_error_detail_version(e.get()), 2);
  EXPECT_STREQ(delta_error_detail_subject(e.get()), "part=a/f1.parquet");
}

TEST_F(CWriteTest, AppTransactionsMakeRetriesIdempotent) {
  Snapshot v0 = Latest();
  Txn first = Begin(v0.get());
  delta_error* err = nullptr;
  int64_t seen = 99;
  ASSERT_EQ(delta_transaction_read_app_version(first.get(), "stream-1", &seen, &err), DELTA_OK);
  EXPECT_EQ(seen, -1);
  ASSERT_EQ(Add(first.get(), "part=a/f1.parquet", "a", &err), DELTA_OK);
  ASSERT_EQ(delta_transaction_set_app_transaction(first.get(), "stream-1", 7, &err), DELTA_OK);
  delta_commit_result r{};
  ASSERT_EQ(delta_transaction_commit(first.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.committed, 1);

  // The same batch again: nothing is written.
  Snapshot v1 = Latest();
  Txn retry = Begin(v1.get());
  ASSERT_EQ(delta_transaction_read_app_version(retry.get(), "stream-1", &seen, &err), DELTA_OK);
  EXPECT_EQ(seen, 7);
  ASSERT_EQ(Add(retry.get(), "part=a/f1-again.parquet", "a", &err), DELTA_OK);
  ASSERT_EQ(delta_transaction_set_app_transaction(retry.get(), "stream-1", 7, &err), DELTA_OK);
  ASSERT_EQ(delta_transaction_commit(retry.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 1);
}

TEST_F(CWriteTest, WriteFilesWritesPartitionedParquetFromAStream) {
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("part", arrow::utf8())});
  arrow::Int64Builder ids;
  arrow::StringBuilder parts;
  ASSERT_TRUE(ids.AppendValues({1, 2, 3}).ok());
  ASSERT_TRUE(parts.AppendValues(std::vector<std::string>{"a", "b", "a"}).ok());
  auto batch = arrow::RecordBatch::Make(schema, 3, {*ids.Finish(), *parts.Finish()});
  auto reader = arrow::RecordBatchReader::Make({batch}, schema);
  ASSERT_TRUE(reader.ok());
  struct ArrowArrayStream stream;
  ASSERT_TRUE(arrow::ExportRecordBatchReader(*reader, &stream).ok());

  Snapshot v0 = Latest();
  Txn txn = Begin(v0.get());
  delta_error* err = nullptr;
  int64_t num_files = -1;
  ASSERT_EQ(delta_transaction_write_files(txn.get(), &stream, &num_files, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_EQ(num_files, 2);
  delta_commit_result r{};
  ASSERT_EQ(delta_transaction_commit(txn.get(), &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 1);
  Snapshot v1 = Latest();
  EXPECT_EQ(delta_snapshot_num_files(v1.get()), 2);
}

TEST_F(CWriteTest, WriteFilesNamesTheColumnThatDoesNotMatch) {
  auto schema = arrow::schema({arrow::field("id", arrow::utf8())});
  arrow::StringBuilder ids;
  ASSERT_TRUE(ids.Append("x").ok());
  auto batch = arrow::RecordBatch::Make(schema, 1, {*ids.Finish()});
  auto reader = arrow::RecordBatchReader::Make({batch}, schema);
  struct ArrowArrayStream stream;
  ASSERT_TRUE(arrow::ExportRecordBatchReader(*reader, &stream).ok());
  Txn txn = Begin(Latest().get());
  delta_error* err = nullptr;
  ASSERT_EQ(delta_transaction_write_files(txn.get(), &stream, nullptr, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e(err);
  EXPECT_NE(std::string(delta_error_message(e.get())).find("id"), std::string::npos)
      << delta_error_message(e.get());
  EXPECT_EQ(stream.release, nullptr);  // taken even on failure
}

TEST_F(CWriteTest, BadInputIsRefusedWithItsName) {
  Txn txn = Begin(Latest().get());
  delta_error* err = nullptr;
  const auto message = [&](delta_error_code code) {
    Error e(err);
    err = nullptr;
    return std::string(delta_error_code_name(code)) + ": " + delta_error_message(e.get());
  };
  const char* wrong[] = {"id"};
  const char* value[] = {"1"};
  EXPECT_EQ(message(delta_transaction_add_file(txn.get(), "f.parquet", wrong, value, 1, 1, 1,
                                               nullptr, 1, &err)),
            "InvalidArgument: delta_transaction_add_file: file 'f.parquet': 'id' is not a "
            "partition column of the table");
  EXPECT_EQ(message(delta_transaction_add_file(txn.get(), "f.parquet", nullptr, nullptr, 0, 1, 1,
                                               nullptr, 1, &err)),
            "InvalidArgument: delta_transaction_add_file: file 'f.parquet': no value for "
            "partition column 'part' (pass NULL for a null value)");
  const char* twice[] = {"part", "part"};
  const char* values2[] = {"a", "b"};
  EXPECT_EQ(message(delta_transaction_add_file(txn.get(), "f.parquet", twice, values2, 2, 1, 1,
                                               nullptr, 1, &err)),
            "InvalidArgument: delta_transaction_add_file: file 'f.parquet': partition column "
            "'part' is given twice");
  const char* part[] = {"part"};
  EXPECT_EQ(message(delta_transaction_add_file(txn.get(), "f.parquet", part, value, 1, -5, 1,
                                               nullptr, 1, &err)),
            "InvalidArgument: delta_transaction_add_file: file 'f.parquet': size -5 is negative");
  EXPECT_EQ(message(delta_transaction_add_file(txn.get(), nullptr, part, value, 1, 1, 1, nullptr, 1,
                                               &err)),
            "InvalidArgument: delta_transaction_add_file: path is NULL");
  EXPECT_EQ(delta_transaction_read_predicate(txn.get(), "nope = 1", &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(message(DELTA_ERROR_INVALID_ARGUMENT).find("nope"), std::string::npos);
  EXPECT_EQ(delta_transaction_read_predicate(txn.get(), "id = = 1", &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error(err).reset();
  err = nullptr;
  EXPECT_EQ(message(delta_transaction_read_whole_table(nullptr, &err)),
            "InvalidArgument: delta_transaction_read_whole_table: txn is NULL");

  EXPECT_EQ(delta_transaction_begin(nullptr, DELTA_ISOLATION_TABLE_DEFAULT, 0, &err), nullptr);
  EXPECT_EQ(message(DELTA_ERROR_INVALID_ARGUMENT),
            "InvalidArgument: delta_transaction_begin: snapshot is NULL");
  Snapshot s = Latest();
  EXPECT_EQ(delta_transaction_begin(s.get(), static_cast<delta_isolation_level>(9), 0, &err),
            nullptr);
  EXPECT_EQ(message(DELTA_ERROR_INVALID_ARGUMENT),
            "InvalidArgument: delta_transaction_begin: unknown isolation level 9");
  EXPECT_EQ(delta_transaction_begin(s.get(), DELTA_ISOLATION_SERIALIZABLE, -1, &err), nullptr);
  EXPECT_EQ(message(DELTA_ERROR_INVALID_ARGUMENT),
            "InvalidArgument: delta_transaction_begin: max_attempts -1 is negative");
  delta_transaction_free(nullptr);
  EXPECT_EQ(delta_transaction_read_version(nullptr), -1);
  // Nothing above reached the log.
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 0);
}

TEST_F(CWriteTest, WriteOptionsRefuseBadValues) {
  WriteOptions opts(delta_write_options_new());
  ASSERT_NE(opts, nullptr);
  delta_error* err = nullptr;
  const auto message = [&](delta_error_code code) {
    Error e(err);
    err = nullptr;
    return std::string(delta_error_code_name(code)) + ": " + delta_error_message(e.get());
  };
  EXPECT_EQ(
      message(delta_write_options_set_mode(opts.get(), static_cast<delta_save_mode>(7), &err)),
      "InvalidArgument: delta_write_options_set_mode: unknown save mode 7");
  // (Values within the enum's bit range: a C++ caller cannot form others without undefined
  // behaviour; a C caller can pass any int, which the switch's default reports the same way.)
  EXPECT_EQ(message(delta_write_options_set_schema_mode(opts.get(),
                                                        static_cast<delta_schema_mode>(3), &err)),
            "InvalidArgument: delta_write_options_set_schema_mode: unknown schema mode 3");
  EXPECT_EQ(delta_write_options_set_predicate(opts.get(), "id >", &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error(err).reset();
  err = nullptr;
  EXPECT_EQ(message(delta_write_options_set_app_transaction(opts.get(), "app", -2, &err)),
            "InvalidArgument: delta_write_options_set_app_transaction: version -2 is negative");
  EXPECT_EQ(message(delta_write_options_set_property(opts.get(), "k", nullptr, &err)),
            "InvalidArgument: delta_write_options_set_property: value is NULL");
  const char* cols[] = {"a", nullptr};
  EXPECT_EQ(message(delta_write_options_set_partition_columns(opts.get(), cols, 2, &err)),
            "InvalidArgument: delta_write_options_set_partition_columns: columns[1] is NULL");
  EXPECT_EQ(message(delta_write_options_set_mode(nullptr, DELTA_SAVE_APPEND, &err)),
            "InvalidArgument: delta_write_options_set_mode: options is NULL");
  EXPECT_EQ(delta_write_options_set_mode(opts.get(), DELTA_SAVE_OVERWRITE, &err), DELTA_OK);
  EXPECT_EQ(delta_write_options_set_predicate(opts.get(), "part = 'a'", &err), DELTA_OK);
  EXPECT_EQ(delta_write_options_set_predicate(opts.get(), nullptr, &err), DELTA_OK);
  delta_write_options_free(nullptr);

  // A NULL stream is refused before the table is looked at.
  EXPECT_EQ(message(delta_write_table(dir_.path().c_str(), engine_.get(), nullptr, opts.get(),
                                      nullptr, &err)),
            "InvalidArgument: delta_write_table: data (or its release callback) is NULL");
  EXPECT_EQ(message(delta_create_table(dir_.path().c_str(), engine_.get(), "{", nullptr, 0, nullptr,
                                       nullptr, 0, DELTA_CREATE_ERROR_IF_EXISTS, nullptr, &err))
                .rfind("InvalidArgument: delta_create_table: schema_json: ", 0),
            0u);
  EXPECT_EQ(
      message(delta_create_table(dir_.path().c_str(), engine_.get(), kSchema, nullptr, 0, nullptr,
                                 nullptr, 0, static_cast<delta_create_mode>(5), nullptr, &err)),
      "InvalidArgument: delta_create_table: unknown create mode 5");
  const char* keys[] = {"k"};
  EXPECT_EQ(
      message(delta_create_table(dir_.path().c_str(), engine_.get(), kSchema, nullptr, 0, keys,
                                 nullptr, 1, DELTA_CREATE_ERROR_IF_EXISTS, nullptr, &err)),
      "InvalidArgument: delta_create_table: property_values is NULL");
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 0);
}

// --- delta_create_table and delta_write_table --------------------------------------------------

// A stream of one batch with columns id (int64) and region (utf8; "" = null), plus `extra`
// string columns holding "x".
struct ArrowArrayStream Rows(const std::vector<int64_t>& ids,
                             const std::vector<std::string>& regions,
                             const std::vector<std::string>& extra = {}) {
  arrow::FieldVector fields = {arrow::field("id", arrow::int64()),
                               arrow::field("region", arrow::utf8())};
  arrow::Int64Builder id_builder;
  arrow::StringBuilder region_builder;
  for (int64_t id : ids) EXPECT_TRUE(id_builder.Append(id).ok());
  for (const std::string& r : regions) {
    EXPECT_TRUE((r.empty() ? region_builder.AppendNull() : region_builder.Append(r)).ok());
  }
  arrow::ArrayVector columns = {*id_builder.Finish(), *region_builder.Finish()};
  for (const std::string& name : extra) {
    fields.push_back(arrow::field(name, arrow::utf8()));
    arrow::StringBuilder b;
    for (size_t i = 0; i < ids.size(); ++i) EXPECT_TRUE(b.Append("x").ok());
    columns.push_back(*b.Finish());
  }
  auto schema = arrow::schema(fields);
  auto batch = arrow::RecordBatch::Make(schema, static_cast<int64_t>(ids.size()), columns);
  auto reader = arrow::RecordBatchReader::Make({batch}, schema);
  struct ArrowArrayStream out;
  EXPECT_TRUE(arrow::ExportRecordBatchReader(*reader, &out).ok());
  return out;
}

class CWriteTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = (std::filesystem::path(dir_.path()) / "t").string();
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << Describe(err);
  }

  delta_error_code Create(delta_create_mode mode, delta_commit_result* r, delta_error** err) {
    const char* partition[] = {"region"};
    const char* keys[] = {"delta.appendOnly"};
    const char* values[] = {"false"};
    return delta_create_table(location_.c_str(), engine_.get(), kRegionSchema, partition, 1, keys,
                              values, 1, mode, r, err);
  }

  delta_error_code Write(struct ArrowArrayStream rows, delta_save_mode mode, delta_commit_result* r,
                         delta_error** err, const char* predicate = nullptr,
                         delta_schema_mode schema_mode = DELTA_SCHEMA_STRICT,
                         const char* app_id = nullptr, int64_t app_version = 0) {
    WriteOptions opts(delta_write_options_new());
    EXPECT_EQ(delta_write_options_set_mode(opts.get(), mode, nullptr), DELTA_OK);
    EXPECT_EQ(delta_write_options_set_predicate(opts.get(), predicate, nullptr), DELTA_OK);
    EXPECT_EQ(delta_write_options_set_schema_mode(opts.get(), schema_mode, nullptr), DELTA_OK);
    const char* partition[] = {"region"};
    EXPECT_EQ(delta_write_options_set_partition_columns(opts.get(), partition, 1, nullptr),
              DELTA_OK);
    if (app_id != nullptr) {
      EXPECT_EQ(delta_write_options_set_app_transaction(opts.get(), app_id, app_version, nullptr),
                DELTA_OK);
    }
    delta_error_code code =
        delta_write_table(location_.c_str(), engine_.get(), &rows, opts.get(), r, err);
    EXPECT_EQ(rows.release, nullptr);  // taken, whatever the outcome
    return code;
  }

  Snapshot Latest() {
    delta_error* err = nullptr;
    Table table(delta_table_open(location_.c_str(), engine_.get(), &err));
    EXPECT_NE(table, nullptr) << Describe(err);
    Snapshot s(delta_table_latest_snapshot(table.get(), &err));
    EXPECT_NE(s, nullptr) << Describe(err);
    delta_error_free(err);
    return s;
  }

  // The table's (id, region) rows, sorted; region "" for null.
  std::vector<std::pair<int64_t, std::string>> ReadRows() {
    Snapshot s = Latest();
    Owned<delta_scan_builder, delta_scan_builder_free> b(delta_scan_builder_new(s.get()));
    delta_error* err = nullptr;
    Owned<delta_scan, delta_scan_free> scan(delta_scan_builder_build(b.get(), &err));
    EXPECT_NE(scan, nullptr) << Describe(err);
    struct ArrowArrayStream stream;
    EXPECT_EQ(delta_scan_execute(scan.get(), &stream, &err), DELTA_OK) << Describe(err);
    auto table = (*arrow::ImportRecordBatchReader(&stream))->ToTable();
    EXPECT_TRUE(table.ok());
    auto flat = (*table)->CombineChunksToBatch();
    EXPECT_TRUE(flat.ok());
    auto ids = std::static_pointer_cast<arrow::Int64Array>((*flat)->GetColumnByName("id"));
    auto regions = std::static_pointer_cast<arrow::StringArray>((*flat)->GetColumnByName("region"));
    std::vector<std::pair<int64_t, std::string>> out;
    for (int64_t i = 0; i < (*flat)->num_rows(); ++i) {
      out.emplace_back(ids->Value(i),
                       regions->IsNull(i) ? std::string() : std::string(regions->GetView(i)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  delta::test::TempDir dir_{"c-write-table"};
  std::string location_;
  Engine engine_;
};

using RowList = std::vector<std::pair<int64_t, std::string>>;

TEST_F(CWriteTableTest, CreateThenAppendThenReplaceWhere) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 0);
  EXPECT_EQ(r.committed, 1);
  Snapshot v0 = Latest();
  EXPECT_STREQ(delta_snapshot_schema_json(v0.get()), kRegionSchema);
  ASSERT_EQ(delta_snapshot_num_partition_columns(v0.get()), 1u);
  EXPECT_STREQ(delta_snapshot_partition_column(v0.get(), 0), "region");
  EXPECT_STREQ(delta_snapshot_property(v0.get(), "delta.appendOnly"), "false");

  ASSERT_EQ(Write(Rows({1, 2, 3}, {"eu", "us", "eu"}), DELTA_SAVE_APPEND, &r, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.committed, 1);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.num_rebases, 0);
  EXPECT_EQ(delta_snapshot_num_files(Latest().get()), 2);

  ASSERT_EQ(Write(Rows({9}, {"eu"}), DELTA_SAVE_OVERWRITE, &r, &err, "region = 'eu'"), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(ReadRows(), (RowList{{2, "us"}, {9, "eu"}}));

  ASSERT_EQ(Write(Rows({5}, {""}), DELTA_SAVE_OVERWRITE, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 3);
  EXPECT_EQ(ReadRows(), (RowList{{5, ""}}));
}

TEST_F(CWriteTableTest, CreateModes) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_ERROR_CONFLICT);
  Error e(err);
  err = nullptr;
  EXPECT_EQ(delta_error_detail_kind(e.get()), DELTA_DETAIL_ALREADY_EXISTS);
  ASSERT_EQ(Create(DELTA_CREATE_IGNORE, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(r.version, 0);
  ASSERT_EQ(Create(DELTA_CREATE_REPLACE, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.committed, 1);
  EXPECT_EQ(r.version, 1);
}

TEST_F(CWriteTableTest, WriteCreatesAMissingTableThenHonoursItsMode) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Write(Rows({1, 2}, {"eu", "us"}), DELTA_SAVE_ERROR_IF_EXISTS, &r, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.version, 0);
  Snapshot v0 = Latest();
  ASSERT_EQ(delta_snapshot_num_partition_columns(v0.get()), 1u);
  EXPECT_STREQ(delta_snapshot_partition_column(v0.get(), 0), "region");
  EXPECT_EQ(ReadRows(), (RowList{{1, "eu"}, {2, "us"}}));

  ASSERT_EQ(Write(Rows({3}, {"eu"}), DELTA_SAVE_ERROR_IF_EXISTS, &r, &err), DELTA_ERROR_CONFLICT);
  Error e(err);
  err = nullptr;
  EXPECT_EQ(delta_error_detail_kind(e.get()), DELTA_DETAIL_ALREADY_EXISTS);
  ASSERT_EQ(Write(Rows({3}, {"eu"}), DELTA_SAVE_IGNORE, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 0);
}

TEST_F(CWriteTableTest, AppTransactionMakesARetriedWriteANoOp) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(
      Write(Rows({1}, {"eu"}), DELTA_SAVE_APPEND, &r, &err, nullptr, DELTA_SCHEMA_STRICT, "job", 4),
      DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.committed, 1);
  ASSERT_EQ(
      Write(Rows({1}, {"eu"}), DELTA_SAVE_APPEND, &r, &err, nullptr, DELTA_SCHEMA_STRICT, "job", 4),
      DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(r.version, 0);
  EXPECT_EQ(ReadRows(), (RowList{{1, "eu"}}));
}

TEST_F(CWriteTableTest, NewColumnsNeedSchemaMerge) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(Write(Rows({1}, {"eu"}, {"note"}), DELTA_SAVE_APPEND, &r, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e(err);
  err = nullptr;
  EXPECT_NE(std::string(delta_error_message(e.get())).find("note"), std::string::npos)
      << delta_error_message(e.get());
  EXPECT_EQ(delta_snapshot_version(Latest().get()), 0);
  ASSERT_EQ(
      Write(Rows({1}, {"eu"}, {"note"}), DELTA_SAVE_APPEND, &r, &err, nullptr, DELTA_SCHEMA_MERGE),
      DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.version, 1);
  EXPECT_NE(std::string(delta_snapshot_schema_json(Latest().get())).find(R"("name":"note")"),
            std::string::npos);
}

TEST_F(CWriteTableTest, CreateFromAnArrowSchema) {
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64(), /*nullable=*/false),
                     arrow::field("region", arrow::utf8()),
                     arrow::field("at", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))});
  struct ArrowSchema c_schema;
  ASSERT_TRUE(arrow::ExportSchema(*schema, &c_schema).ok());
  const char* partition[] = {"region"};
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(delta_create_table_arrow(location_.c_str(), engine_.get(), &c_schema, partition, 1,
                                     nullptr, nullptr, 0, DELTA_CREATE_ERROR_IF_EXISTS, &r, &err),
            DELTA_OK)
      << Describe(err);
  ASSERT_NE(c_schema.release, nullptr);  // borrowed, not taken
  c_schema.release(&c_schema);
  EXPECT_EQ(r.version, 0);
  EXPECT_STREQ(
      delta_snapshot_schema_json(Latest().get()),
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}},)"
      R"({"name":"region","type":"string","nullable":true,"metadata":{}},)"
      R"({"name":"at","type":"timestamp","nullable":true,"metadata":{}}]})");

  auto unsigned_schema = arrow::schema({arrow::field("n", arrow::uint32())});
  ASSERT_TRUE(arrow::ExportSchema(*unsigned_schema, &c_schema).ok());
  ASSERT_EQ(
      delta_create_table_arrow((location_ + "2").c_str(), engine_.get(), &c_schema, nullptr, 0,
                               nullptr, nullptr, 0, DELTA_CREATE_ERROR_IF_EXISTS, &r, &err),
      DELTA_ERROR_UNSUPPORTED);
  c_schema.release(&c_schema);
  Error e(err);
  EXPECT_STREQ(delta_error_message(e.get()),
               "column 'n' has Arrow type 'I', which has no Delta type");
  EXPECT_FALSE(std::filesystem::exists(location_ + "2"));
  err = nullptr;
  EXPECT_EQ(delta_create_table_arrow(location_.c_str(), engine_.get(), nullptr, nullptr, 0, nullptr,
                                     nullptr, 0, DELTA_CREATE_ERROR_IF_EXISTS, &r, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e2(err);
  EXPECT_STREQ(delta_error_message(e2.get()),
               "delta_create_table_arrow: schema (or its release callback) is NULL");
}

TEST_F(CWriteTableTest, UpdateSetsColumnsAndReportsMetrics) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(Write(Rows({1, 2, 3, 4}, {"eu", "eu", "us", ""}), DELTA_SAVE_APPEND, &r, &err),
            DELTA_OK)
      << Describe(err);
  const char* columns[] = {"id"};
  const char* values[] = {"id * 10 + 1"};
  delta_update_result u{};
  ASSERT_EQ(
      delta_update(location_.c_str(), engine_.get(), "region = 'eu'", columns, values, 1, &u, &err),
      DELTA_OK)
      << Describe(err);
  EXPECT_EQ(u.commit.version, 2);
  EXPECT_EQ(u.commit.committed, 1);
  EXPECT_EQ(u.num_updated_rows, 2);
  EXPECT_EQ(u.num_removed_files, 1);
  EXPECT_EQ(u.num_added_files, 1);
  EXPECT_EQ(u.num_copied_rows, 0);
  EXPECT_EQ(ReadRows(), (RowList{{3, "us"}, {4, ""}, {11, "eu"}, {21, "eu"}}));

  const char* bad[] = {"nope"};
  EXPECT_EQ(delta_update(location_.c_str(), engine_.get(), nullptr, bad, values, 1, &u, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e(err);
  EXPECT_STREQ(delta_error_message(e.get()),
               "UPDATE SET: column 'nope' not found in the table schema (columns: id, region); "
               "only top-level columns can be set");
  err = nullptr;
  EXPECT_EQ(delta_update(location_.c_str(), engine_.get(), nullptr, nullptr, values, 1, &u, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e2(err);
  EXPECT_STREQ(delta_error_message(e2.get()), "delta_update: columns is NULL");
}

TEST_F(CWriteTableTest, DeleteRemovesMatchingRowsAndReportsMetrics) {
  delta_error* err = nullptr;
  delta_commit_result r{};
  ASSERT_EQ(Create(DELTA_CREATE_ERROR_IF_EXISTS, &r, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(Write(Rows({1, 2, 3, 4}, {"eu", "eu", "us", ""}), DELTA_SAVE_APPEND, &r, &err),
            DELTA_OK)
      << Describe(err);

  // eu's file loses id 2 (rewritten with id 1); us and the null partition are untouched.
  delta_delete_result d{};
  ASSERT_EQ(delta_delete(location_.c_str(), engine_.get(), "id = 2", &d, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(d.commit.version, 2);
  EXPECT_EQ(d.commit.committed, 1);
  EXPECT_EQ(d.num_deleted_rows, 1);
  EXPECT_EQ(d.num_removed_files, 1);
  EXPECT_EQ(d.num_added_files, 1);
  EXPECT_EQ(d.num_copied_rows, 1);
  EXPECT_EQ(d.num_deletion_vectors_added, 0);
  EXPECT_EQ(ReadRows(), (RowList{{1, "eu"}, {3, "us"}, {4, ""}}));

  // No match: nothing committed.
  ASSERT_EQ(delta_delete(location_.c_str(), engine_.get(), "id > 100", &d, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(d.commit.committed, 0);
  EXPECT_EQ(d.commit.version, 2);

  // NULL predicate: every row.
  ASSERT_EQ(delta_delete(location_.c_str(), engine_.get(), nullptr, &d, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(d.num_deleted_rows, 3);
  EXPECT_EQ(ReadRows(), RowList{});

  EXPECT_EQ(delta_delete(location_.c_str(), engine_.get(), "nope = 1", &d, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e(err);
  EXPECT_NE(std::string(delta_error_message(e.get())).find("nope"), std::string::npos)
      << delta_error_message(e.get());
  err = nullptr;
  EXPECT_EQ(delta_delete(nullptr, engine_.get(), "id = 1", &d, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error e2(err);
  EXPECT_STREQ(delta_error_message(e2.get()), "delta_delete: location is NULL");
}

}  // namespace
