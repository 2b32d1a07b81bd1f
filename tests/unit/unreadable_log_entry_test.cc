// An entry of _delta_log that cannot be inspected or read (a symlink loop, no permission) fails
// only the reads that need it, and their error names it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "delta/default_engine.h"
#include "delta/table.h"
#include "log/log_path.h"
#include "support/conformance_tables.h"
#include "support/log_builder.h"

namespace delta {
namespace {

namespace fs = std::filesystem;
using testing::AddJson;
using testing::MetadataJson;
using testing::ProtocolJson;

class UnreadableLogEntryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "delta-unreadable-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    root_ = templ;
    log_ = root_ + "/_delta_log";
    fs::create_directories(log_);
    Commit(0, ProtocolJson() + "\n" + MetadataJson() + "\n" + AddJson("a.parquet") + "\n");
    Commit(1, AddJson("b.parquet") + "\n");
    auto engine = MakeDefaultEngine();
    ASSERT_TRUE(engine.ok());
    table_ = *Table::ForLocation(root_, *engine);
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(log_, fs::perms::owner_all, ec);
    fs::remove_all(root_, ec);
  }
  void Commit(int64_t v, const std::string& data) {
    std::ofstream(log_ + "/" + FormatVersion(v) + ".json", std::ios::binary) << data;
  }
  std::string LogUri(const std::string& name) const { return test::LocalUri(log_) + "/" + name; }

  std::string root_, log_;
  std::optional<Table> table_;
};

TEST_F(UnreadableLogEntryTest, SymlinkLoopThatIsNotNeededIsIgnored) {
  fs::create_symlink("loop", log_ + "/loop");
  fs::create_symlink(FormatVersion(0) + ".zzz", log_ + "/" + FormatVersion(0) + ".zzz");
  auto snap = table_->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->version(), 1);
  EXPECT_EQ((*snap)->files().size(), 2u);
  auto history = table_->History();
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  EXPECT_EQ(history->size(), 2u);
}

TEST_F(UnreadableLogEntryTest, NeededFileThatIsASymlinkLoopIsNamed) {
  std::string name = FormatVersion(2) + ".json";
  fs::create_symlink(name, log_ + "/" + name);
  auto snap = table_->LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kIoError) << snap.status().ToString();
  EXPECT_NE(snap.status().message().find(LogUri(name)), std::string::npos)
      << snap.status().message();
  // Versions that do not need it still read.
  auto v1 = table_->SnapshotAtVersion(1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
}

TEST_F(UnreadableLogEntryTest, UnreadableFileIsNamedOnlyWhenNeeded) {
  if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
  std::string other = log_ + "/notes.txt";
  std::ofstream(other) << "x";
  ::chmod(other.c_str(), 0);
  ASSERT_TRUE(table_->LatestSnapshot().ok());
  std::string name = FormatVersion(1) + ".json";
  ::chmod((log_ + "/" + name).c_str(), 0);
  auto snap = table_->LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kPermissionDenied) << snap.status().ToString();
  EXPECT_NE(snap.status().message().find(LogUri(name)), std::string::npos)
      << snap.status().message();
}

}  // namespace
}  // namespace delta
