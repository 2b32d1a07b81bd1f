#include "gen_io.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <arrow/status.h>

namespace delta::gen {
namespace {

Status Errno(std::string_view op, const std::string& path) {
  return Status::IoError(std::string(op) + " " + path + ": " + std::strerror(errno));
}

}  // namespace

BufferedFile::~BufferedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BufferedFile::Open(std::string path) {
  path_ = std::move(path);
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) return Errno("cannot create", path_);
  buffer_.reserve(kFlushBytes + (1 << 16));
  return Status::OK();
}

Status BufferedFile::Flush() {
  if (buffer_.empty()) return Status::OK();
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return Errno("cannot write", path_);
  }
  bytes_written_ += static_cast<int64_t>(buffer_.size());
  buffer_.clear();
  return Status::OK();
}

Status BufferedFile::Close() {
  DELTA_RETURN_NOT_OK(Flush());
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) return Errno("cannot close", path_);
  return Status::OK();
}

Status WriteWholeFile(const std::string& path, std::string_view data) {
  BufferedFile f;
  DELTA_RETURN_NOT_OK(f.Open(path));
  f.buffer().append(data);
  return f.Close();
}

Status SetModificationTime(const std::string& path, int64_t ms) {
  struct timespec times[2];
  times[0].tv_sec = ms / 1000;
  times[0].tv_nsec = (ms % 1000) * 1'000'000;
  times[1] = times[0];
  if (utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) return Errno("cannot set mtime of", path);
  return Status::OK();
}

Status MakeDirectories(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IoError("cannot create directory " + path + ": " + ec.message());
  return Status::OK();
}

Result<int64_t> FileSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Errno("cannot stat", path);
  return static_cast<int64_t>(st.st_size);
}

Status FromArrow(const arrow::Status& st, std::string_view what) {
  if (st.ok()) return Status::OK();
  return Status::IoError(std::string(what) + ": " + st.ToString());
}

}  // namespace delta::gen
