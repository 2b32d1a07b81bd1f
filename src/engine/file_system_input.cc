#include "engine/file_system_input.h"

#include <algorithm>
#include <cstring>

#include <arrow/buffer.h>

#include "engine/arrow_status.h"

namespace delta::engine {

FileSystemInput::FileSystemInput(std::shared_ptr<FileSystem> fs, std::string location, int64_t size)
    : fs_(std::move(fs)), location_(std::move(location)), size_(size) {}

arrow::Status FileSystemInput::Close() {
  closed_.store(true);
  return arrow::Status::OK();
}

arrow::Status FileSystemInput::Seek(int64_t position) {
  if (position < 0) return arrow::Status::Invalid("negative seek in ", location_);
  position_ = position;
  return arrow::Status::OK();
}

arrow::Result<std::string> FileSystemInput::Fetch(int64_t position, int64_t nbytes,
                                                  bool allow_short_read) {
  if (closed()) return arrow::Status::Invalid("read from closed file ", location_);
  if (position < 0 || nbytes < 0) {
    return arrow::Status::Invalid("negative read range in ", location_);
  }
  int64_t available = std::max<int64_t>(0, std::min(nbytes, size_ - position));
  if (available < nbytes && !allow_short_read) {
    return arrow::Status::IOError("read of ", nbytes, " bytes at ", position, " past the end (",
                                  size_, " bytes) of ", location_);
  }
  if (available == 0) return std::string();
  Result<std::string> data = fs_->ReadRange(location_, position, available);
  if (!data.ok()) return ToArrowStatus(data.status());
  if (static_cast<int64_t>(data->size()) < available && !allow_short_read) {
    return arrow::Status::IOError("short read of ", location_, ": wanted ", available, " bytes at ",
                                  position, ", got ", data->size());
  }
  return std::move(*data);
}

arrow::Result<int64_t> FileSystemInput::ReadAt(int64_t position, int64_t nbytes,
                                               bool allow_short_read, void* out) {
  ARROW_ASSIGN_OR_RAISE(std::string data, Fetch(position, nbytes, allow_short_read));
  std::memcpy(out, data.data(), data.size());
  return static_cast<int64_t>(data.size());
}

arrow::Result<int64_t> FileSystemInput::ReadAt(int64_t position, int64_t nbytes, void* out) {
  return ReadAt(position, nbytes, /*allow_short_read=*/true, out);
}

arrow::Result<std::shared_ptr<arrow::Buffer>> FileSystemInput::ReadAt(int64_t position,
                                                                      int64_t nbytes,
                                                                      bool allow_short_read) {
  ARROW_ASSIGN_OR_RAISE(std::string data, Fetch(position, nbytes, allow_short_read));
  // Moves the string into the buffer: no copy.
  return arrow::Buffer::FromString(std::move(data));
}

arrow::Result<std::shared_ptr<arrow::Buffer>> FileSystemInput::ReadAt(int64_t position,
                                                                      int64_t nbytes) {
  return ReadAt(position, nbytes, /*allow_short_read=*/true);
}

arrow::Result<int64_t> FileSystemInput::Read(int64_t nbytes, void* out) {
  ARROW_ASSIGN_OR_RAISE(int64_t n, ReadAt(position_, nbytes, out));
  position_ += n;
  return n;
}

arrow::Result<std::shared_ptr<arrow::Buffer>> FileSystemInput::Read(int64_t nbytes) {
  ARROW_ASSIGN_OR_RAISE(auto buffer, ReadAt(position_, nbytes));
  position_ += buffer->size();
  return buffer;
}

}  // namespace delta::engine
