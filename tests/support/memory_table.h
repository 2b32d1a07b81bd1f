// A fixture for tests of one table on in-memory storage, read and written through the public
// API with the default engine (2 threads): the table, the locations of its log's files and its
// latest snapshot.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"

namespace delta::test {

class MemoryTableTest : public ::testing::Test {
 protected:
  explicit MemoryTableTest(std::string_view root) : root_(root) {}

  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(mem_, opts);
  }

  Table table() const { return *Table::ForLocation(root_, engine_); }
  std::string Log(const std::string& name) const { return root_ + "/_delta_log/" + name; }
  std::shared_ptr<const Snapshot> Latest(FileListMode mode = FileListMode::kInMemory) const {
    SnapshotOptions o;
    o.file_list = mode;
    auto s = table().LatestSnapshot(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : nullptr;
  }

  std::string root_;
  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<Engine> engine_;
};

}  // namespace delta::test
