// The byte codec of serialised tasks (scan tasks, planning tasks): little-endian fixed-width
// integers and u32-length strings, every read bounds-checked and named in its error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta {

class TaskWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Fixed(v); }
  void I32(int32_t v) { Fixed(static_cast<uint32_t>(v)); }
  void U64(uint64_t v) { Fixed(v); }
  void I64(int64_t v) { Fixed(static_cast<uint64_t>(v)); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void OptI64(const std::optional<int64_t>& v) {
    U8(v ? 1 : 0);
    if (v) I64(*v);
  }
  std::string& out() { return out_; }

 private:
  template <typename T>
  void Fixed(T v) {
    for (size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string out_;
};

/// Reads what TaskWriter wrote. Errors are InvalidArgument starting with `prefix` ("scan
/// task: ") and name the field and the byte offset.
class TaskReader {
 public:
  TaskReader(std::string_view data, std::string_view prefix) : data_(data), prefix_(prefix) {}

  Status Corrupt(std::string what) const {
    return Status::InvalidArgument(std::string(prefix_) + what);
  }

  Result<uint8_t> U8(std::string_view what) {
    DELTA_RETURN_NOT_OK(Need(1, what));
    return static_cast<uint8_t>(data_[pos_++]);
  }
  Result<uint32_t> U32(std::string_view what) { return Fixed<uint32_t>(what); }
  Result<int32_t> I32(std::string_view what) {
    DELTA_ASSIGN_OR_RETURN(uint32_t v, Fixed<uint32_t>(what));
    return static_cast<int32_t>(v);
  }
  Result<uint64_t> U64(std::string_view what) { return Fixed<uint64_t>(what); }
  Result<int64_t> I64(std::string_view what) {
    DELTA_ASSIGN_OR_RETURN(uint64_t v, Fixed<uint64_t>(what));
    return static_cast<int64_t>(v);
  }
  Result<bool> Bool(std::string_view what) {
    DELTA_ASSIGN_OR_RETURN(uint8_t v, U8(what));
    if (v > 1) return Corrupt("bad flag " + std::to_string(v) + " for " + std::string(what));
    return v == 1;
  }
  Result<std::string_view> Str(std::string_view what) {
    DELTA_ASSIGN_OR_RETURN(uint32_t n, U32(what));
    DELTA_RETURN_NOT_OK(Need(n, what));
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  Result<std::optional<int64_t>> OptI64(std::string_view what) {
    DELTA_ASSIGN_OR_RETURN(bool present, Bool(what));
    if (!present) return std::optional<int64_t>();
    DELTA_ASSIGN_OR_RETURN(int64_t v, I64(what));
    return std::optional<int64_t>(v);
  }
  // A count of items that each take at least `min_item_bytes`: bounded by the bytes left, so a
  // corrupt count cannot make the decoder reserve memory for billions of items.
  Result<uint32_t> Count(std::string_view what, size_t min_item_bytes) {
    DELTA_ASSIGN_OR_RETURN(uint32_t n, U32(what));
    if (static_cast<uint64_t>(n) * min_item_bytes > data_.size() - pos_) {
      return Corrupt("truncated: " + std::to_string(n) + " " + std::string(what) +
                     " announced at byte " + std::to_string(pos_) + " but only " +
                     std::to_string(data_.size() - pos_) + " bytes left");
    }
    return n;
  }
  bool done() const { return pos_ == data_.size(); }
  size_t pos() const { return pos_; }

 private:
  Status Need(size_t n, std::string_view what) const {
    if (data_.size() - pos_ < n) {
      return Corrupt("truncated: " + std::string(what) + " at byte " + std::to_string(pos_) +
                     " needs " + std::to_string(n) + " bytes, " +
                     std::to_string(data_.size() - pos_) + " left");
    }
    return Status::OK();
  }
  template <typename T>
  Result<T> Fixed(std::string_view what) {
    DELTA_RETURN_NOT_OK(Need(sizeof(T), what));
    T v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v |= static_cast<T>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += sizeof(T);
    return v;
  }

  std::string_view data_;
  std::string_view prefix_;
  size_t pos_ = 0;
};

/// Frames a task body: magic (4 bytes), u32 format version, u64 body length, body, u32 CRC-32
/// of the body.
std::string FrameTask(std::string_view magic, uint32_t format_version, std::string_view body);

/// The body and format version of a framed task after checking magic, version (1 up to
/// `max_version`), length and checksum. `name` ("scan task") starts every message;
/// `what_it_is` names the magic in "not a <what_it_is>".
Result<std::pair<uint32_t, std::string_view>> UnframeTask(std::string_view task,
                                                          std::string_view magic,
                                                          uint32_t max_version,
                                                          std::string_view name);

}  // namespace delta
