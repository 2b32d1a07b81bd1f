#include "protocol/partition_path.h"

namespace delta {
namespace {

bool NeedsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"':
    case '#':
    case '%':
    case '\'':
    case '*':
    case '/':
    case ':':
    case '=':
    case '?':
    case '\\':
    case '{':
    case '[':
    case ']':
    case '^':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string EscapePartitionPathPart(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (NeedsEscape(c)) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string PartitionFolder(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
  std::string out;
  for (const auto& [column, value] : values) {
    out += EscapePartitionPathPart(column);
    out.push_back('=');
    out += value ? EscapePartitionPathPart(*value) : std::string(kHiveDefaultPartition);
    out.push_back('/');
  }
  return out;
}

}  // namespace delta
