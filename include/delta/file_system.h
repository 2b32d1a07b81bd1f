// The storage contract: what the kernel needs from a file system or an object store. The lowest
// layer of the Engine interface; it knows nothing of expressions, Parquet or threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// One file in storage. `location` is an absolute URI (file:///..., s3://...).
struct FileInfo {
  std::string location;
  int64_t size = 0;
  int64_t modification_time_ms = 0;  ///< milliseconds since the Unix epoch
};

/// The bytes of one new object, written in pieces and published by Close(). Used by one thread
/// at a time. Destroying a stream that was not closed abandons it: nothing is published and
/// nothing (no temporary file) is left behind.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  /// Appends `data`.
  virtual Status Write(std::string_view data) = 0;
  /// Publishes what was written; see the FileSystem call that opened the stream for what that
  /// means and how it fails. Nothing may be written after it, even when it fails.
  virtual Status Close() = 0;
};

/// Object-store-shaped storage. Every location is an absolute URI.
/// Implementations must be thread-safe: the kernel calls them from many threads.
///
/// The pure virtual calls are the minimum; the others have defaults built on them, which an
/// implementation overrides when its storage does better (a prefix listing, a bulk delete, a
/// streamed conditional upload). OpenForCreate and PutIfAbsent default to each other: implement
/// at least one of them.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Files (not directories) in the directory containing `start` whose file names sort
  /// greater than or equal to the file name of `start`, in lexicographic (byte) order.
  /// A missing directory is NotFound. An entry that cannot be inspected (a symlink loop, no
  /// permission) is listed rather than failing the listing: reading it reports the error.
  virtual Result<std::vector<FileInfo>> ListFrom(std::string_view start) = 0;

  /// Files in the directory containing `prefix` whose file names start with the file name of
  /// `prefix` (all of them when it ends in '/'), in lexicographic (byte) order. A missing
  /// directory is NotFound as in ListFrom, though an object store may answer with an empty
  /// list: callers treat both alike. The default lists from `prefix` and stops at the first name
  /// that does not match.
  virtual Result<std::vector<FileInfo>> ListPrefix(std::string_view prefix);

  /// Every file at any depth below the directory `dir` (a URI; a trailing '/' is optional), in
  /// no particular order. Subdirectories whose name `skip_dir` accepts are not entered (an
  /// object store may list them and drop what lies below). A missing directory gives an empty
  /// list. Vacuum needs it to find files no log entry names; the default is Unsupported (a
  /// store without it can still be vacuumed in VacuumMode::kLite).
  virtual Result<std::vector<FileInfo>> ListRecursive(
      std::string_view dir, const std::function<bool(std::string_view name)>& skip_dir = {});

  /// Reads a whole file. A missing file is NotFound.
  virtual Result<std::string> ReadFile(std::string_view location) = 0;

  /// Reads `length` bytes at `offset` of a file; a range past its end is cut at the end.
  virtual Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                        int64_t length) = 0;

  /// Reads many files, keeping up to max_concurrency() requests in flight. `on_done(i, result)`
  /// is called once per location, from any thread, as soon as that read completes; the call
  /// returns after every callback has returned. The default issues reads one at a time.
  virtual void ReadFiles(std::span<const std::string> locations,
                         const std::function<void(size_t, Result<std::string>)>& on_done);

  /// Size and modification time of one file. A missing file is NotFound.
  virtual Result<FileInfo> Head(std::string_view location) = 0;

  /// Starts creating a new file at `location`, written through the stream. Its Close()
  /// publishes the whole file atomically (readers see no file or all of it) if and only if
  /// no file of that name exists; otherwise it fails with Status::AlreadyExists (a Conflict of
  /// kind ErrorDetailKind::kAlreadyExists) and the existing file is untouched. Of several
  /// concurrent creators of one name exactly one succeeds. This is the one atomicity primitive
  /// the commit protocol relies on. The stream must not outlive this FileSystem. The default
  /// buffers the bytes and hands them to PutIfAbsent on Close().
  virtual Result<std::unique_ptr<OutputStream>> OpenForCreate(std::string_view location);

  /// OpenForCreate, Write(data), Close() in one call: the same guarantees and results. The
  /// default does exactly that.
  virtual Status PutIfAbsent(std::string_view location, std::string_view data);

  /// Writes (or overwrites) a file.
  virtual Status Write(std::string_view location, std::string_view data) = 0;

  /// Deletes a file; deleting a missing file is OK.
  virtual Status Delete(std::string_view location) = 0;

  /// Deletes many files (missing ones are OK). On failure some of them may be gone and the
  /// error names a location that could not be deleted. The default deletes them one at a time,
  /// in order, and stops at the first failure.
  virtual Status DeleteMany(std::span<const std::string> locations);

  /// How many requests ReadFiles keeps in flight.
  virtual int max_concurrency() const { return 1; }
};

}  // namespace delta
