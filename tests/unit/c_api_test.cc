// The C ABI (include/delta/c/delta_kernel.h): every function, exact values on conformance
// tables, error kinds and messages, NULL arguments, and ownership (every handle freed, in any
// order; run under ASan by scripts/sanitize.sh).
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "c/c_api_internal.h"
#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/conformance_tables.h"

namespace {

using namespace delta::test::c;

// --- owners -----------------------------------------------------------------------------------

using Props = Owned<delta_table_properties, delta_table_properties_free>;
using Expr = Owned<delta_expr, delta_expr_free>;
using Builder = Owned<delta_scan_builder, delta_scan_builder_free>;
using Scan = Owned<delta_scan, delta_scan_free>;
using FileIter = Owned<delta_scan_file_iter, delta_scan_file_iter_free>;
using File = Owned<delta_scan_file, delta_scan_file_free>;
using Dv = Owned<delta_deletion_vector, delta_deletion_vector_free>;

struct OwnedString {
  char* s;
  explicit OwnedString(char* p) : s(p) {}
  ~OwnedString() { delta_string_free(s); }
  std::string str() const { return s == nullptr ? "<null>" : s; }
};

Engine NewEngine() {
  const char* keys[] = {"cpu_threads"};
  const char* values[] = {"2"};
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(keys, values, 1, &err));
  EXPECT_NE(engine, nullptr) << Describe(err);
  delta_error_free(err);
  return engine;
}

// Conformance table `name` opened with `engine` (null, with a test failure, if it cannot be).
Table OpenConformance(const std::string& name, const delta_engine* engine) {
  std::string path = delta::test::ExtractedTablePath(name);
  EXPECT_FALSE(path.empty()) << name;
  delta_error* err = nullptr;
  Table table(delta_table_open(path.c_str(), engine, &err));
  EXPECT_NE(table, nullptr) << Describe(err);
  delta_error_free(err);
  return table;
}

// The latest snapshot of conformance table `name`; the engine and table are freed before it.
Snapshot Latest(const std::string& name) {
  Engine engine = NewEngine();
  Table table = OpenConformance(name, engine.get());
  engine.reset();
  delta_error* err = nullptr;
  Snapshot snap(delta_table_latest_snapshot(table.get(), &err));
  EXPECT_NE(snap, nullptr) << Describe(err);
  delta_error_free(err);
  return snap;
}

Scan BuildScan(const delta_snapshot* snap, const char* predicate = nullptr) {
  Builder b(delta_scan_builder_new(snap));
  delta_error* err = nullptr;
  if (predicate != nullptr) {
    EXPECT_EQ(delta_scan_builder_set_predicate_text(b.get(), predicate, &err), DELTA_OK)
        << Describe(err);
  }
  Scan scan(delta_scan_builder_build(b.get(), &err));
  EXPECT_NE(scan, nullptr) << Describe(err);
  delta_error_free(err);
  return scan;
}

// Every batch of the scan's stream as one Arrow table (through Arrow C++'s importer).
std::shared_ptr<arrow::Table> ReadAll(const delta_scan* scan) {
  struct ArrowArrayStream stream;
  delta_error* err = nullptr;
  EXPECT_EQ(delta_scan_execute(scan, &stream, &err), DELTA_OK) << Describe(err);
  delta_error_free(err);
  auto reader = arrow::ImportRecordBatchReader(&stream);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  auto table = (*reader)->ToTable();
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return *table;
}

// Sorted non-null values of an integer column.
std::vector<int64_t> IntColumn(const arrow::Table& t, const std::string& name) {
  std::vector<int64_t> out;
  auto col = t.GetColumnByName(name);
  EXPECT_NE(col, nullptr) << name;
  for (const auto& chunk : col->chunks()) {
    for (int64_t i = 0; i < chunk->length(); ++i) {
      if (chunk->IsNull(i)) continue;
      auto scalar = chunk->GetScalar(i);
      auto as_long = (*scalar)->CastTo(arrow::int64());
      out.push_back(std::static_pointer_cast<arrow::Int64Scalar>(*as_long)->value);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// All files of a scan, sorted by path.
std::vector<File> Files(const delta_scan* scan, int64_t* selected = nullptr,
                        int64_t* pruned = nullptr) {
  delta_error* err = nullptr;
  FileIter iter(delta_scan_files(scan, &err));
  EXPECT_NE(iter, nullptr) << Describe(err);
  std::vector<File> out;
  for (;;) {
    delta_scan_file* f = nullptr;
    EXPECT_EQ(delta_scan_file_iter_next(iter.get(), &f, &err), DELTA_OK) << Describe(err);
    if (f == nullptr) break;
    out.emplace_back(f);
  }
  int64_t total = -1, skipped = -1, sel = -1, pru = -1;
  delta_scan_file_iter_counts(iter.get(), &total, &pru, &skipped, &sel);
  EXPECT_EQ(sel, static_cast<int64_t>(out.size()));
  EXPECT_EQ(total, sel + pru + skipped);
  if (selected != nullptr) *selected = sel;
  if (pruned != nullptr) *pruned = pru;
  std::sort(out.begin(), out.end(), [](const File& a, const File& b) {
    return std::string(delta_scan_file_path(a.get())) < delta_scan_file_path(b.get());
  });
  delta_error_free(err);
  return out;
}

// --- library, errors --------------------------------------------------------------------------

TEST(CApiTest, VersionsAndErrorCodeNames) {
  EXPECT_EQ(delta_abi_version(), static_cast<uint32_t>(DELTA_C_ABI_VERSION));
  EXPECT_STREQ(delta_library_version(), "0.1.0");
  EXPECT_STREQ(delta_error_code_name(DELTA_OK), "OK");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_NOT_FOUND), "NotFound");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_INVALID_TABLE), "InvalidTable");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_UNSUPPORTED), "Unsupported");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_CONFLICT), "Conflict");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_IO), "IoError");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_INVALID_ARGUMENT), "InvalidArgument");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_PERMISSION_DENIED), "PermissionDenied");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_CANCELLED), "Cancelled");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_INTERNAL), "Internal");
  EXPECT_STREQ(delta_error_code_name(DELTA_ERROR_RESOURCE_EXHAUSTED), "ResourceExhausted");
  EXPECT_STREQ(delta_error_code_name(static_cast<delta_error_code>(42)), "Unknown");
  EXPECT_EQ(delta_error_kind(nullptr), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(delta_error_message(nullptr), "");
  delta_error_free(nullptr);
  delta_string_free(nullptr);
}

