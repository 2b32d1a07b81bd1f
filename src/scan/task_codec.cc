#include "scan/task_codec.h"

#include "dv/crc32.h"

namespace delta {

namespace {
// magic + format version + body length before the body; CRC-32 of the body after it.
constexpr size_t kHeaderSize = 4 + 4 + 8;
constexpr size_t kTrailerSize = 4;
}  // namespace

std::string FrameTask(std::string_view magic, uint32_t format_version, std::string_view body) {
  TaskWriter w;
  w.out().reserve(kHeaderSize + body.size() + kTrailerSize);
  w.out().append(magic);
  w.U32(format_version);
  w.U64(body.size());
  w.out().append(body);
  w.U32(Crc32(body));
  return std::move(w.out());
}

Result<std::pair<uint32_t, std::string_view>> UnframeTask(std::string_view task,
                                                          std::string_view magic,
                                                          uint32_t max_version,
                                                          std::string_view name) {
  const std::string prefix = std::string(name) + ": ";
  TaskReader header(task.size() < 4 ? std::string_view() : task.substr(4), prefix);
  if (task.size() < 4 || task.substr(0, 4) != magic) {
    return header.Corrupt("not a " + std::string(name) + " (the bytes do not start with \"" +
                          std::string(magic) + "\")");
  }
  DELTA_ASSIGN_OR_RETURN(uint32_t version, header.U32("format version"));
  if (version == 0 || version > max_version) {
    return header.Corrupt("format version " + std::to_string(version) +
                          (version == 0 ? " is invalid"
                                        : " is newer than this library reads (" +
                                              std::to_string(max_version) +
                                              "); upgrade delta-kernel on the worker"));
  }
  DELTA_ASSIGN_OR_RETURN(uint64_t length, header.U64("body length"));
  const uint64_t expected = kHeaderSize + length + kTrailerSize;
  if (length > task.size() || task.size() != expected) {
    return header.Corrupt((task.size() < expected ? "truncated: " : "trailing bytes: ") +
                          std::to_string(task.size()) + " bytes where the header announces " +
                          std::to_string(expected));
  }
  std::string_view body = task.substr(kHeaderSize, length);
  TaskReader trailer(task.substr(kHeaderSize + length), prefix);
  DELTA_ASSIGN_OR_RETURN(uint32_t crc, trailer.U32("checksum"));
  if (crc != Crc32(body))
    return header.Corrupt("corrupt: the checksum does not match the contents");
  return std::make_pair(version, body);
}

}  // namespace delta
