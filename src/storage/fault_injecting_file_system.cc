#include "delta/fault_injecting_file_system.h"

#include <utility>

namespace delta {

std::string_view FsOpName(FsOp op) {
  switch (op) {
    case FsOp::kListFrom:
      return "list";
    case FsOp::kListPrefix:
      return "prefix list";
    case FsOp::kReadFile:
      return "read";
    case FsOp::kReadRange:
      return "range read";
    case FsOp::kHead:
      return "head";
    case FsOp::kWrite:
      return "write";
    case FsOp::kPutIfAbsent:
      return "put-if-absent";
    case FsOp::kOpenForCreate:
      return "open for create";
    case FsOp::kStreamWrite:
      return "stream write";
    case FsOp::kStreamClose:
      return "stream close";
    case FsOp::kDelete:
      return "delete";
    case FsOp::kDeleteMany:
      return "bulk delete";
  }
  return "call";
}

FaultInjectingFileSystem::FaultInjectingFileSystem(std::shared_ptr<FileSystem> inner)
    : ForwardingFileSystem(std::move(inner)) {}

void FaultInjectingFileSystem::AddRule(FaultRule rule) {
  if (rule.count == 0) return;
  std::lock_guard lock(mu_);
  rules_.push_back(Armed{std::move(rule)});
}

void FaultInjectingFileSystem::FailNth(FsOp op, std::string substring, int64_t nth) {
  AddRule(FaultRule{.op = op, .location_contains = std::move(substring), .nth = nth});
}

void FaultInjectingFileSystem::LoseResponse(FsOp op, std::string substring, int64_t nth) {
  AddRule(FaultRule{.op = op,
                    .location_contains = std::move(substring),
                    .nth = nth,
                    .mode = FaultMode::kLostResponse});
}

void FaultInjectingFileSystem::ClearRules() {
  std::lock_guard lock(mu_);
  rules_.clear();
}

int64_t FaultInjectingFileSystem::calls(FsOp op) const {
  return calls_[static_cast<int>(op)].load();
}

int64_t FaultInjectingFileSystem::injected() const { return injected_.load(); }

void FaultInjectingFileSystem::ResetCounts() {
  for (auto& c : calls_) c.store(0);
  injected_.store(0);
}

FaultInjectingFileSystem::Decision FaultInjectingFileSystem::Check(
    FsOp op, std::span<const std::string_view> locations) {
  const int64_t number = ++calls_[static_cast<int>(op)];
  Decision d;
  std::lock_guard lock(mu_);
  for (Armed& a : rules_) {
    const FaultRule& r = a.rule;
    if (r.op != op) continue;
    bool match = r.location_contains.empty();
    for (size_t i = 0; !match && i < locations.size(); ++i) {
      match = locations[i].find(r.location_contains) != std::string_view::npos;
    }
    if (!match) continue;
    const int64_t n = ++a.matched;
    const bool fires = n >= r.nth && (r.count < 0 || n < r.nth + r.count);
    if (!fires || d.fail) continue;  // every matching rule counts the call; the first decides
    d.fail = true;
    d.after_apply = r.mode == FaultMode::kLostResponse;
    if (!r.error.ok()) {
      d.error = r.error;
    } else {
      std::string where = locations.empty() ? std::string() : " of " + std::string(locations[0]);
      d.error = Status::IoError(
          std::string(d.after_apply ? "injected lost response: " : "injected fault: ") +
          std::string(FsOpName(op)) + where + " (call #" + std::to_string(number) + ")");
    }
  }
  if (d.fail) ++injected_;
  return d;
}

template <typename T, typename Fn>
T FaultInjectingFileSystem::Run(FsOp op, std::string_view location, Fn&& fn) {
  const std::string_view locations[] = {location};
  Decision d = Check(op, locations);
  if (d.fail && !d.after_apply) return d.error;
  T result = fn();
  if (d.fail) return d.error;  // applied, but the caller never hears of it
  return result;
}

class FaultInjectingFileSystem::Stream final : public OutputStream {
 public:
  Stream(FaultInjectingFileSystem& fs, std::string location, std::unique_ptr<OutputStream> inner)
      : fs_(fs), location_(std::move(location)), inner_(std::move(inner)) {}

  Status Write(std::string_view data) override {
    return fs_.Run<Status>(FsOp::kStreamWrite, location_, [&] { return inner_->Write(data); });
  }
  Status Close() override {
    return fs_.Run<Status>(FsOp::kStreamClose, location_, [&] { return inner_->Close(); });
  }

 private:
  FaultInjectingFileSystem& fs_;
  std::string location_;
  std::unique_ptr<OutputStream> inner_;
};

Result<std::vector<FileInfo>> FaultInjectingFileSystem::ListFrom(std::string_view start) {
  return Run<Result<std::vector<FileInfo>>>(FsOp::kListFrom, start,
                                            [&] { return target().ListFrom(start); });
}

Result<std::vector<FileInfo>> FaultInjectingFileSystem::ListPrefix(std::string_view prefix) {
  return Run<Result<std::vector<FileInfo>>>(FsOp::kListPrefix, prefix,
                                            [&] { return target().ListPrefix(prefix); });
}

Result<std::string> FaultInjectingFileSystem::ReadFile(std::string_view location) {
  return Run<Result<std::string>>(FsOp::kReadFile, location,
                                  [&] { return target().ReadFile(location); });
}

Result<std::string> FaultInjectingFileSystem::ReadRange(std::string_view location, int64_t offset,
                                                        int64_t length) {
  return Run<Result<std::string>>(FsOp::kReadRange, location,
                                  [&] { return target().ReadRange(location, offset, length); });
}

Result<FileInfo> FaultInjectingFileSystem::Head(std::string_view location) {
  return Run<Result<FileInfo>>(FsOp::kHead, location, [&] { return target().Head(location); });
}

Result<std::unique_ptr<OutputStream>> FaultInjectingFileSystem::OpenForCreate(
    std::string_view location) {
  // A lost response here opens the inner stream and drops it: abandoned, nothing published.
  return Run<Result<std::unique_ptr<OutputStream>>>(
      FsOp::kOpenForCreate, location, [&]() -> Result<std::unique_ptr<OutputStream>> {
        auto inner = target().OpenForCreate(location);
        if (!inner.ok()) return inner.status();
        return std::unique_ptr<OutputStream>(
            std::make_unique<Stream>(*this, std::string(location), std::move(*inner)));
      });
}

Status FaultInjectingFileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  return Run<Status>(FsOp::kPutIfAbsent, location,
                     [&] { return target().PutIfAbsent(location, data); });
}

Status FaultInjectingFileSystem::Write(std::string_view location, std::string_view data) {
  return Run<Status>(FsOp::kWrite, location, [&] { return target().Write(location, data); });
}

Status FaultInjectingFileSystem::Delete(std::string_view location) {
  return Run<Status>(FsOp::kDelete, location, [&] { return target().Delete(location); });
}

Status FaultInjectingFileSystem::DeleteMany(std::span<const std::string> locations) {
  std::vector<std::string_view> views(locations.begin(), locations.end());
  Decision d = Check(FsOp::kDeleteMany, views);
  if (d.fail && !d.after_apply) return d.error;
  Status st = target().DeleteMany(locations);
  return d.fail ? d.error : st;
}

}  // namespace delta
