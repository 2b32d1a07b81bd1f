// The remove of a live file, built from its add as Delta Spark builds it.
#pragma once

#include "delta/actions.h"

namespace delta {

/// A remove of `live` with extended file metadata: size, partition values, stats, tags,
/// deletion vector and row tracking fields copied (views into `live`'s storage). The
/// deletionTimestamp is the commit's, set when the commit is built.
inline RemoveFile RemoveOfLiveFile(const AddFile& live, bool data_change) {
  RemoveFile r;
  r.path = live.path;
  r.data_change = data_change;
  r.extended_file_metadata = true;
  r.partition_values = live.partition_values;
  r.size = live.size;
  r.stats = live.stats;
  r.tags = live.tags;
  r.deletion_vector = live.deletion_vector;
  r.base_row_id = live.base_row_id;
  r.default_row_commit_version = live.default_row_commit_version;
  return r;
}

}  // namespace delta
