#include "delta/latency_file_system.h"

#include <thread>

#include "util/parallel.h"
#include "util/task_guard.h"
#include "util/thread_pool.h"

namespace delta {

namespace {

std::string_view KindName(RequestKind kind) {
  switch (kind) {
    case RequestKind::kList:
      return "list";
    case RequestKind::kReadFile:
      return "read";
    case RequestKind::kReadRange:
      return "range read";
    case RequestKind::kHead:
      return "head";
    case RequestKind::kPutIfAbsent:
      return "put-if-absent";
    case RequestKind::kWrite:
      return "write";
    case RequestKind::kDelete:
      return "delete";
  }
  return "request";
}

Status InjectedError(RequestKind kind, std::string_view location, int64_t number,
                     bool after_apply) {
  std::string msg = "injected fault: " + std::string(KindName(kind)) + " of " +
                    std::string(location) + " (request #" + std::to_string(number) + ")";
  // A create whose reply is lost may have landed: the ambiguity a commit must handle.
  if (after_apply && kind == RequestKind::kPutIfAbsent) {
    return Status::CommitStateUnknown(std::move(msg));
  }
  return Status::IoError(std::move(msg));
}

}  // namespace

LatencyFileSystem::LatencyFileSystem(std::shared_ptr<FileSystem> inner,
                                     LatencyFileSystemOptions options)
    : ForwardingFileSystem(std::move(inner)),
      max_concurrency_(std::max(1, options.max_concurrency)),
      latency_us_(options.latency.count()) {
  // ParallelFor lets the calling thread take items too, so the pool needs one thread fewer.
  if (max_concurrency_ > 1) pool_ = std::make_unique<ThreadPool>(max_concurrency_ - 1);
}

LatencyFileSystem::~LatencyFileSystem() = default;

void LatencyFileSystem::set_latency(std::chrono::microseconds latency) {
  latency_us_.store(latency.count());
}

void LatencyFileSystem::InjectFault(InjectedFault fault) {
  if (fault.times == 0) return;
  std::lock_guard lock(faults_mu_);
  faults_.push_back(std::move(fault));
}

void LatencyFileSystem::FailRequestNumber(int64_t n) {
  InjectFault(InjectedFault{.request_number = n, .times = 1});
}

void LatencyFileSystem::FailMatching(std::string substring) {
  InjectFault(InjectedFault{.location_contains = std::move(substring)});
}

void LatencyFileSystem::ClearFaults() {
  std::lock_guard lock(faults_mu_);
  faults_.clear();
}

int64_t LatencyFileSystem::request_count() const { return total_.load(); }

int64_t LatencyFileSystem::request_count(RequestKind kind) const {
  return by_kind_[static_cast<int>(kind)].load();
}

int64_t LatencyFileSystem::peak_in_flight() const { return peak_in_flight_.load(); }

void LatencyFileSystem::ResetCounts() {
  total_.store(0);
  for (auto& c : by_kind_) c.store(0);
  peak_in_flight_.store(in_flight_.load());
}

LatencyFileSystem::Admission LatencyFileSystem::Begin(RequestKind kind, std::string_view location) {
  int64_t number = total_.fetch_add(1) + 1;
  by_kind_[static_cast<int>(kind)].fetch_add(1);
  int64_t now_in_flight = in_flight_.fetch_add(1) + 1;
  int64_t peak = peak_in_flight_.load();
  while (now_in_flight > peak && !peak_in_flight_.compare_exchange_weak(peak, now_in_flight)) {
  }

  Admission admission;
  {
    std::lock_guard lock(faults_mu_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if (it->kind && *it->kind != kind) continue;
      if (it->request_number != 0 && it->request_number != number) continue;
      if (!it->location_contains.empty() &&
          location.find(it->location_contains) == std::string_view::npos) {
        continue;
      }
      (it->after_apply ? admission.fail_after : admission.fail_before) = true;
      if (it->times > 0 && --it->times == 0) faults_.erase(it);
      break;
    }
  }
  admission.number = number;

  int64_t latency_us = latency_us_.load();
  if (latency_us > 0) std::this_thread::sleep_for(std::chrono::microseconds(latency_us));
  return admission;
}

void LatencyFileSystem::End() { in_flight_.fetch_sub(1); }

template <typename T, typename Fn>
T LatencyFileSystem::Run(RequestKind kind, std::string_view location, Fn&& fn) {
  Admission admission = Begin(kind, location);
  if (admission.fail_before) {
    End();
    return InjectedError(kind, location, admission.number, /*after_apply=*/false);
  }
  T result = fn();
  End();
  if (admission.fail_after) return InjectedError(kind, location, admission.number, true);
  return result;
}

// Each call is one request around the forwarding base's call.

Result<std::vector<FileInfo>> LatencyFileSystem::ListFrom(std::string_view start) {
  return Run<Result<std::vector<FileInfo>>>(RequestKind::kList, start,
                                            [&] { return ForwardingFileSystem::ListFrom(start); });
}

Result<std::vector<FileInfo>> LatencyFileSystem::ListPrefix(std::string_view prefix) {
  return Run<Result<std::vector<FileInfo>>>(
      RequestKind::kList, prefix, [&] { return ForwardingFileSystem::ListPrefix(prefix); });
}

Result<std::string> LatencyFileSystem::ReadFile(std::string_view location) {
  return Run<Result<std::string>>(RequestKind::kReadFile, location,
                                  [&] { return ForwardingFileSystem::ReadFile(location); });
}

Result<std::string> LatencyFileSystem::ReadRange(std::string_view location, int64_t offset,
                                                 int64_t length) {
  return Run<Result<std::string>>(RequestKind::kReadRange, location, [&] {
    return ForwardingFileSystem::ReadRange(location, offset, length);
  });
}

void LatencyFileSystem::ReadFiles(std::span<const std::string> locations,
                                  const std::function<void(size_t, Result<std::string>)>& on_done) {
  ParallelFor(pool_.get(), locations.size(),
              [&](size_t i) { on_done(i, GuardedRead(*this, locations[i])); });
}

Result<FileInfo> LatencyFileSystem::Head(std::string_view location) {
  return Run<Result<FileInfo>>(RequestKind::kHead, location,
                               [&] { return ForwardingFileSystem::Head(location); });
}

// The inner stream's writes pass straight through; its Close() is the request.
class LatencyFileSystem::CreateStream final : public OutputStream {
 public:
  CreateStream(LatencyFileSystem& fs, std::string location, std::unique_ptr<OutputStream> inner)
      : fs_(fs), location_(std::move(location)), inner_(std::move(inner)) {}