TEST(CApiTest, ErrorsCarryTheirDetail) {
  // No C call commits yet, so the errors are made the way every C call reports a Status.
  delta_error* err = nullptr;
  delta::c_api::SetError(
      &err, delta::Status::Conflict(
                "commit 8 lost", {delta::ErrorDetailKind::kConcurrentAppend, 7, "part-1.parquet"}));
  Error conflict(err);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_CONFLICT);
  EXPECT_STREQ(delta_error_message(err), "commit 8 lost");
  EXPECT_EQ(delta_error_detail_kind(err), DELTA_DETAIL_CONCURRENT_APPEND);
  EXPECT_EQ(delta_error_detail_version(err), 7);
  EXPECT_STREQ(delta_error_detail_subject(err), "part-1.parquet");

  delta::c_api::SetError(&err, delta::Status::CommitStateUnknown("reply lost", 3));
  Error unknown(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_IO);
  EXPECT_EQ(delta_error_detail_kind(err), DELTA_DETAIL_COMMIT_STATE_UNKNOWN);
  EXPECT_EQ(delta_error_detail_version(err), 3);
  EXPECT_STREQ(delta_error_detail_subject(err), "");

  delta::c_api::SetError(&err, delta::Status::NotFound("gone"));
  Error plain(err);
  EXPECT_EQ(delta_error_detail_kind(err), DELTA_DETAIL_NONE);
  EXPECT_EQ(delta_error_detail_version(err), -1);
  EXPECT_STREQ(delta_error_detail_subject(err), "");

  EXPECT_EQ(delta_error_detail_kind(nullptr), DELTA_DETAIL_NONE);
  EXPECT_EQ(delta_error_detail_version(nullptr), -1);
  EXPECT_STREQ(delta_error_detail_subject(nullptr), "");
  EXPECT_STREQ(delta_error_detail_name(DELTA_DETAIL_NONE), "None");
  EXPECT_STREQ(delta_error_detail_name(DELTA_DETAIL_ALREADY_EXISTS), "AlreadyExists");
  EXPECT_STREQ(delta_error_detail_name(DELTA_DETAIL_CONCURRENT_DOMAIN_METADATA),
               "ConcurrentDomainMetadata");
  EXPECT_STREQ(delta_error_detail_name(DELTA_DETAIL_COMMIT_STATE_UNKNOWN), "CommitStateUnknown");
  EXPECT_STREQ(delta_error_detail_name(static_cast<delta_error_detail_code>(42)), "Unknown");
  EXPECT_STREQ(delta_error_code_name(static_cast<delta_error_code>(-1)), "Unknown");
}

TEST(CApiTest, MissingTableIsNotFoundNamingThePath) {
  Engine engine = NewEngine();
  // TempDir() ends with a separator on some platforms; normalise so the message can match.
  std::string path =
      (std::filesystem::path(::testing::TempDir()) / "no-such-delta-table").lexically_normal();
  delta_error* err = nullptr;
  Table table(delta_table_open(path.c_str(), engine.get(), &err));
  ASSERT_NE(table, nullptr) << Describe(err);
  EXPECT_NE(std::string(delta_table_location(table.get())).find("no-such-delta-table"),
            std::string::npos);
  EXPECT_EQ(delta_table_latest_snapshot(table.get(), &err), nullptr);
  Error owned(err);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_NOT_FOUND);
  EXPECT_NE(std::string(delta_error_message(err)).find(path), std::string::npos)
      << delta_error_message(err);
  // Without an error out-parameter the failure is still reported by the return value.
  EXPECT_EQ(delta_table_latest_snapshot(table.get(), nullptr), nullptr);
}

void CapAddressSpace(rlim_t bytes) {
  struct rlimit rl = {bytes, bytes};
  if (::setrlimit(RLIMIT_AS, &rl) != 0) std::_Exit(3);
}

TEST(CApiDeathTest, OutOfMemoryIsResourceExhaustedNotAnAbort) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "sanitizers reserve the address space";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  GTEST_SKIP() << "sanitizers reserve the address space";
#endif
#endif
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // A commit far larger than the process may map (sparse: it costs no disk).
  std::filesystem::path root = std::filesystem::path(::testing::TempDir()) / "c-api-huge-commit";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "_delta_log");
  std::filesystem::path commit = root / "_delta_log" / "00000000000000000000.json";
  { std::ofstream(commit) << ""; }
  std::filesystem::resize_file(commit, uintmax_t{64} << 30);
  EXPECT_EXIT(
      {
        CapAddressSpace(uint64_t{2} << 30);
        Engine engine = NewEngine();
        delta_error* err = nullptr;
        Table table(delta_table_open(root.c_str(), engine.get(), &err));
        Snapshot snap(delta_table_latest_snapshot(table.get(), &err));
        std::fprintf(stderr, "%s: %s\n", delta_error_code_name(delta_error_kind(err)),
                     delta_error_message(err));
        std::_Exit(snap == nullptr && delta_error_kind(err) == DELTA_ERROR_RESOURCE_EXHAUSTED ? 0
                                                                                              : 1);
      },
      ::testing::ExitedWithCode(0),
      "ResourceExhausted: .*00000000000000000000.json.*out of memory for 68719476736 bytes");
  std::filesystem::remove_all(root);
}

