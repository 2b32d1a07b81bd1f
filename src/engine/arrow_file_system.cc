#include "engine/arrow_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <random>

#include <arrow/filesystem/localfs.h>

#include "engine/arrow_status.h"
#include "util/parallel.h"
#include "util/task_guard.h"
#include "util/thread_pool.h"

namespace delta::engine {

namespace {

int64_t MtimeMs(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

std::string ParentDir(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? std::string("/") : path.substr(0, slash);
}

// A name no other writer (thread or process) picks: hidden, so it sorts before log files.
std::string TempPathFor(const std::string& path) {
  static std::atomic<uint64_t> counter{0};
  static const uint64_t salt = std::random_device{}();
  size_t slash = path.rfind('/');
  std::string name = path.substr(slash + 1);
  return path.substr(0, slash + 1) + "." + name + "." + std::to_string(::getpid()) + "-" +
         std::to_string(salt % 1000000) + "-" + std::to_string(counter.fetch_add(1)) + ".tmp";
}

class CloseDir {
 public:
  explicit CloseDir(DIR* dir) : dir_(dir) {}
  ~CloseDir() { ::closedir(dir_); }
  CloseDir(const CloseDir&) = delete;
  CloseDir& operator=(const CloseDir&) = delete;

 private:
  DIR* dir_;
};

}  // namespace

ArrowFileSystem::ArrowFileSystem(int io_concurrency)
    : local_(std::make_shared<arrow::fs::LocalFileSystem>()),
      io_concurrency_(std::max(1, io_concurrency)) {
  // ParallelFor lets the calling thread take reads too, so the pool needs one thread fewer.
  if (io_concurrency_ > 1) io_pool_ = std::make_unique<ThreadPool>(io_concurrency_ - 1);
}

ArrowFileSystem::~ArrowFileSystem() = default;

Result<std::string> ArrowFileSystem::LocalPath(std::string_view location) const {
  DELTA_ASSIGN_OR_RETURN(ParsedLocation parsed, ParseLocation(location));
  if (parsed.scheme != "file") {
    return Status::Unsupported("storage scheme '" + parsed.scheme +
                               "' is not available in this build of the default engine: '" +
                               std::string(location) + "'");
  }
  return std::move(parsed.path);
}

Result<std::vector<FileInfo>> ArrowFileSystem::ListFrom(std::string_view start) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(start));
  size_t slash = path.rfind('/');
  std::string dir = path.substr(0, slash + 1);
  std::string from = path.substr(slash + 1);

