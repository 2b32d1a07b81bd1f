// File output for the generator: buffered streaming writes, modification times, and Arrow
// errors as delta::Status.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace arrow {
class Status;
}

namespace delta::gen {

/// Streams text into a new file through a large buffer; the buffer is exposed so callers can
/// append in place without temporary strings.
class BufferedFile {
 public:
  BufferedFile() = default;
  ~BufferedFile();
  BufferedFile(const BufferedFile&) = delete;
  BufferedFile& operator=(const BufferedFile&) = delete;

  /// Creates (or truncates) `path`.
  Status Open(std::string path);
  /// Append to this, then call MaybeFlush().
  std::string& buffer() { return buffer_; }
  /// Writes the buffer out once it is large.
  Status MaybeFlush() { return buffer_.size() >= kFlushBytes ? Flush() : Status::OK(); }
  Status Flush();
  /// Flushes and closes; the file is complete only when this returns OK.
  Status Close();
  /// Bytes written so far (after Close: the file size).
  int64_t bytes_written() const { return bytes_written_; }

 private:
  static constexpr size_t kFlushBytes = 4 << 20;
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  int64_t bytes_written_ = 0;
};

/// Writes `data` to `path` in one go.
Status WriteWholeFile(const std::string& path, std::string_view data);

/// Sets the file's modification time (ms since the epoch), so time travel by timestamp over
/// a freshly generated table sees the intended commit times.
Status SetModificationTime(const std::string& path, int64_t ms);

/// Creates a directory and its parents.
Status MakeDirectories(const std::string& path);

/// The size of a file in bytes.
Result<int64_t> FileSize(const std::string& path);

/// An Arrow/Parquet error as IoError naming `what`.
Status FromArrow(const arrow::Status& st, std::string_view what);

}  // namespace delta::gen
