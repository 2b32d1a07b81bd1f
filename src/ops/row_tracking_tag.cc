#include "ops/row_tracking_tag.h"

#include <string>

#include "delta/table_features.h"
#include "delta/table_properties.h"

namespace delta::ops {

Status TagRowTrackingPreserved(Transaction& txn, const Snapshot& read) {
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(read.properties()));
  if (!props.enable_row_tracking() || !IsFeatureEnabled(read.protocol(), feature::kRowTracking)) {
    return Status::OK();
  }
  txn.SetCommitTag(std::string(kRowTrackingPreservedTag), "true");
  return Status::OK();
}

}  // namespace delta::ops
