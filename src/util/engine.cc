#include "delta/engine.h"

namespace delta {
namespace {

class PolicyEngine final : public Engine {
 public:
  PolicyEngine(std::shared_ptr<Engine> base, LocationPolicy policy)
      : base_(std::move(base)), policy_(std::move(policy)) {}
  FileSystem& file_system() override { return base_->file_system(); }
  ParquetReader& parquet() override { return base_->parquet(); }
  Executor& executor() override { return base_->executor(); }
  ParquetWriter& parquet_writer() override { return base_->parquet_writer(); }
  const LocationPolicy& location_policy() const override { return policy_; }

 private:
  std::shared_ptr<Engine> base_;
  LocationPolicy policy_;
};

// What engines that do not write data files hand out.
class NoParquetWriter final : public ParquetWriter {
 public:
  Result<std::vector<WrittenFile>> Write(std::string_view, const StructType&,
                                         const std::vector<std::string>&, ArrowArrayStream* data,
                                         const ParquetWriteOptions&) override {
    if (data != nullptr && data->release != nullptr) data->release(data);
    return Status::Unsupported("this engine does not write Parquet files");
  }
};

}  // namespace

Result<FileInfo> ParquetWriter::WriteFile(std::string_view location, ArrowArrayStream* data,
                                          const ParquetFileWriteOptions&) {
  if (data != nullptr && data->release != nullptr) data->release(data);
  return Status::Unsupported("this engine does not write Parquet files (" + std::string(location) +
                             ")");
}

ParquetWriter& Engine::parquet_writer() {
  static NoParquetWriter kNone;
  return kNone;
}

const LocationPolicy& Engine::location_policy() const {
  static const LocationPolicy kDefault;
  return kDefault;
}

std::shared_ptr<Engine> WithLocationPolicy(std::shared_ptr<Engine> base, LocationPolicy policy) {
  return std::make_shared<PolicyEngine>(std::move(base), std::move(policy));
}

}  // namespace delta
