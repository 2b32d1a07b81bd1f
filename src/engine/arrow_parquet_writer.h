// delta::ParquetWriter on Parquet C++: Arrow C streams into partitioned data files, written
// through the engine's FileSystem, each with its Delta statistics.
#pragma once

#include <memory>

#include "delta/engine.h"

namespace delta::engine {

class ArrowParquetWriter final : public ParquetWriter {
 public:
  explicit ArrowParquetWriter(std::shared_ptr<FileSystem> fs);

  Result<std::vector<WrittenFile>> Write(std::string_view table_root, const StructType& schema,
                                         const std::vector<std::string>& partition_columns,
                                         ArrowArrayStream* data,
                                         const ParquetWriteOptions& options) override;
  Result<FileInfo> WriteFile(std::string_view location, ArrowArrayStream* data,
                             const ParquetFileWriteOptions& options) override;

 private:
  std::shared_ptr<FileSystem> fs_;
};

}  // namespace delta::engine
