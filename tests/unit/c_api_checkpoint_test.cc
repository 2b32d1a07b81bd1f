// The C ABI's checkpoint call: what it wrote, a second call refused with its detail, bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

using Txn = Owned<delta_transaction, delta_transaction_free>;

// Version 0 (protocol 1/2, id long) and version 1 (one file), written as the protocol says.
void WriteLog(const std::filesystem::path& root) {
  std::filesystem::create_directories(root / "_delta_log");
  std::ofstream v0(root / "_delta_log" / "00000000000000000000.json");
  v0 << R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
     << "\n"
     << R"({"metaData":{"id":"c-ckpt","format":{"provider":"parquet","options":{}},)"
     << R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
     << R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},)"
     << R"("createdTime":1}})"
     << "\n";
  std::ofstream v1(root / "_delta_log" / "00000000000000000001.json");
  v1 << R"({"add":{"path":"f1.parquet","partitionValues":{},"size":10,"modificationTime":5,)"
     << R"("dataChange":true,"stats":"{\"numRecords\":2}"}})"
     << "\n";
}

TEST(CCheckpoint, WritesAndReportsTheCheckpoint) {
  delta::test::TempDir dir("c-ckpt");
  WriteLog(dir.path());
  delta_error* err = nullptr;
  Engine engine(delta_engine_new_default(nullptr, nullptr, 0, &err));
  ASSERT_NE(engine, nullptr) << Describe(err);
  Table table(delta_table_open(dir.path().c_str(), engine.get(), &err));
  ASSERT_NE(table, nullptr) << Describe(err);

  delta_checkpoint_result r{};
  ASSERT_EQ(delta_checkpoint(table.get(), -1, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.kind, 0);
  EXPECT_EQ(r.num_files, 1);
  EXPECT_EQ(r.num_of_add_files, 1);
  EXPECT_EQ(r.num_of_tombstones, 0);
  EXPECT_EQ(r.actions, 3);  // protocol, metaData, add
  const auto checkpoint =
      std::filesystem::path(dir.path()) / "_delta_log" / "00000000000000000001.checkpoint.parquet";
  EXPECT_EQ(r.size_in_bytes, static_cast<int64_t>(std::filesystem::file_size(checkpoint)));
  EXPECT_EQ(r.last_checkpoint_updated, 1);

  Snapshot s(delta_table_latest_snapshot(table.get(), &err));
  ASSERT_NE(s, nullptr) << Describe(err);
  EXPECT_EQ(delta_snapshot_num_files(s.get()), 1);

  // The same checkpoint again: refused, nothing overwritten.
  EXPECT_EQ(delta_checkpoint(table.get(), 1, nullptr, &err), DELTA_ERROR_CONFLICT);
  Error again(err);
  EXPECT_EQ(delta_error_detail_kind(again.get()), DELTA_DETAIL_ALREADY_EXISTS);
  err = nullptr;

  // Version 0 on request (the hint stays at the newer checkpoint).
  ASSERT_EQ(delta_checkpoint(table.get(), 0, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.version, 0);
  EXPECT_EQ(r.actions, 2);
  EXPECT_EQ(r.last_checkpoint_updated, 0);

  EXPECT_EQ(delta_checkpoint(nullptr, -1, &r, &err), DELTA_ERROR_INVALID_ARGUMENT);
  Error null_table(err);
  EXPECT_STREQ(delta_error_message(null_table.get()), "delta_checkpoint: table is NULL");
}

}  // namespace