  Status Write(std::string_view data) override { return inner_->Write(data); }

  Status Close() override {
    if (closed_) return Status::InvalidArgument("closing the new file '" + location_ + "' twice");
    closed_ = true;
    // A fault before the request leaves the inner stream unclosed: nothing is published.
    return fs_.Run<Status>(RequestKind::kPutIfAbsent, location_, [&] { return inner_->Close(); });
  }

 private:
  LatencyFileSystem& fs_;
  std::string location_;
  std::unique_ptr<OutputStream> inner_;
  bool closed_ = false;
};

Result<std::unique_ptr<OutputStream>> LatencyFileSystem::OpenForCreate(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> inner,
                         ForwardingFileSystem::OpenForCreate(location));
  return CatchAsStatus("creating", location, [&]() -> Result<std::unique_ptr<OutputStream>> {
    return std::unique_ptr<OutputStream>(
        std::make_unique<CreateStream>(*this, std::string(location), std::move(inner)));
  });
}

Status LatencyFileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  return Run<Status>(RequestKind::kPutIfAbsent, location,
                     [&] { return ForwardingFileSystem::PutIfAbsent(location, data); });
}

Status LatencyFileSystem::Write(std::string_view location, std::string_view data) {
  return Run<Status>(RequestKind::kWrite, location,
                     [&] { return ForwardingFileSystem::Write(location, data); });
}

Status LatencyFileSystem::Delete(std::string_view location) {
  return Run<Status>(RequestKind::kDelete, location,
                     [&] { return ForwardingFileSystem::Delete(location); });
}

Status LatencyFileSystem::DeleteMany(std::span<const std::string> locations) {
  // One request per file, each of which a fault can match by its own location.
  return FileSystem::DeleteMany(locations);
}

}  // namespace delta
