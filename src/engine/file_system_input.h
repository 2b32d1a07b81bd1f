// An arrow::io::RandomAccessFile reading through a delta::FileSystem, one ReadRange per read.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <arrow/io/interfaces.h>
#include <arrow/result.h>

#include "delta/engine.h"

namespace delta::engine {

/// Lets Arrow/Parquet read any delta::FileSystem (in-memory, latency-wrapped, object stores).
/// ReadAt is thread-safe; the implicit position (Read/Seek) is for single-threaded use.
class FileSystemInput final : public arrow::io::RandomAccessFile {
 public:
  /// `size` is the file's length in bytes (from FileInfo or Head).
  FileSystemInput(std::shared_ptr<FileSystem> fs, std::string location, int64_t size);

  arrow::Status Close() override;
  bool closed() const override { return closed_.load(); }
  arrow::Result<int64_t> Tell() const override { return position_; }
  arrow::Status Seek(int64_t position) override;
  arrow::Result<int64_t> GetSize() override { return size_; }

  arrow::Result<int64_t> Read(int64_t nbytes, void* out) override;
  arrow::Result<std::shared_ptr<arrow::Buffer>> Read(int64_t nbytes) override;
  arrow::Result<int64_t> ReadAt(int64_t position, int64_t nbytes, bool allow_short_read,
                                void* out) override;
  arrow::Result<int64_t> ReadAt(int64_t position, int64_t nbytes, void* out) override;
  arrow::Result<std::shared_ptr<arrow::Buffer>> ReadAt(int64_t position, int64_t nbytes,
                                                       bool allow_short_read) override;
  arrow::Result<std::shared_ptr<arrow::Buffer>> ReadAt(int64_t position, int64_t nbytes) override;

 private:
  arrow::Result<std::string> Fetch(int64_t position, int64_t nbytes, bool allow_short_read);

  std::shared_ptr<FileSystem> fs_;
  std::string location_;
  int64_t size_;
  int64_t position_ = 0;
  std::atomic<bool> closed_{false};
};

}  // namespace delta::engine