TEST(CApiTest, NullArgumentsAreInvalidArgumentNotCrashes) {
  delta_error* err = nullptr;
  EXPECT_EQ(delta_table_open(nullptr, nullptr, &err), nullptr);
  Error e1(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(delta_error_message(err), "delta_table_open: location is NULL");
  err = nullptr;
  EXPECT_EQ(delta_table_latest_snapshot(nullptr, &err), nullptr);
  Error e2(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  err = nullptr;
  EXPECT_EQ(delta_scan_execute(nullptr, nullptr, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error e3(err);
  err = nullptr;
  EXPECT_EQ(delta_engine_new_default(nullptr, nullptr, 1, &err), nullptr);
  Error e4(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  // Accessors on NULL handles return neutral values.
  EXPECT_EQ(delta_snapshot_version(nullptr), -1);
  EXPECT_EQ(delta_snapshot_schema_json(nullptr), nullptr);
  EXPECT_EQ(delta_scan_builder_new(nullptr), nullptr);
  EXPECT_EQ(delta_scan_num_columns(nullptr), 0u);
  EXPECT_EQ(delta_scan_file_size(nullptr), -1);
  EXPECT_EQ(delta_deletion_vector_cardinality(nullptr), 0u);
  delta_engine_free(nullptr);
  delta_table_free(nullptr);
  delta_snapshot_free(nullptr);
  delta_scan_free(nullptr);
  delta_scan_builder_free(nullptr);
  delta_scan_file_iter_free(nullptr);
  delta_scan_file_free(nullptr);
  delta_deletion_vector_free(nullptr);
  delta_expr_free(nullptr);
  delta_table_properties_free(nullptr);
}

TEST(CApiTest, EngineOptionsAreValidated) {
  const char* keys[] = {"io_concurrency", "cpu_threads", "region"};
  const char* good[] = {"4", "1", "us-east-1"};
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(keys, good, 3, &err));
  EXPECT_NE(engine, nullptr) << Describe(err);
  const char* bad[] = {"4", "many", "x"};
  EXPECT_EQ(delta_engine_new_default(keys, bad, 3, &err), nullptr);
  Error owned(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(delta_error_message(err),
               "engine option cpu_threads: expected a non-negative integer, got 'many'");
}

// --- snapshots --------------------------------------------------------------------------------

// A streamed snapshot has no file list (counts are -1) but its scans list the same files.
TEST(CApiTest, StreamedSnapshotScansTheSameFiles) {
  DELTA_REQUIRE_CONFORMANCE();
  Engine engine = NewEngine();
  Table table = OpenConformance("multi-part-checkpoint", engine.get());
  ASSERT_NE(table, nullptr);
  delta_error* err = nullptr;
  Snapshot in_memory(delta_table_snapshot(table.get(), -1, DELTA_FILE_LIST_IN_MEMORY, &err));
  ASSERT_NE(in_memory, nullptr) << Describe(err);
  Snapshot streamed(delta_table_snapshot(table.get(), -1, DELTA_FILE_LIST_STREAMED, &err));
  ASSERT_NE(streamed, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_has_file_list(in_memory.get()), 1);
  EXPECT_EQ(delta_snapshot_has_file_list(streamed.get()), 0);
  EXPECT_EQ(delta_snapshot_has_file_list(nullptr), -1);
  EXPECT_GT(delta_snapshot_num_files(in_memory.get()), 0);
  EXPECT_EQ(delta_snapshot_num_files(streamed.get()), -1);
  EXPECT_EQ(delta_snapshot_total_bytes(streamed.get()), -1);
  EXPECT_EQ(delta_snapshot_version(streamed.get()), delta_snapshot_version(in_memory.get()));

  Scan a = BuildScan(in_memory.get());
  Scan b = BuildScan(streamed.get());
  std::vector<File> fa = Files(a.get());
  std::vector<File> fb = Files(b.get());
  ASSERT_EQ(fa.size(), fb.size());
  EXPECT_EQ(static_cast<int64_t>(fa.size()), delta_snapshot_num_files(in_memory.get()));
  for (size_t i = 0; i < fa.size(); ++i) {
    EXPECT_STREQ(delta_scan_file_path(fa[i].get()), delta_scan_file_path(fb[i].get()));
  }
  EXPECT_EQ(ReadAll(b.get())->num_rows(), ReadAll(a.get())->num_rows());

  // Bad arguments.
  EXPECT_EQ(delta_table_snapshot(table.get(), -2, DELTA_FILE_LIST_STREAMED, &err), nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
  err = nullptr;
  EXPECT_EQ(delta_table_snapshot(table.get(), -1, static_cast<delta_file_list_mode>(7), &err),
            nullptr);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(delta_error_message(err)).find("unknown file list mode 7"),
            std::string::npos);
  delta_error_free(err);
}

TEST(CApiTest, SnapshotProtocolMetadataAndProperties) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("table-with-dv-small");
  ASSERT_NE(snap, nullptr);
  const delta_snapshot* s = snap.get();
  EXPECT_EQ(delta_snapshot_version(s), 1);
  EXPECT_EQ(delta_snapshot_num_files(s), 1);
  EXPECT_EQ(delta_snapshot_total_bytes(s), 635);
  EXPECT_EQ(delta_snapshot_checkpoint_version(s), -1);
  EXPECT_GT(delta_snapshot_timestamp(s), 0);
  EXPECT_EQ(std::string(delta_snapshot_table_location(s)).rfind("file://", 0), 0u);
  EXPECT_STREQ(delta_snapshot_schema_json(s),
               R"({"type":"struct","fields":[{"name":"value","type":"integer","nullable":true,)"
               R"("metadata":{}}]})");
  EXPECT_EQ(delta_snapshot_num_partition_columns(s), 0u);
  EXPECT_EQ(delta_snapshot_partition_column(s, 0), nullptr);

  EXPECT_EQ(delta_snapshot_min_reader_version(s), 3);
  EXPECT_EQ(delta_snapshot_min_writer_version(s), 7);
  ASSERT_EQ(delta_snapshot_num_reader_features(s), 1u);
  EXPECT_STREQ(delta_snapshot_reader_feature(s, 0), "deletionVectors");
  EXPECT_EQ(delta_snapshot_reader_feature(s, 1), nullptr);
  ASSERT_EQ(delta_snapshot_num_writer_features(s), 1u);
  EXPECT_STREQ(delta_snapshot_writer_feature(s, 0), "deletionVectors");
  EXPECT_EQ(delta_snapshot_writer_feature(s, 1), nullptr);

  EXPECT_STREQ(delta_snapshot_table_id(s), "testId");
  EXPECT_EQ(delta_snapshot_table_name(s), nullptr);
  EXPECT_EQ(delta_snapshot_table_description(s), nullptr);
  EXPECT_STREQ(delta_snapshot_format_provider(s), "parquet");
  EXPECT_EQ(delta_snapshot_created_time(s), 1677811175819);

  ASSERT_EQ(delta_snapshot_num_properties(s), 2u);
  const char* key = nullptr;
  const char* value = nullptr;
  EXPECT_EQ(delta_snapshot_property_at(s, 0, &key, &value), 1);
  EXPECT_STREQ(key, "delta.columnMapping.mode");
  EXPECT_STREQ(value, "none");
  EXPECT_EQ(delta_snapshot_property_at(s, 1, &key, &value), 1);
  EXPECT_STREQ(key, "delta.enableDeletionVectors");
  EXPECT_STREQ(value, "true");
  EXPECT_EQ(delta_snapshot_property_at(s, 2, &key, &value), 0);
  EXPECT_EQ(key, nullptr);
  EXPECT_EQ(value, nullptr);
  EXPECT_STREQ(delta_snapshot_property(s, "delta.enableDeletionVectors"), "true");
  EXPECT_EQ(delta_snapshot_property(s, "delta.appendOnly"), nullptr);
  EXPECT_EQ(delta_snapshot_property(s, nullptr), nullptr);

  delta_error* err = nullptr;
  Props props(delta_snapshot_table_properties(s, &err));
  ASSERT_NE(props, nullptr) << Describe(err);
  const delta_table_properties* p = props.get();
  EXPECT_EQ(delta_table_properties_deletion_vectors(p), 1);
  EXPECT_EQ(delta_table_properties_append_only(p), 0);
  EXPECT_EQ(delta_table_properties_change_data_feed(p), 0);
  EXPECT_EQ(delta_table_properties_in_commit_timestamps(p), 0);
  EXPECT_EQ(delta_table_properties_row_tracking(p), 0);
  EXPECT_STREQ(delta_table_properties_column_mapping_mode(p), "none");
  EXPECT_EQ(delta_table_properties_checkpoint_interval(p), 10);
  EXPECT_EQ(delta_table_properties_log_retention_ms(p), 30LL * 24 * 3600 * 1000);
  EXPECT_EQ(delta_table_properties_deleted_file_retention_ms(p), 7LL * 24 * 3600 * 1000);
  EXPECT_EQ(delta_table_properties_data_skipping_num_indexed_cols(p), 32);
}

TEST(CApiTest, ArrowSchemaOfSnapshot) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("data-reader-partition-values");
  ASSERT_NE(snap, nullptr);
  struct ArrowSchema schema;
  delta_error* err = nullptr;
  ASSERT_EQ(delta_snapshot_arrow_schema(snap.get(), &schema, &err), DELTA_OK) << Describe(err);
  snap.reset();  // the schema owns its memory
  EXPECT_STREQ(schema.format, "+s");
  std::string fields;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    fields += std::string(schema.children[i]->name) + ":" + schema.children[i]->format + " ";
  }
  EXPECT_EQ(fields,
            "as_int:i as_long:l as_byte:c as_short:s as_boolean:b as_float:f as_double:g "
            "as_string:u as_string_lit_null:u as_date:tdD as_timestamp:tsu:UTC "
            "as_big_decimal:d:1,0 as_list_of_records:+l as_nested_struct:+s value:u ");
  schema.release(&schema);
  EXPECT_EQ(delta_snapshot_arrow_schema(nullptr, &schema, &err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
}

TEST(CApiTest, TimeTravelAndRefresh) {
  DELTA_REQUIRE_CONFORMANCE();
  Engine engine = NewEngine();
  Table table = OpenConformance("basic_partitioned", engine.get());
  ASSERT_NE(table, nullptr);
  delta_error* err = nullptr;

  Snapshot v0(delta_table_snapshot_at_version(table.get(), 0, &err));
  ASSERT_NE(v0, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_version(v0.get()), 0);
  EXPECT_EQ(delta_snapshot_num_files(v0.get()), 3);

  Snapshot latest(delta_snapshot_refresh(v0.get(), -1, &err));
  ASSERT_NE(latest, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_version(latest.get()), 1);
  EXPECT_EQ(delta_snapshot_num_files(latest.get()), 6);

  // The newest commit at or before v0's time: v0, unless v1 carries the same time (commit
  // times are file times here, and extraction may give both commits one).
  const int64_t t0 = delta_snapshot_timestamp(v0.get());
  Snapshot at_time(delta_table_snapshot_at_timestamp(table.get(), t0, &err));
  ASSERT_NE(at_time, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_version(at_time.get()),
            delta_snapshot_timestamp(latest.get()) <= t0 ? 1 : 0);

  EXPECT_EQ(delta_table_snapshot_at_version(table.get(), 7, &err), nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_NOT_FOUND);
  delta_error_free(err);
  err = nullptr;
  EXPECT_EQ(delta_table_snapshot_at_timestamp(table.get(), 0, &err), nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_NOT_FOUND);
  delta_error_free(err);
  err = nullptr;
  EXPECT_EQ(delta_snapshot_refresh(v0.get(), -2, &err), nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
}

// --- expressions ------------------------------------------------------------------------------

std::string Text(const delta_expr* e) { return OwnedString(delta_expr_to_string(e)).str(); }

TEST(CApiTest, ExpressionBuildersRenderAsSql) {
  Expr col(delta_expr_column("a.b"));
  const char* path[] = {"we.ird", "x"};
  Expr col_path(delta_expr_column_path(path, 2));
  EXPECT_EQ(Text(col.get()), "a.b");
  EXPECT_EQ(Text(col_path.get()), "`we.ird`.x");

  Expr t(delta_expr_bool(1));
  Expr i32(delta_expr_int32(42));
  Expr i64(delta_expr_int64(5000000000LL));
  Expr f(delta_expr_float(0.5F));
  Expr d(delta_expr_double(1.5));
  Expr s(delta_expr_string("it's"));
  const uint8_t bytes[] = {0x0A, 0x0B};
  Expr bin(delta_expr_binary(bytes, 2));
  Expr date(delta_expr_date(19724));
  Expr ts(delta_expr_timestamp(1704067200000000LL));
  Expr ntz(delta_expr_timestamp_ntz(0));
  Expr dec(delta_expr_decimal(0, 999, 5, 2));
  Expr null(delta_expr_null());
  EXPECT_EQ(Text(t.get()), "TRUE");
  EXPECT_EQ(Text(i32.get()), "42");
  EXPECT_EQ(Text(i64.get()), "5000000000");
  EXPECT_EQ(Text(f.get()), "0.5F");
  EXPECT_EQ(Text(d.get()), "1.5D");
  EXPECT_EQ(Text(s.get()), "'it''s'");
  EXPECT_EQ(Text(bin.get()), "X'0A0B'");
  EXPECT_EQ(Text(date.get()), "DATE '2024-01-02'");
  EXPECT_EQ(Text(ts.get()), "TIMESTAMP '2024-01-01 00:00:00'");
  EXPECT_EQ(Text(ntz.get()), "TIMESTAMP_NTZ '1970-01-01 00:00:00'");
  EXPECT_EQ(Text(dec.get()), "9.99");
  EXPECT_EQ(Text(null.get()), "NULL");

  Expr eq(delta_expr_compare(DELTA_CMP_EQ, col.get(), i32.get()));
  Expr ne(delta_expr_compare(DELTA_CMP_NE, col.get(), i32.get()));
  Expr lt(delta_expr_compare(DELTA_CMP_LT, col.get(), i32.get()));
  Expr le(delta_expr_compare(DELTA_CMP_LE, col.get(), i32.get()));
  Expr gt(delta_expr_compare(DELTA_CMP_GT, col.get(), i32.get()));
  Expr ge(delta_expr_compare(DELTA_CMP_GE, col.get(), i32.get()));
  Expr nse(delta_expr_compare(DELTA_CMP_NULL_SAFE_EQ, col.get(), null.get()));
  EXPECT_EQ(Text(eq.get()), "a.b = 42");
  EXPECT_EQ(Text(ne.get()), "a.b != 42");
  EXPECT_EQ(Text(lt.get()), "a.b < 42");
  EXPECT_EQ(Text(le.get()), "a.b <= 42");
  EXPECT_EQ(Text(gt.get()), "a.b > 42");
  EXPECT_EQ(Text(ge.get()), "a.b >= 42");
  EXPECT_EQ(Text(nse.get()), "a.b <=> NULL");

  const delta_expr* two[] = {eq.get(), gt.get()};
  Expr conj(delta_expr_and(two, 2));
  Expr disj(delta_expr_or(two, 2));
  Expr neg(delta_expr_not(disj.get()));
  Expr isnull(delta_expr_is_null(col.get()));
  Expr notnull(delta_expr_is_not_null(col.get()));
  const delta_expr* list[] = {i32.get(), i64.get()};
  Expr in(delta_expr_in(col.get(), list, 2));
  EXPECT_EQ(Text(conj.get()), "a.b = 42 AND a.b > 42");
  EXPECT_EQ(Text(disj.get()), "a.b = 42 OR a.b > 42");
  EXPECT_EQ(Text(neg.get()), "NOT (a.b = 42 OR a.b > 42)");
  EXPECT_EQ(Text(isnull.get()), "a.b IS NULL");
  EXPECT_EQ(Text(notnull.get()), "a.b IS NOT NULL");
  EXPECT_EQ(Text(in.get()), "a.b IN (42, 5000000000)");
  Expr empty_and(delta_expr_and(nullptr, 0));
  EXPECT_EQ(Text(empty_and.get()), "TRUE");

  // Invalid arguments give NULL.
  EXPECT_EQ(delta_expr_column(nullptr), nullptr);
  EXPECT_EQ(delta_expr_column(""), nullptr);
  EXPECT_EQ(delta_expr_column_path(nullptr, 1), nullptr);
  EXPECT_EQ(delta_expr_string(nullptr), nullptr);
  EXPECT_EQ(delta_expr_binary(nullptr, 3), nullptr);
  EXPECT_EQ(delta_expr_decimal(0, 1000, 3, 0), nullptr);  // 4 digits in decimal(3,0)
  EXPECT_EQ(delta_expr_compare(DELTA_CMP_EQ, col.get(), nullptr), nullptr);
  EXPECT_EQ(delta_expr_compare(static_cast<delta_compare_op>(9), col.get(), i32.get()), nullptr);
  const delta_expr* with_null[] = {eq.get(), nullptr};
  EXPECT_EQ(delta_expr_and(with_null, 2), nullptr);
  EXPECT_EQ(delta_expr_or(nullptr, 1), nullptr);
  EXPECT_EQ(delta_expr_not(nullptr), nullptr);
  EXPECT_EQ(delta_expr_is_null(nullptr), nullptr);
  EXPECT_EQ(delta_expr_is_not_null(nullptr), nullptr);
  EXPECT_EQ(delta_expr_in(nullptr, list, 2), nullptr);
  EXPECT_EQ(delta_expr_to_string(nullptr), nullptr);
}

TEST(CApiTest, ParseRoundTripsAndReportsPosition) {
  delta_error* err = nullptr;
  Expr e(delta_expr_parse("letter = 'a' AND number >= 4", &err));
  ASSERT_NE(e, nullptr) << Describe(err);
  EXPECT_EQ(Text(e.get()), "letter = 'a' AND number >= 4");
  EXPECT_EQ(delta_expr_parse("number >", &err), nullptr);
  Error owned(err);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(delta_error_message(err)).find("position 9"), std::string::npos)
      << delta_error_message(err);
  delta_error* err2 = nullptr;
  EXPECT_EQ(delta_expr_parse(nullptr, &err2), nullptr);
  EXPECT_EQ(delta_error_kind(err2), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err2);
}

// --- scans ------------------------------------------------------------------------------------

TEST(CApiTest, ScanAppliesDeletionVectorAndExposesIt) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("table-with-dv-small");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get());
  snap.reset();  // the scan keeps the snapshot alive
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(IntColumn(*ReadAll(scan.get()), "value"),
            (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));

  std::vector<File> files = Files(scan.get());
  ASSERT_EQ(files.size(), 1u);
  const delta_scan_file* f = files[0].get();
  EXPECT_STREQ(delta_scan_file_path(f),
               "part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet");
  std::string location = delta_scan_file_location(f);
  EXPECT_EQ(location.rfind("file://", 0), 0u);
  EXPECT_NE(location.find("/part-00000-fae5310a"), std::string::npos);
  EXPECT_EQ(delta_scan_file_size(f), 635);
  EXPECT_EQ(delta_scan_file_modification_time(f), 1677811178336);
  EXPECT_EQ(delta_scan_file_num_records(f), 10);
  EXPECT_EQ(delta_scan_file_num_partition_values(f), 0u);
  EXPECT_EQ(delta_scan_file_base_row_id(f), -1);
  EXPECT_EQ(delta_scan_file_deleted_row_count(f), 2);

  delta_error* err = nullptr;
  Dv dv(delta_scan_file_deletion_vector(f, &err));
  ASSERT_NE(dv, nullptr) << Describe(err);
  files.clear();  // the DV owns its data
  scan.reset();
  EXPECT_EQ(delta_deletion_vector_cardinality(dv.get()), 2u);
  size_t n = 0;
  const uint64_t* rows = delta_deletion_vector_row_indexes(dv.get(), &n);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(rows[0], 0u);
  EXPECT_EQ(rows[1], 9u);
  EXPECT_EQ(delta_deletion_vector_contains(dv.get(), 9), 1);
  EXPECT_EQ(delta_deletion_vector_contains(dv.get(), 5), 0);
  uint8_t keep[10];
  delta_deletion_vector_fill_selection(dv.get(), 0, 10, keep);
  EXPECT_EQ(std::vector<uint8_t>(keep, keep + 10),
            (std::vector<uint8_t>{0, 1, 1, 1, 1, 1, 1, 1, 1, 0}));
  delta_deletion_vector_fill_selection(dv.get(), 8, 2, keep);
  EXPECT_EQ(keep[0], 1);
  EXPECT_EQ(keep[1], 0);
  delta_deletion_vector_fill_selection(nullptr, 0, 2, keep);
  EXPECT_EQ(keep[0], 1);
  EXPECT_EQ(keep[1], 1);
}

TEST(CApiTest, FileWithoutDeletionVectorGivesAnEmptyOne) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get(), "letter = 'e'");
  std::vector<File> files = Files(scan.get());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(delta_scan_file_deleted_row_count(files[0].get()), 0);
  delta_error* err = nullptr;
  Dv dv(delta_scan_file_deletion_vector(files[0].get(), &err));
  ASSERT_NE(dv, nullptr) << Describe(err);
  EXPECT_EQ(delta_deletion_vector_cardinality(dv.get()), 0u);
  size_t n = 7;
  delta_deletion_vector_row_indexes(dv.get(), &n);
  EXPECT_EQ(n, 0u);
}

