// ExecuteOptions::progress while the consumer waits: a scan whose files yield no rows (a
// selective filter) on slow storage still reports files going by, not just its end.
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/latency_file_system.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "support/arrow_stream.h"

namespace delta {
namespace {

TEST(ScanProgressTest, ReportsWhileWaitingForRows) {
  auto local = MakeDefaultFileSystem();
  ASSERT_TRUE(local.ok());
  // Each file takes several requests, together longer than the quarter second between reports.
  auto slow = std::make_shared<LatencyFileSystem>(
      *local, LatencyFileSystemOptions{.latency = std::chrono::milliseconds(150)});
  auto engine = MakeDefaultEngine(slow, {});
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  // The snapshot loads at full speed; only the scan's reads are slow.
  auto table = Table::ForLocation(DELTA_SAMPLE_TABLE, *MakeDefaultEngine());
  ASSERT_TRUE(table.ok());
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();

  ScanOptions opts;
  opts.filter = *ParseExpression("id < 0");  // no row matches; no file is skipped
  opts.partition_pruning = false;
  opts.data_skipping = false;
  auto scan = Scan::Make(*snap, opts);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();

  std::vector<ScanProgress> reports;
  ExecuteOptions exec;
  exec.progress = [&](const ScanProgress& p) { reports.push_back(p); };
  auto stream = ExecuteScan(*scan, *engine, exec);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto rows = test::ReadStream(*stream);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ((*rows)->num_rows(), 0);

  // Reports before the final one, with counts that only grow, and the final one complete.
  ASSERT_GE(reports.size(), 2u);
  for (size_t i = 1; i < reports.size(); ++i) {
    EXPECT_GE(reports[i].files_done, reports[i - 1].files_done);
    EXPECT_GE(reports[i].files_planned, reports[i - 1].files_planned);
  }
  EXPECT_LT(reports.front().files_done, 10);
  EXPECT_EQ(reports.back().files_done, 10);
  EXPECT_EQ(reports.back().files_planned, 10);
  EXPECT_TRUE(reports.back().planning_done);
  for (const ScanProgress& p : reports) EXPECT_EQ(p.rows_output, 0);
}

}  // namespace
}  // namespace delta
