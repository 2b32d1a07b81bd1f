// Real data files (--data real): rows generated per column, written as Parquet via Arrow.
#pragma once

#include <cstdint>
#include <string>

#include "delta/status.h"
#include "gen_model.h"

namespace delta::gen {

/// What writing one data file produced.
struct WrittenDataFile {
  int64_t size = 0;
  std::string stats_json;  ///< exact statistics of the rows written
};

/// Writes file `index` of `model` under the table root `root` (creating its partition
/// directory). The partition column is not stored in the file, as Delta writers do.
Result<WrittenDataFile> WriteDataFile(const TableModel& model, int64_t index,
                                      const std::string& root);

}  // namespace delta::gen
