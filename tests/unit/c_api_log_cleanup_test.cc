// The C ABI's log cleanup (a dry run that lists, the run that deletes, bad input) and log
// compaction.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

using Cleanup = Owned<delta_log_cleanup_result, delta_log_cleanup_result_free>;

// Versions 0 (protocol, metadata), 1 and 2 (one file each).
void WriteLog(const std::filesystem::path& root) {
  std::filesystem::create_directories(root / "_delta_log");
  std::ofstream v0(root / "_delta_log" / "00000000000000000000.json");
  v0 << R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
     << "\n"
     << R"({"metaData":{"id":"c-clean","format":{"provider":"parquet","options":{}},)"
     << R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
     << R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},)"
     << R"("createdTime":1}})"
     << "\n";
  for (int v = 1; v <= 2; ++v) {
    std::ofstream f(root / "_delta_log" / ("0000000000000000000" + std::to_string(v) + ".json"));
    f << R"({"add":{"path":"f)" << v
      << R"(.parquet","partitionValues":{},"size":10,"modificationTime":5,)"
      << R"("dataChange":true}})"
      << "\n";
  }
}

TEST(CLogCleanup, ListsThenDeletesTheExpiredLog) {
  delta::test::TempDir dir("c-clean");
  WriteLog(dir.path());
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(nullptr, nullptr, 0, &err));
  ASSERT_NE(engine, nullptr) << Describe(err);
  Table table(delta_table_open(dir.path().c_str(), engine.get(), &err));
  ASSERT_NE(table, nullptr) << Describe(err);
  ASSERT_EQ(delta_checkpoint(table.get(), 1, nullptr, &err), DELTA_OK) << Describe(err);

  // A year from now every version has expired: the log is cut at the checkpoint of version 1.
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const int64_t later = now + 365LL * 24 * 3600 * 1000;
  const auto v0 = std::filesystem::path(dir.path()) / "_delta_log" / "00000000000000000000.json";
  delta_log_cleanup_result* raw = nullptr;
  ASSERT_EQ(delta_cleanup_expired_logs(table.get(), 1, later, &raw, &err), DELTA_OK)
      << Describe(err);
  Cleanup dry(raw);
  EXPECT_EQ(delta_log_cleanup_result_dry_run(dry.get()), 1);
  ASSERT_EQ(delta_log_cleanup_result_num_files(dry.get()), 1u);
  EXPECT_EQ(std::string(delta_log_cleanup_result_file(dry.get(), 0)), "file://" + v0.string());
  EXPECT_EQ(delta_log_cleanup_result_file(dry.get(), 1), nullptr);
  EXPECT_EQ(delta_log_cleanup_result_bytes(dry.get()),
            static_cast<int64_t>(std::filesystem::file_size(v0)));
  EXPECT_EQ(delta_log_cleanup_result_earliest_version(dry.get()), 1);
  EXPECT_STREQ(delta_log_cleanup_result_skipped(dry.get()), "");
  const int64_t day = 24LL * 3600 * 1000;
  EXPECT_EQ(delta_log_cleanup_result_cutoff_ms(dry.get()), (later - 30 * day) / day * day);
  EXPECT_TRUE(std::filesystem::exists(v0));

  ASSERT_EQ(delta_cleanup_expired_logs(table.get(), 0, later, &raw, &err), DELTA_OK)
      << Describe(err);
  Cleanup done(raw);
  EXPECT_EQ(delta_log_cleanup_result_dry_run(done.get()), 0);
  EXPECT_EQ(delta_log_cleanup_result_num_files(done.get()), 1u);
  EXPECT_FALSE(std::filesystem::exists(v0));
  Snapshot s(delta_table_latest_snapshot(table.get(), &err));
  ASSERT_NE(s, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_num_files(s.get()), 2);

  // Today nothing has expired; the result may be left out.
  ASSERT_EQ(delta_cleanup_expired_logs(table.get(), 0, -1, nullptr, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(delta_cleanup_expired_logs(nullptr, 0, -1, &raw, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error null_table(err);
  EXPECT_STREQ(delta_error_message(null_table.get()), "delta_cleanup_expired_logs: table is NULL");
  EXPECT_EQ(raw, nullptr);
}

TEST(CLogCompaction, WritesTheCompactionOfARange) {
  delta::test::TempDir dir("c-compact");
  WriteLog(dir.path());
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(nullptr, nullptr, 0, &err));
  ASSERT_NE(engine, nullptr) << Describe(err);
  Table table(delta_table_open(dir.path().c_str(), engine.get(), &err));
  ASSERT_NE(table, nullptr) << Describe(err);
  delta_log_compaction_result r{};
  ASSERT_EQ(delta_compact_log(table.get(), 0, 1, &r, &err), DELTA_OK) << Describe(err);
  const auto file = std::filesystem::path(dir.path()) / "_delta_log" /
                    "00000000000000000000.00000000000000000001.compacted.json";
  EXPECT_EQ(r.start_version, 0);
  EXPECT_EQ(r.end_version, 1);
  EXPECT_EQ(r.actions, 3);  // protocol, metaData, the add of f1
  EXPECT_EQ(r.size_in_bytes, static_cast<int64_t>(std::filesystem::file_size(file)));
  Snapshot s(delta_table_latest_snapshot(table.get(), &err));
  ASSERT_NE(s, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_num_files(s.get()), 2);

  EXPECT_EQ(delta_compact_log(table.get(), 0, 1, nullptr, &err), DELTA_ERROR_CONFLICT);
  Error again(err);
  EXPECT_EQ(delta_error_detail_kind(again.get()), DELTA_DETAIL_ALREADY_EXISTS);
  EXPECT_EQ(delta_compact_log(table.get(), 1, 1, nullptr, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error empty(err);
}

}  // namespace