TEST(CApiTest, PredicateTextPrunesPartitionsAndFiltersRows) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  EXPECT_EQ(delta_snapshot_num_partition_columns(snap.get()), 1u);
  EXPECT_STREQ(delta_snapshot_partition_column(snap.get(), 0), "letter");
  Scan scan = BuildScan(snap.get(), "letter = 'a'");
  ASSERT_NE(scan, nullptr);
  OwnedString bound(delta_scan_predicate_string(scan.get()));
  EXPECT_EQ(bound.str(), "letter = 'a'");
  EXPECT_EQ(IntColumn(*ReadAll(scan.get()), "number"), (std::vector<int64_t>{1, 4}));
  int64_t selected = 0, pruned = 0;
  std::vector<File> files = Files(scan.get(), &selected, &pruned);
  EXPECT_EQ(selected, 2);
  EXPECT_EQ(pruned, 4);
  for (const File& f : files) {
    ASSERT_EQ(delta_scan_file_num_partition_values(f.get()), 1u);
    const char* column = nullptr;
    const char* value = nullptr;
    EXPECT_EQ(delta_scan_file_partition_value(f.get(), 0, &column, &value), 1);
    EXPECT_STREQ(column, "letter");
    EXPECT_STREQ(value, "a");
    EXPECT_STREQ(delta_scan_file_partition_value_of(f.get(), "letter"), "a");
    EXPECT_EQ(delta_scan_file_partition_value_of(f.get(), "number"), nullptr);
    EXPECT_EQ(delta_scan_file_partition_value(f.get(), 1, &column, &value), 0);
    EXPECT_EQ(column, nullptr);
  }
}

