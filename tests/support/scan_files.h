// What a table's latest version holds, counted through the public API: the files a filtered
// scan selects (data skipping and partition pruning), and the bytes of its live files.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>

#include "delta/engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/table.h"

namespace delta::test {

/// Files a scan with `filter` selects in the latest version of the table at `root`.
inline int64_t FilesSelected(const std::string& root, const std::shared_ptr<Engine>& engine,
                             const std::string& filter) {
  auto snapshot = (*Table::ForLocation(root, engine)).LatestSnapshot();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  ScanOptions o;
  o.filter = *ParseExpression(filter);
  auto scan = Scan::Make(*snapshot, o);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  ScanCounts counts;
  EXPECT_TRUE((*scan)->Files(&counts).ok());
  return counts.selected_files;
}

/// The bytes of the live files of the latest version of the table at `root`.
inline int64_t TotalBytes(const std::string& root, const std::shared_ptr<Engine>& engine) {
  auto snapshot = (*Table::ForLocation(root, engine)).LatestSnapshot();
  EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
  int64_t total = 0;
  // The snapshot owns the files: held here, not a temporary that dies before the loop.
  for (const AddFile& f : (*snapshot)->files()) total += f.size;
  return total;
}

}  // namespace delta::test
