// Checkpoints that keep add statistics only as structs (stats_parsed) still give every live
// file its statistics, as JSON text.
#include <gtest/gtest.h>

#include "delta/default_engine.h"
#include "delta/table.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

class StructStatsSnapshotTest : public ::testing::TestWithParam<const char*> {};

TEST_P(StructStatsSnapshotTest, EveryLiveFileHasJsonStats) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path = test::ExtractedTablePath(GetParam());
  ASSERT_FALSE(path.empty());
  auto table = Table::ForLocation(path, *MakeDefaultEngine());
  ASSERT_TRUE(table.ok());
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ASSERT_TRUE((*snap)->checkpoint_version().has_value());
  ASSERT_FALSE((*snap)->files().empty());
  for (const AddFile& f : (*snap)->files()) {
    ASSERT_FALSE(f.stats.empty()) << f.path;
    EXPECT_TRUE(f.NumRecords().has_value()) << f.stats;
  }
}

INSTANTIATE_TEST_SUITE_P(Tables, StructStatsSnapshotTest,
                         ::testing::Values("v1-single-part-struct-stats-only",
                                           "v1-multi-part-struct-stats-only",
                                           "v2-classic-parquet-struct-stats-only",
                                           "v2-parquet-sidecars-struct-stats-only",
                                           "v2-json-sidecars-struct-stats-only"));

}  // namespace
}  // namespace delta