TEST(CApiTest, NullPartitionValueIsNull) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get(), "letter IS NULL");
  EXPECT_EQ(IntColumn(*ReadAll(scan.get()), "number"), (std::vector<int64_t>{6}));
  std::vector<File> files = Files(scan.get());
  ASSERT_EQ(files.size(), 1u);
  const char* column = nullptr;
  const char* value = "unset";
  EXPECT_EQ(delta_scan_file_partition_value(files[0].get(), 0, &column, &value), 1);
  EXPECT_STREQ(column, "letter");
  EXPECT_EQ(value, nullptr);
}

TEST(CApiTest, TypedPartitionValuesAsText) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("data-reader-partition-values");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get(), "as_int = 1");
  std::vector<File> files = Files(scan.get());
  ASSERT_EQ(files.size(), 1u);
  std::string all;
  const char* column = nullptr;
  const char* value = nullptr;
  for (size_t i = 0; delta_scan_file_partition_value(files[0].get(), i, &column, &value); ++i) {
    all += std::string(column) + "=" + (value ? value : "NULL") + " ";
  }
  EXPECT_EQ(all,
            "as_int=1 as_long=1 as_byte=1 as_short=1 as_boolean=false as_float=1 as_double=1 "
            "as_string=1 as_string_lit_null=null as_date=2021-09-08 "
            "as_timestamp=2021-09-08 11:11:11 as_big_decimal=1 ");
}

