// delta_checkpoint_with_options: the part size and JSON manifest the C ABI can now ask for,
// progress reported through a C callback, and bad options refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

// Version 0 with `protocol` (an id long table), version 1 with three files.
void WriteLog(const std::filesystem::path& root, const std::string& protocol) {
  std::filesystem::create_directories(root / "_delta_log");
  std::ofstream v0(root / "_delta_log" / "00000000000000000000.json");
  v0 << protocol << "\n"
     << R"({"metaData":{"id":"c-ckpt-options","format":{"provider":"parquet","options":{}},)"
     << R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
     << R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},)"
     << R"("createdTime":1}})"
     << "\n";
  std::ofstream v1(root / "_delta_log" / "00000000000000000001.json");
  for (int i = 1; i <= 3; ++i) {
    v1 << R"({"add":{"path":"f)" << i << R"(.parquet","partitionValues":{},"size":10,)"
       << R"("modificationTime":5,"dataChange":true,"stats":"{\"numRecords\":2}"}})"
       << "\n";
  }
}

void Record(const delta_checkpoint_progress* p, void* user_data) {
  static_cast<std::vector<delta_checkpoint_progress>*>(user_data)->push_back(*p);
}

struct Opened {
  Engine engine;
  Table table;
};

Opened Open(const std::string& path) {
  delta_error* err = nullptr;
  Opened o{Engine(delta_engine_new_default(nullptr, nullptr, 0, &err)), Table(nullptr)};
  EXPECT_NE(o.engine, nullptr) << Describe(err);
  o.table = Table(delta_table_open(path.c_str(), o.engine.get(), &err));
  EXPECT_NE(o.table, nullptr) << Describe(err);
  return o;
}

TEST(CCheckpointOptions, PartSizeAndProgress) {
  delta::test::TempDir dir("c-ckpt-parts");
  WriteLog(dir.path(), R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})");
  Opened t = Open(dir.path());
  delta_checkpoint_options options;
  delta_checkpoint_options_init(&options);
  EXPECT_EQ(options.struct_size, sizeof(delta_checkpoint_options));
  EXPECT_EQ(options.part_size, 0);
  EXPECT_EQ(options.json_manifest, 0);
  EXPECT_EQ(options.v2_sidecars, 1);
  EXPECT_EQ(options.progress, nullptr);
  options.part_size = 2;
  std::vector<delta_checkpoint_progress> seen;
  options.progress = Record;
  options.progress_user_data = &seen;
  delta_checkpoint_result r{};
  delta_error* err = nullptr;
  ASSERT_EQ(delta_checkpoint_with_options(t.table.get(), -1, &options, &r, &err), DELTA_OK)
      << Describe(err);
  // protocol, metaData and three adds in parts of two.
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.num_files, 3);
  EXPECT_EQ(r.actions, 5);
  for (int i = 1; i <= 3; ++i) {
    EXPECT_TRUE(std::filesystem::exists(
        std::filesystem::path(dir.path()) / "_delta_log" /
        ("00000000000000000001.checkpoint.000000000" + std::to_string(i) + ".0000000003.parquet")))
        << i;
  }
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().actions_written, 5);
  EXPECT_EQ(seen.back().actions_total, 5);
  EXPECT_EQ(seen.back().files_written, 3);

  // Bad options name what is wrong; nothing is written.
  options.part_size = -1;
  EXPECT_EQ(delta_checkpoint_with_options(t.table.get(), 0, &options, &r, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error negative(err);
  EXPECT_STREQ(delta_error_message(negative.get()),
               "delta_checkpoint_with_options: options->part_size -1 is negative");
  delta_checkpoint_options old{};
  old.struct_size = 8;
  EXPECT_EQ(delta_checkpoint_with_options(t.table.get(), 0, &old, &r, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error small(err);
  EXPECT_NE(std::string(delta_error_message(small.get())).find("options->struct_size 8"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir.path()) / "_delta_log" /
                                       "00000000000000000000.checkpoint.parquet"));
  // NULL options: the defaults (one file).
  ASSERT_EQ(delta_checkpoint_with_options(t.table.get(), 0, nullptr, &r, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.num_files, 1);
}

TEST(CCheckpointOptions, JsonManifest) {
  delta::test::TempDir dir("c-ckpt-json");
  WriteLog(dir.path(), R"({"protocol":{"minReaderVersion":3,"minWriterVersion":7,)"
                       R"("readerFeatures":["v2Checkpoint"],"writerFeatures":["v2Checkpoint"]}})");
  Opened t = Open(dir.path());
  delta_checkpoint_options options;
  delta_checkpoint_options_init(&options);
  options.json_manifest = 1;
  delta_checkpoint_result r{};
  delta_error* err = nullptr;
  ASSERT_EQ(delta_checkpoint_with_options(t.table.get(), -1, &options, &r, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.kind, 1);
  EXPECT_EQ(r.num_files, 2);  // the manifest and one sidecar
  int manifests = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(dir.path()) / "_delta_log")) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("00000000000000000001.checkpoint.") && name.ends_with(".json")) {
      ++manifests;
    }
  }
  EXPECT_EQ(manifests, 1);
}

}  // namespace
