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
  const LocationPolicy& location_policy() const override { return policy_; }

 private:
  std::shared_ptr<Engine> base_;
  LocationPolicy policy_;
};

}  // namespace

const LocationPolicy& Engine::location_policy() const {
  static const LocationPolicy kDefault;
  return kDefault;
}

std::shared_ptr<Engine> WithLocationPolicy(std::shared_ptr<Engine> base, LocationPolicy policy) {
  return std::make_shared<PolicyEngine>(std::move(base), std::move(policy));
}

}  // namespace delta
