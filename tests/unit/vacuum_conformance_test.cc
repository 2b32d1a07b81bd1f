// Vacuum on copies of the shared conformance tables (every checkpoint kind, deletion vectors,
// change data): with no retention at all it deletes exactly the files no live file needs, and
// the table reads as before.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/vacuum.h"
#include "support/conformance_tables.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

struct Case {
  const char* table;
  size_t unreferenced;  // files no live file needs, before the test adds its own
};

class VacuumConformanceTest : public ::testing::TestWithParam<Case> {};

// The absolute URIs of the latest version's files and deletion vector files.
std::set<std::string> LiveLocations(const Snapshot& s) {
  std::set<std::string> out;
  for (const AddFile& a : s.files()) {
    out.insert(s.ResolvePath(a.path));
    if (a.deletion_vector != nullptr && a.deletion_vector->storage_type != 'i') {
      out.insert(DeletionVectorAbsolutePath(s.table_location(), *a.deletion_vector));
    }
  }
  return out;
}

TEST_P(VacuumConformanceTest, DeletesOnlyWhatNoLiveFileNeeds) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string source = test::ExtractedTablePath(GetParam().table);
  ASSERT_FALSE(source.empty());
  test::TempDir dir("vacuum-conformance");
  const std::string root = dir.path() + "/t";
  std::filesystem::copy(source, root, std::filesystem::copy_options::recursive);
  // One file no commit names, in the root.
  std::FILE* orphan = std::fopen((root + "/orphan-of-a-failed-write.parquet").c_str(), "w");
  ASSERT_NE(orphan, nullptr);
  std::fclose(orphan);

  auto engine = *MakeDefaultEngine();
  Table table = *Table::ForLocation(root, engine);
  auto before = table.LatestSnapshot();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  std::set<std::string> live = LiveLocations(**before);
  ASSERT_FALSE(live.empty());

  VacuumOptions o;
  o.retention_ms = 0;
  o.enforce_retention = false;
  o.now_ms = int64_t{4102444800000};  // 2100-01-01: every file and tombstone is old
  o.log_to_history = false;
  auto r = Vacuum(table, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_deleted.size(), GetParam().unreferenced + 1);
  EXPECT_EQ(std::count(r->files_deleted.begin(), r->files_deleted.end(),
                       test::LocalUri(root + "/orphan-of-a-failed-write.parquet")),
            1);
  for (const std::string& f : r->files_deleted) EXPECT_FALSE(live.contains(f)) << f;
  for (const std::string& f : live) {
    EXPECT_TRUE(engine->file_system().Head(f).ok()) << f;
  }
  auto after = table.LatestSnapshot();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ((*after)->version(), (*before)->version());
  EXPECT_EQ(LiveLocations(**after), live);
  // Nothing is left to find.
  auto again = Vacuum(table, o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->files_deleted.empty());
}

INSTANTIATE_TEST_SUITE_P(Tables, VacuumConformanceTest,
                         ::testing::Values(Case{"v1-single-part-struct-stats-only", 0},
                                           Case{"v1-multi-part-partitioned-struct-stats-only", 0},
                                           Case{"v2-parquet-sidecars-struct-stats-only", 0},
                                           Case{"v2-json-sidecars-struct-stats-only", 0},
                                           Case{"v2-checkpoints-parquet-with-sidecars", 0},
                                           Case{"table-with-dv-small", 0},
                                           Case{"cdf-table-with-cdc-and-dvs", 33},
                                           Case{"basic_partitioned", 0}));

}  // namespace
}  // namespace delta