TEST(CApiTest, BuiltPredicateColumnsLimitAndSkipping) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Builder b(delta_scan_builder_new(snap.get()));
  snap.reset();  // the builder keeps the snapshot alive
  Expr number(delta_expr_column("number"));
  Expr three(delta_expr_int64(3));
  Expr pred(delta_expr_compare(DELTA_CMP_GE, number.get(), three.get()));
  delta_error* err = nullptr;
  ASSERT_EQ(delta_scan_builder_set_predicate(b.get(), pred.get(), &err), DELTA_OK);
  pred.reset();  // the builder shares the tree
  const char* columns[] = {"number", "_file_path"};
  ASSERT_EQ(delta_scan_builder_set_columns(b.get(), columns, 2, &err), DELTA_OK);
  ASSERT_EQ(delta_scan_builder_set_skipping(b.get(), 0, &err), DELTA_OK);
  Scan scan(delta_scan_builder_build(b.get(), &err));
  ASSERT_NE(scan, nullptr) << Describe(err);

  ASSERT_EQ(delta_scan_num_columns(scan.get()), 2u);
  delta_column_source source;
  const char* name = nullptr;
  int32_t index = 7;
  EXPECT_EQ(delta_scan_column(scan.get(), 0, &source, &name, &index), 1);
  EXPECT_EQ(source, DELTA_COLUMN_PHYSICAL);
  EXPECT_STREQ(name, "number");
  EXPECT_EQ(index, 0);
  EXPECT_EQ(delta_scan_column(scan.get(), 1, &source, &name, &index), 1);
  EXPECT_EQ(source, DELTA_COLUMN_METADATA);
  EXPECT_STREQ(name, "_file_path");
  EXPECT_EQ(index, -1);
  EXPECT_EQ(delta_scan_column(scan.get(), 2, &source, &name, &index), 0);

  struct ArrowSchema schema;
  ASSERT_EQ(delta_scan_output_schema(scan.get(), &schema, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(schema.n_children, 2);
  EXPECT_STREQ(schema.children[0]->name, "number");
  EXPECT_STREQ(schema.children[1]->name, "_file_path");
  schema.release(&schema);
  ASSERT_EQ(delta_scan_physical_schema(scan.get(), &schema, &err), DELTA_OK) << Describe(err);
  ASSERT_EQ(schema.n_children, 1);
  EXPECT_STREQ(schema.children[0]->name, "number");
  EXPECT_STREQ(schema.children[0]->format, "l");
  schema.release(&schema);

  auto rows = ReadAll(scan.get());
  EXPECT_EQ(IntColumn(*rows, "number"), (std::vector<int64_t>{3, 4, 5, 6}));
  EXPECT_EQ(rows->num_columns(), 2);
  int64_t selected = 0;
  Files(scan.get(), &selected);
  EXPECT_EQ(selected, 6);  // skipping off: every file is read

  // Limit, then clearing the column selection and the limit again.
  ASSERT_EQ(delta_scan_builder_set_limit(b.get(), 1, &err), DELTA_OK);
  Scan limited(delta_scan_builder_build(b.get(), &err));
  ASSERT_NE(limited, nullptr) << Describe(err);
  EXPECT_EQ(ReadAll(limited.get())->num_rows(), 1);
  ASSERT_EQ(delta_scan_builder_set_limit(b.get(), -1, &err), DELTA_OK);
  ASSERT_EQ(delta_scan_builder_set_columns(b.get(), nullptr, 0, &err), DELTA_OK);
  ASSERT_EQ(delta_scan_builder_set_predicate(b.get(), nullptr, &err), DELTA_OK);
  Scan all(delta_scan_builder_build(b.get(), &err));
  ASSERT_NE(all, nullptr) << Describe(err);
  EXPECT_EQ(delta_scan_predicate_string(all.get()), nullptr);
  auto every = ReadAll(all.get());
  EXPECT_EQ(every->num_rows(), 6);
  EXPECT_EQ(every->num_columns(), 3);

  EXPECT_EQ(delta_scan_builder_set_limit(b.get(), -5, &err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
}

TEST(CApiTest, ScanErrorsNameTheProblem) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Builder b(delta_scan_builder_new(snap.get()));
  delta_error* err = nullptr;
  EXPECT_EQ(delta_scan_builder_set_predicate_text(b.get(), "number = = 3", &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
  err = nullptr;

  ASSERT_EQ(delta_scan_builder_set_predicate_text(b.get(), "no_such_column = 3", &err), DELTA_OK);
  EXPECT_EQ(delta_scan_builder_build(b.get(), &err), nullptr);
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(delta_error_message(err)).find("no_such_column"), std::string::npos)
      << delta_error_message(err);
  delta_error_free(err);
  err = nullptr;

  const char* columns[] = {"nope"};
  ASSERT_EQ(delta_scan_builder_set_predicate(b.get(), nullptr, &err), DELTA_OK);
  ASSERT_EQ(delta_scan_builder_set_columns(b.get(), columns, 1, &err), DELTA_OK);
  EXPECT_EQ(delta_scan_builder_build(b.get(), &err), nullptr);
  EXPECT_EQ(delta_error_kind(err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(delta_error_message(err)).find("nope"), std::string::npos);
  delta_error_free(err);
  err = nullptr;

  const char* with_null[] = {"number", nullptr};
  EXPECT_EQ(delta_scan_builder_set_columns(b.get(), with_null, 2, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_STREQ(delta_error_message(err), "delta_scan_builder_set_columns: columns[1] is NULL");
  delta_error_free(err);
}

TEST(CApiTest, StreamOutlivesEveryHandle) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("table-with-dv-small");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get());
  struct ArrowArrayStream stream;
  delta_error* err = nullptr;
  ASSERT_EQ(delta_scan_execute(scan.get(), &stream, &err), DELTA_OK) << Describe(err);
  scan.reset();
  snap.reset();
  auto reader = arrow::ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok());
  auto table = (*reader)->ToTable();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->num_rows(), 8);
}

TEST(CApiTest, IteratorAndFilesOutliveTheScan) {
  DELTA_REQUIRE_CONFORMANCE();
  Snapshot snap = Latest("basic_partitioned");
  ASSERT_NE(snap, nullptr);
  Scan scan = BuildScan(snap.get());
  delta_error* err = nullptr;
  FileIter iter(delta_scan_files(scan.get(), &err));
  ASSERT_NE(iter, nullptr) << Describe(err);
  scan.reset();
  snap.reset();
  std::vector<File> files;
  delta_scan_file* f = nullptr;
  while (delta_scan_file_iter_next(iter.get(), &f, &err) == DELTA_OK && f != nullptr) {
    files.emplace_back(f);
  }
  iter.reset();
  ASSERT_EQ(files.size(), 6u);
  int64_t records = 0;
  for (const File& file : files) records += delta_scan_file_num_records(file.get());
  EXPECT_EQ(records, 6);
  EXPECT_EQ(delta_scan_file_iter_next(nullptr, &f, &err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
  int64_t total = 5;
  delta_scan_file_iter_counts(nullptr, &total, nullptr, nullptr, nullptr);
  EXPECT_EQ(total, 0);
}

}  // namespace

namespace {

TEST(CApiTest, ChangeDataFeed) {
  DELTA_REQUIRE_CONFORMANCE();
  Engine engine = NewEngine();
  Table table = OpenConformance("cdf-table-with-dv", engine.get());
  ASSERT_NE(table, nullptr);
  delta_error* err = nullptr;
  // Versions 1..2: a DV deletes rows 0 and 9, then is dropped (they come back).
  Expr pred(delta_expr_parse("_change_type = 'delete'", &err));
  ASSERT_NE(pred, nullptr) << Describe(err);
  struct ArrowArrayStream stream;
  ASSERT_EQ(delta_table_changes(table.get(), 1, 2, pred.get(), &stream, &err), DELTA_OK)
      << Describe(err);
  pred.reset();
  table.reset();  // the stream keeps what it needs
  auto reader = arrow::ImportRecordBatchReader(&stream);
  ASSERT_TRUE(reader.ok());
  auto rows = (*reader)->ToTable();
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(
      (*rows)->schema()->field_names(),
      (std::vector<std::string>{"value", "_change_type", "_commit_version", "_commit_timestamp"}));
  EXPECT_EQ(IntColumn(**rows, "value"), (std::vector<int64_t>{0, 9}));
  EXPECT_EQ(IntColumn(**rows, "_commit_version"), (std::vector<int64_t>{1, 1}));

  Table again = OpenConformance("cdf-table-with-dv", engine.get());
  ASSERT_NE(again, nullptr);
  struct ArrowArrayStream all;
  ASSERT_EQ(delta_table_changes(again.get(), 0, -1, nullptr, &all, &err), DELTA_OK)
      << Describe(err);
  auto all_reader = arrow::ImportRecordBatchReader(&all);
  ASSERT_TRUE(all_reader.ok());
  auto all_rows = (*all_reader)->ToTable();
  ASSERT_TRUE(all_rows.ok());
  EXPECT_GT((*all_rows)->num_rows(), 10);

  // Errors: start after end, beyond the latest, NULL arguments.
  EXPECT_EQ(delta_table_changes(again.get(), 3, 1, nullptr, &all, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error owned(err);
  err = nullptr;
  EXPECT_EQ(delta_table_changes(again.get(), 99, -1, nullptr, &all, &err), DELTA_ERROR_NOT_FOUND);
  owned.reset(err);
  err = nullptr;
  EXPECT_EQ(delta_table_changes(nullptr, 0, -1, nullptr, &all, &err), DELTA_ERROR_INVALID_ARGUMENT);
  owned.reset(err);
  err = nullptr;
  EXPECT_EQ(delta_table_changes(again.get(), 0, -1, nullptr, nullptr, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  owned.reset(err);
}

TEST(CApiTest, ChangeDataFeedDisabledIsUnsupported) {
  DELTA_REQUIRE_CONFORMANCE();
  Engine engine = NewEngine();
  Table table = OpenConformance("cdf-column-mapping-name-mode", engine.get());
  ASSERT_NE(table, nullptr);
  delta_error* err = nullptr;
  struct ArrowArrayStream stream;
  EXPECT_EQ(delta_table_changes(table.get(), 0, -1, nullptr, &stream, &err),
            DELTA_ERROR_UNSUPPORTED);
  Error owned(err);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(std::string(delta_error_message(err)).find("enableChangeDataFeed"), std::string::npos);
}

}  // namespace
