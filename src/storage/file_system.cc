// The FileSystem calls with a default: each is built on the primitive calls, so a minimal
// implementation (or an old one) gets them for free.
#include "delta/file_system.h"

#include <utility>

#include "storage/buffered_output_stream.h"
#include "util/task_guard.h"

namespace delta {

namespace {

// The FileSystem whose default OpenForCreate stream is handing its bytes to PutIfAbsent on this
// thread. If that PutIfAbsent is the default too, it would open another such stream forever.
thread_local const FileSystem* t_buffered_close = nullptr;

// OpenForCreate's default: the bytes wait in memory until Close() hands them to PutIfAbsent.
class PutOnCloseStream final : public BufferedOutputStream {
 public:
  PutOnCloseStream(FileSystem& fs, std::string location)
      : BufferedOutputStream(std::move(location)), fs_(fs) {}

 private:
  Status Publish(std::string data) override {
    const FileSystem* outer = std::exchange(t_buffered_close, &fs_);
    Status st = fs_.PutIfAbsent(location(), data);
    t_buffered_close = outer;
    return st;
  }

  FileSystem& fs_;
};

std::string_view FileName(std::string_view location) {
  size_t slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

}  // namespace

Result<std::string> GuardedRead(FileSystem& fs, const std::string& location) noexcept {
  return CatchAsStatus("reading", location, [&] { return fs.ReadFile(location); });
}

void FileSystem::ReadFiles(std::span<const std::string> locations,
                           const std::function<void(size_t, Result<std::string>)>& on_done) {
  for (size_t i = 0; i < locations.size(); ++i) on_done(i, GuardedRead(*this, locations[i]));
}

Result<std::vector<FileInfo>> FileSystem::ListRecursive(
    std::string_view dir, const std::function<bool(std::string_view)>& /*skip_dir*/) {
  return Status::Unsupported("this file system cannot list '" + std::string(dir) + "' recursively");
}

Result<std::vector<FileInfo>> FileSystem::ListPrefix(std::string_view prefix) {
  DELTA_ASSIGN_OR_RETURN(std::vector<FileInfo> files, ListFrom(prefix));
  // ListFrom starts at the first name >= the prefix's, in byte order: the matches come first.
  std::string_view name_prefix = FileName(prefix);
  size_t matching = 0;
  while (matching < files.size() && FileName(files[matching].location).starts_with(name_prefix)) {
    ++matching;
  }
  files.resize(matching);
  return files;
}

Result<std::unique_ptr<OutputStream>> FileSystem::OpenForCreate(std::string_view location) {
  return CatchAsStatus("creating", location, [&]() -> Result<std::unique_ptr<OutputStream>> {
    return std::unique_ptr<OutputStream>(
        std::make_unique<PutOnCloseStream>(*this, std::string(location)));
  });
}

Status FileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  if (t_buffered_close == this) {
    return Status::Internal(
        "this FileSystem implements neither OpenForCreate nor PutIfAbsent: cannot create '" +
        std::string(location) + "'");
  }
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, OpenForCreate(location));
  DELTA_RETURN_NOT_OK(out->Write(data));
  return out->Close();
}

Status FileSystem::DeleteMany(std::span<const std::string> locations) {
  for (const std::string& location : locations) {
    Status st = Delete(location);
    if (st.ok()) continue;
    // The caller must learn which file is left; most errors name it already.
    if (st.message().find(location) != std::string::npos) return st;
    return st.WithContext("deleting '" + location + "'");
  }
  return Status::OK();
}

}  // namespace delta
