#include "delta/default_engine.h"

#include "cloud/routing_file_system.h"
#include "engine/arrow_file_system.h"
#include "engine/arrow_parquet_reader.h"
#include "engine/arrow_parquet_writer.h"
#include "util/thread_pool.h"

namespace delta {

namespace {

class DefaultEngine final : public Engine {
 public:
  DefaultEngine(std::shared_ptr<FileSystem> fs, const DefaultEngineOptions& options)
      : fs_(std::move(fs)),
        parquet_(fs_),
        writer_(fs_),
        executor_(options.cpu_threads),
        locations_(options.location_policy) {}

  FileSystem& file_system() override { return *fs_; }
  ParquetReader& parquet() override { return parquet_; }
  ParquetWriter& parquet_writer() override { return writer_; }
  Executor& executor() override { return executor_; }
  const LocationPolicy& location_policy() const override { return locations_; }

 private:
  std::shared_ptr<FileSystem> fs_;
  engine::ArrowParquetReader parquet_;
  engine::ArrowParquetWriter writer_;
  ThreadPool executor_;
  LocationPolicy locations_;
};

Status Validate(const DefaultEngineOptions& options) {
  if (options.cpu_threads < 0) {
    return Status::InvalidArgument("cpu_threads must be >= 0, got " +
                                   std::to_string(options.cpu_threads));
  }
  if (options.io_concurrency < 1) {
    return Status::InvalidArgument("io_concurrency must be >= 1, got " +
                                   std::to_string(options.io_concurrency));
  }
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<FileSystem>> MakeDefaultFileSystem(const DefaultEngineOptions& options) {
  DELTA_RETURN_NOT_OK(Validate(options));
  // Local files through Arrow; object-store URIs through the kernel's own stores (src/cloud).
  return std::shared_ptr<FileSystem>(std::make_shared<cloud::RoutingFileSystem>(
      std::make_shared<engine::ArrowFileSystem>(options.io_concurrency), options.storage_options,
      options.io_concurrency));
}

Result<std::shared_ptr<Engine>> MakeDefaultEngine(const DefaultEngineOptions& options) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, MakeDefaultFileSystem(options));
  return MakeDefaultEngine(std::move(fs), options);
}

Result<std::shared_ptr<Engine>> MakeDefaultEngine(std::shared_ptr<FileSystem> fs,
                                                  const DefaultEngineOptions& options) {
  DELTA_RETURN_NOT_OK(Validate(options));
  if (fs == nullptr) return Status::InvalidArgument("MakeDefaultEngine: file system is null");
  return std::shared_ptr<Engine>(std::make_shared<DefaultEngine>(std::move(fs), options));
}

}  // namespace delta
