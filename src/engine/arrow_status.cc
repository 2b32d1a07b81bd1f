#include "engine/arrow_status.h"

#include <cerrno>
#include <cstring>
#include <string>

#include <arrow/util/io_util.h>

namespace delta::engine {

namespace {

std::string Describe(std::string_view op, std::string_view what, std::string_view detail) {
  std::string msg;
  msg.append(op).append(" '").append(what).append("': ").append(detail);
  return msg;
}

// Carries a delta::Status through Arrow code unchanged.
class DeltaStatusDetail final : public arrow::StatusDetail {
 public:
  static constexpr const char* kTypeId = "delta::Status";
  explicit DeltaStatusDetail(Status st) : status_(std::move(st)) {}
  const char* type_id() const override { return kTypeId; }
  std::string ToString() const override { return status_.ToString(); }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

const Status* WrappedStatus(const arrow::Status& st) {
  const auto& detail = st.detail();
  if (detail == nullptr || std::strcmp(detail->type_id(), DeltaStatusDetail::kTypeId) != 0) {
    return nullptr;
  }
  return &static_cast<const DeltaStatusDetail&>(*detail).status();
}

}  // namespace

arrow::Status ToArrowStatus(const Status& st) {
  if (st.ok()) return arrow::Status::OK();
  return arrow::Status(arrow::StatusCode::IOError, st.ToString(),
                       std::make_shared<DeltaStatusDetail>(st));
}

arrow::Status ToExportedStatus(const Status& st) {
  switch (st.code()) {
    case StatusCode::kOk:
      return arrow::Status::OK();
    case StatusCode::kNotFound:
    case StatusCode::kIoError:
    case StatusCode::kPermissionDenied:
    case StatusCode::kCancelled:
      return arrow::Status::IOError(st.ToString());
    default:
      return arrow::Status::Invalid(st.ToString());
  }
}

Status StatusFromErrno(int err, std::string_view op, std::string_view what) {
  std::string msg = Describe(op, what, std::strerror(err));
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return Status::NotFound(std::move(msg));
    case EACCES:
    case EPERM:
      return Status::PermissionDenied(std::move(msg));
    case EEXIST:
      return Status::Conflict(std::move(msg));
    case ENOMEM:
      return Status::ResourceExhausted(std::move(msg));
    default:
      return Status::IoError(std::move(msg));
  }
}

Status StorageStatus(const arrow::Status& st, std::string_view op, std::string_view what) {
  if (st.ok()) return Status::OK();
  if (const Status* wrapped = WrappedStatus(st)) return *wrapped;
  int err = arrow::internal::ErrnoFromStatus(st);
  if (err != 0) return StatusFromErrno(err, op, what);
  if (st.IsCancelled()) return Status::Cancelled(Describe(op, what, st.message()));
  if (st.IsOutOfMemory()) return Status::ResourceExhausted(Describe(op, what, st.message()));
  return Status::IoError(Describe(op, what, st.ToString()));
}

Status DataStatus(const arrow::Status& st, std::string_view what) {
  if (st.ok()) return Status::OK();
  if (const Status* wrapped = WrappedStatus(st)) return *wrapped;
  if (st.IsIOError() && arrow::internal::ErrnoFromStatus(st) != 0) {
    return StorageStatus(st, "reading", what);
  }
  std::string msg(what);
  msg.append(": ").append(st.ToString());
  // A claimed size the process cannot allocate is not proof of corruption.
  if (st.IsOutOfMemory()) return Status::ResourceExhausted(std::move(msg));
  return Status::InvalidTable(std::move(msg));
}

}  // namespace delta::engine
