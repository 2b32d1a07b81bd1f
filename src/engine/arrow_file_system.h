// delta::FileSystem on arrow::fs: local files today, object stores (s3, gs, abfss) later.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/filesystem/filesystem.h>
#include <arrow/io/interfaces.h>

#include "delta/engine.h"
#include "engine/location.h"

namespace delta {
class ThreadPool;
}

namespace delta::engine {

/// Serves "file:" URIs and absolute local paths through arrow::fs::LocalFileSystem, plus a few
/// POSIX calls where Arrow has no equivalent (link(2) and fsync for OpenForCreate, a filtered
/// directory scan for ListFrom and ListPrefix). Locations it returns are canonical "file:///..."
/// percent-encoded URIs.
class ArrowFileSystem final : public FileSystem {
 public:
  /// `io_concurrency` reads are kept in flight by ReadFiles, on a pool of its own.
  explicit ArrowFileSystem(int io_concurrency);
  ~ArrowFileSystem() override;

  Result<std::vector<FileInfo>> ListFrom(std::string_view start) override;
  /// Matches the prefix against the names on disk (not their encoded URIs).
  Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix) override;
  /// A depth-first readdir walk; symbolic links to directories are not followed.
  Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view)>& skip_dir = {}) override;
  Result<std::string> ReadFile(std::string_view location) override;
  Result<std::string> ReadRange(std::string_view location, int64_t offset, int64_t length) override;
  void ReadFiles(std::span<const std::string> locations,
                 const std::function<void(size_t, Result<std::string>)>& on_done) override;
  Result<FileInfo> Head(std::string_view location) override;
  /// Writes a hidden temporary file in the same directory (creating directories as needed);
  /// Close() fsyncs it, link(2)s it to the final name (which never replaces a file: EEXIST is
  /// AlreadyExists), removes the temporary name and fsyncs the directory. When only that last
  /// sync fails the file exists but may not survive a crash: CommitStateUnknown.
  Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location) override;
  Status Write(std::string_view location, std::string_view data) override;
  Status Delete(std::string_view location) override;
  int max_concurrency() const override { return io_concurrency_; }

  /// Opens a file for random access straight through Arrow (used by the Parquet reader to
  /// skip the FileSystem adapter for local files).
  Result<std::shared_ptr<arrow::io::RandomAccessFile>> OpenInputFile(std::string_view location);

 private:
  // The decoded local path of `location`; Unsupported for object-store schemes.
  Result<std::string> LocalPath(std::string_view location) const;
  // The files of the directory of `location` whose names are >= (or, with `prefix_only`, start
  // with) the name `location` ends in, sorted.
  Result<std::vector<FileInfo>> ListDirectory(std::string_view location, bool prefix_only);

  std::shared_ptr<arrow::fs::FileSystem> local_;
  int io_concurrency_;
  std::unique_ptr<ThreadPool> io_pool_;
};

}  // namespace delta::engine