  // A filtered scan: only names >= `from` are stat'ed, which matters for long logs.
  DIR* handle = ::opendir(dir.c_str());
  if (handle == nullptr) return StatusFromErrno(errno, "listing", start);
  CloseDir closer(handle);
  int dir_fd = ::dirfd(handle);
  std::vector<std::pair<std::string, FileInfo>> found;
  for (;;) {
    errno = 0;
    struct dirent* entry = ::readdir(handle);
    if (entry == nullptr) {
      if (errno != 0) return StatusFromErrno(errno, "listing", start);
      break;
    }
    std::string_view name = entry->d_name;
    if (name == "." || name == ".." || name < std::string_view(from)) continue;
    if (entry->d_type == DT_DIR) continue;
    struct stat st;
    if (::fstatat(dir_fd, entry->d_name, &st, 0) != 0) {
      if (errno == ENOENT) continue;  // deleted while we listed (or a dangling link)
      // An entry that cannot be inspected (a symlink loop, no permission) must not fail the
      // whole listing: it is listed as it is, so whoever needs it gets the error naming it.
      if (::fstatat(dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) st = {};
      found.emplace_back(std::string(name), FileInfo{{}, st.st_size, MtimeMs(st)});
      continue;
    }
    if (!S_ISREG(st.st_mode)) continue;
    found.emplace_back(std::string(name), FileInfo{{}, st.st_size, MtimeMs(st)});
  }
  // Sort by the raw names: percent-encoding does not preserve byte order.
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<FileInfo> out;
  out.reserve(found.size());
  for (auto& [name, info] : found) {
    info.location = LocalPathToUri(dir + name);
    out.push_back(std::move(info));
  }
  return out;
}

namespace {

// A buffer for `size` bytes of `location`, or ResourceExhausted naming the file and its size:
// a file too big for the process's memory must not abort it.
Result<std::string> AllocateFor(std::string_view location, int64_t size) {
  try {
    return std::string(static_cast<size_t>(size), '\0');
  } catch (const std::exception&) {
    return Status::ResourceExhausted("reading '" + std::string(location) + "': out of memory for " +
                                     std::to_string(size) + " bytes");
  }
}

}  // namespace

Result<std::string> ArrowFileSystem::ReadFile(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  auto file = local_->OpenInputFile(path);
  if (!file.ok()) return StorageStatus(file.status(), "reading", location);
  auto size = (*file)->GetSize();
  if (!size.ok()) return StorageStatus(size.status(), "reading", location);
  DELTA_ASSIGN_OR_RETURN(std::string data, AllocateFor(location, *size));
  auto n = (*file)->ReadAt(0, *size, data.data());
  if (!n.ok()) return StorageStatus(n.status(), "reading", location);
  data.resize(static_cast<size_t>(*n));
  return data;
}

Result<std::string> ArrowFileSystem::ReadRange(std::string_view location, int64_t offset,
                                               int64_t length) {
  if (offset < 0 || length < 0) {
    return Status::InvalidArgument("negative range " + std::to_string(offset) + "+" +
                                   std::to_string(length) + " of '" + std::string(location) + "'");
  }
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  auto file = local_->OpenInputFile(path);
  if (!file.ok()) return StorageStatus(file.status(), "reading", location);
  auto size = (*file)->GetSize();
  if (!size.ok()) return StorageStatus(size.status(), "reading", location);
  if (offset >= *size) return std::string();
  DELTA_ASSIGN_OR_RETURN(std::string data, AllocateFor(location, std::min(length, *size - offset)));
  auto n = (*file)->ReadAt(offset, static_cast<int64_t>(data.size()), data.data());
  if (!n.ok()) return StorageStatus(n.status(), "reading", location);
  data.resize(static_cast<size_t>(*n));
  return data;
}

void ArrowFileSystem::ReadFiles(std::span<const std::string> locations,
                                const std::function<void(size_t, Result<std::string>)>& on_done) {
  ParallelFor(io_pool_.get(), locations.size(),
              [&](size_t i) { on_done(i, GuardedRead(*this, locations[i])); });
}

Result<FileInfo> ArrowFileSystem::Head(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  auto info = local_->GetFileInfo(path);
  if (!info.ok()) return StorageStatus(info.status(), "inspecting", location);
  switch (info->type()) {
    case arrow::fs::FileType::File:
      break;
    case arrow::fs::FileType::NotFound:
      return Status::NotFound("file not found: '" + std::string(location) + "'");
    default:
      return Status::NotFound("not a file: '" + std::string(location) + "'");
  }
  int64_t mtime_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(info->mtime().time_since_epoch())
          .count();
  return FileInfo{LocalPathToUri(path), info->size(), mtime_ms};
}

namespace {

// Writes `data` to a fresh temporary file next to `path`, creating parent directories.
Result<std::string> WriteTemp(arrow::fs::FileSystem& fs, const std::string& path,
                              std::string_view location, std::string_view data) {
  arrow::Status st = fs.CreateDir(ParentDir(path), /*recursive=*/true);
  if (!st.ok()) return StorageStatus(st, "creating the directory of", location);
  std::string tmp = TempPathFor(path);
  auto out = fs.OpenOutputStream(tmp);
  if (!out.ok()) return StorageStatus(out.status(), "writing", location);
  st = (*out)->Write(data.data(), static_cast<int64_t>(data.size()));
  arrow::Status closed = (*out)->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return StorageStatus(st, "writing", location);
  }
  return tmp;
}

}  // namespace

Status ArrowFileSystem::PutIfAbsent(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  DELTA_ASSIGN_OR_RETURN(std::string tmp, WriteTemp(*local_, path, location, data));
  // link(2) publishes the complete file atomically and fails if the target exists.
  int rc = ::link(tmp.c_str(), path.c_str());
  int err = rc == 0 ? 0 : errno;
  if (err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == EMLINK) {
    // No hard links on this file system: an exclusive rename does the same job.
    rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    err = rc == 0 ? 0 : errno;
  }
  ::unlink(tmp.c_str());
  if (err == 0) return Status::OK();
  if (err == EEXIST)
    return Status::Conflict("file already exists: '" + std::string(location) + "'");
  return StatusFromErrno(err, "creating", location);
}

Status ArrowFileSystem::Write(std::string_view location, std::string_view data) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  DELTA_ASSIGN_OR_RETURN(std::string tmp, WriteTemp(*local_, path, location, data));
  // Rename so readers see the old or the new content, never a partial file.
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return StatusFromErrno(err, "writing", location);
  }
  return Status::OK();
}

Status ArrowFileSystem::Delete(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  if (::unlink(path.c_str()) == 0 || errno == ENOENT) return Status::OK();
  return StatusFromErrno(errno, "deleting", location);
}

Result<std::shared_ptr<arrow::io::RandomAccessFile>> ArrowFileSystem::OpenInputFile(
    std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  auto file = local_->OpenInputFile(path);
  if (!file.ok()) return StorageStatus(file.status(), "opening", location);
  return std::move(file).ValueUnsafe();
}

}  // namespace delta::engine
