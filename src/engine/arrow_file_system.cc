#include "engine/arrow_file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <utility>

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
  return ListDirectory(start, /*prefix_only=*/false);
}

Result<std::vector<FileInfo>> ArrowFileSystem::ListPrefix(std::string_view prefix) {
  return ListDirectory(prefix, /*prefix_only=*/true);
}

Result<std::vector<FileInfo>> ArrowFileSystem::ListDirectory(std::string_view start,
                                                             bool prefix_only) {
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
    if (prefix_only && !name.starts_with(from)) continue;
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

Result<std::vector<FileInfo>> ArrowFileSystem::ListRecursive(
    std::string_view dir, const std::function<bool(std::string_view)>& skip_dir) {
  DELTA_ASSIGN_OR_RETURN(std::string root, LocalPath(dir));
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  std::vector<FileInfo> out;
  std::vector<std::string> pending{root};
  while (!pending.empty()) {
    std::string path = std::move(pending.back());
    pending.pop_back();
    DIR* handle = ::opendir(path.c_str());
    if (handle == nullptr) {
      // The root may be missing (an empty answer); a directory removed while we walk is gone.
      if (errno == ENOENT) continue;
      return StatusFromErrno(errno, "listing", LocalPathToUri(path));
    }
    CloseDir closer(handle);
    int dir_fd = ::dirfd(handle);
    for (;;) {
      errno = 0;
      struct dirent* entry = ::readdir(handle);
      if (entry == nullptr) {
        if (errno != 0) return StatusFromErrno(errno, "listing", LocalPathToUri(path));
        break;
      }
      std::string_view name = entry->d_name;
      if (name == "." || name == "..") continue;
      struct stat st;
      if (::fstatat(dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) continue;
        return StatusFromErrno(errno, "inspecting", LocalPathToUri(path + "/" + entry->d_name));
      }
      std::string child = path + "/" + std::string(name);
      if (S_ISDIR(st.st_mode)) {
        if (!skip_dir || !skip_dir(name)) pending.push_back(std::move(child));
      } else if (S_ISREG(st.st_mode)) {
        out.push_back(FileInfo{LocalPathToUri(child), st.st_size, MtimeMs(st)});
      }
    }
  }
  return out;
}

namespace {

// A buffer for `size` bytes of `location`, or ResourceExhausted naming the file and its size:
// a file too big for the process's memory must not abort it.
Result<std::string> AllocateFor(std::string_view location, int64_t size) {
  try {
    // A little spare capacity: a JSON parser that reads past the end (simdjson's padding)
    // then needs no copy of a big commit.
    std::string data;
    data.reserve(static_cast<size_t>(size) + 64);
    data.resize(static_cast<size_t>(size));
    return data;
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

// Makes the directory entries of `dir` durable (a new name in it survives a crash).
int SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return err;
}

// A new file being written under a temporary name, published by Close() (see OpenForCreate).
class LocalCreateStream final : public OutputStream {
 public:
  LocalCreateStream(std::string location, std::string path)
      : location_(std::move(location)), path_(std::move(path)), tmp_(TempPathFor(path_)) {}
  ~LocalCreateStream() override { Abandon(); }
  LocalCreateStream(const LocalCreateStream&) = delete;
  LocalCreateStream& operator=(const LocalCreateStream&) = delete;

  // Creates the temporary file; its name is unique, so O_EXCL only guards against a bug.
  Status Open() {
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    return fd_ >= 0 ? Status::OK() : StatusFromErrno(errno, "writing", location_);
  }

  Status Write(std::string_view data) override {
    if (fd_ < 0) return Status::InvalidArgument("writing to '" + location_ + "' after Close");
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        Abandon();  // a partial file must never be published
        return StatusFromErrno(err, "writing", location_);
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::OK();
  }

  Status Close() override {
    if (fd_ < 0) return Status::InvalidArgument("'" + location_ + "' was closed or abandoned");
    // The content must be on disk before the name points at it.
    int err = ::fsync(fd_) == 0 ? 0 : errno;
    if (::close(std::exchange(fd_, -1)) != 0 && err == 0) err = errno;
    if (err != 0) {
      ::unlink(tmp_.c_str());
      return StatusFromErrno(err, "writing", location_);
    }
    // link(2) publishes the complete file atomically and fails if the target exists.
    int rc = ::link(tmp_.c_str(), path_.c_str());
    err = rc == 0 ? 0 : errno;
    if (err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == EMLINK) {
      // No hard links on this file system: an exclusive rename does the same job.
      rc = ::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
      err = rc == 0 ? 0 : errno;
    }
    ::unlink(tmp_.c_str());
    if (err == EEXIST) {
      return Status::AlreadyExists("file already exists: '" + location_ + "'", location_);
    }
    if (err != 0) return StatusFromErrno(err, "creating", location_);
    err = SyncDirectory(ParentDir(path_));
    if (err != 0) {
      return Status::CommitStateUnknown("created '" + location_ +
                                        "' but could not make it durable: syncing its directory "
                                        "failed: " +
                                        std::strerror(err));
    }
    return Status::OK();
  }

 private:
  void Abandon() {
    if (fd_ < 0) return;
    ::close(std::exchange(fd_, -1));
    ::unlink(tmp_.c_str());
  }

  std::string location_;
  std::string path_;
  std::string tmp_;
  int fd_ = -1;
};

}  // namespace

Result<std::unique_ptr<OutputStream>> ArrowFileSystem::OpenForCreate(std::string_view location) {
  DELTA_ASSIGN_OR_RETURN(std::string path, LocalPath(location));
  arrow::Status st = local_->CreateDir(ParentDir(path), /*recursive=*/true);
  if (!st.ok()) return StorageStatus(st, "creating the directory of", location);
  DELTA_ASSIGN_OR_RETURN(
      std::unique_ptr<LocalCreateStream> stream,
      CatchAsStatus("creating", location, [&]() -> Result<std::unique_ptr<LocalCreateStream>> {
        return std::make_unique<LocalCreateStream>(std::string(location), std::move(path));
      }));
  DELTA_RETURN_NOT_OK(stream->Open());
  return std::unique_ptr<OutputStream>(std::move(stream));
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
