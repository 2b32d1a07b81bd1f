// The data files `append` and `overwrite` read: Parquet or CSV, streamed one after another as
// a single Arrow C stream for WriteTable.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/status.h"

namespace delta::cli {

/// How an input file is read.
enum class InputFormat {
  kAuto,  ///< by extension: .csv (any case) is CSV, anything else Parquet
  kParquet,
  kCsv,  ///< RFC 4180 with a header line; empty fields are null
};

/// Opens `paths` (local files) as one stream of struct batches. Every file must have the
/// columns of the first (names and types; a CSV file's types are inferred unless
/// `csv_schema` gives them); InvalidArgument naming the file and the column otherwise. Every
/// file is opened (a CSV file read whole) before the stream is returned, so a missing or
/// malformed file fails before anything is written.
/// `csv_schema` (an Arrow struct schema, e.g. the table's; may be invalid) gives the types of
/// the CSV columns it names (top-level primitive columns only).
Result<ArrowStreamHandle> OpenInputFiles(const std::vector<std::string>& paths, InputFormat format,
                                         ArrowSchemaHandle csv_schema);

}  // namespace delta::cli
