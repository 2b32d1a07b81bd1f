// delta::ParquetReader on Parquet C++: projected reads through the engine's FileSystem.
#pragma once

#include <memory>

#include "delta/engine.h"

namespace delta::engine {

/// Reads Parquet files through `fs`. Local files served by the default ArrowFileSystem are
/// opened directly by Arrow; any other FileSystem is read with ranged requests.
/// Stream errors report EIO for storage failures and EINVAL for corrupt or mismatched data;
/// messages name the file.
class ArrowParquetReader final : public ParquetReader {
 public:
  explicit ArrowParquetReader(std::shared_ptr<FileSystem> fs);

  Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* read_schema) override;
  /// Leaves out the row groups whose column statistics prove options.predicate never TRUE.
  Result<ArrowStreamHandle> ReadFiltered(const FileInfo& file, const ArrowSchema* read_schema,
                                         const ParquetReadOptions& options,
                                         ParquetReadInfo* info) override;
  Result<ArrowSchemaHandle> ReadSchema(const FileInfo& file) override;

 private:
  std::shared_ptr<FileSystem> fs_;
};

}  // namespace delta::engine
