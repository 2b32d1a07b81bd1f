// The commitInfo tag by which Delta Spark says whether a commit kept row tracking: DELETE,
// UPDATE, MERGE and OPTIMIZE of a table with row tracking enabled carry
// {"delta.rowTracking.preserved": "true"}; readers take a missing tag as "not preserved".
// Appends, CREATE TABLE and RESTORE carry none, as in Delta Spark.
#pragma once

#include <string_view>

#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::ops {

inline constexpr std::string_view kRowTrackingPreservedTag = "delta.rowTracking.preserved";

/// Tags `txn`'s commit "true" when `read` (the snapshot it rewrites) has row tracking enabled
/// (the rowTracking feature and delta.enableRowTracking=true): our rewrites keep every row's
/// id and commit version then (row_tracking_columns.h). Nothing otherwise.
Status TagRowTrackingPreserved(Transaction& txn, const Snapshot& read);

}  // namespace delta::ops
