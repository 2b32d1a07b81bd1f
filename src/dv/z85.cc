#include "dv/z85.h"

namespace delta {
namespace {

constexpr std::string_view kAlphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

// Character -> digit, or -1 for characters outside the alphabet (including every non-ASCII byte).
constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (size_t i = 0; i < kAlphabet.size(); ++i) {
    t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  }
  return t;
}
constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

std::string Printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

}  // namespace

Result<std::string> Z85Decode(std::string_view text) {
  if (text.size() % 5 != 0) {
    return Status::InvalidArgument("Z85 text has " + std::to_string(text.size()) +
                                   " characters, not a multiple of 5");
  }
  std::string out;
  out.resize(text.size() / 5 * 4);
  for (size_t block = 0; block < text.size() / 5; ++block) {
    uint64_t value = 0;
    for (size_t i = 0; i < 5; ++i) {
      char c = text[block * 5 + i];
      int8_t digit = kDecode[static_cast<unsigned char>(c)];
      if (digit < 0) {
        return Status::InvalidArgument("Z85 text has " + Printable(c) + " at position " +
                                       std::to_string(block * 5 + i) +
                                       ", which is not in the Z85 alphabet");
      }
      value = value * 85 + static_cast<uint64_t>(digit);
    }
    // 85^5 exceeds 2^32: the reference decoder keeps the low 32 bits, and so do we.
    auto v = static_cast<uint32_t>(value);
    out[block * 4 + 0] = static_cast<char>(v >> 24);
    out[block * 4 + 1] = static_cast<char>(v >> 16);
    out[block * 4 + 2] = static_cast<char>(v >> 8);
    out[block * 4 + 3] = static_cast<char>(v);
  }
  return out;
}

std::string Z85Encode(std::string_view bytes) {
  size_t blocks = (bytes.size() + 3) / 4;
  std::string out;
  out.resize(blocks * 5);
  for (size_t block = 0; block < blocks; ++block) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) {
      size_t pos = block * 4 + i;
      uint32_t b = pos < bytes.size() ? static_cast<unsigned char>(bytes[pos]) : 0;
      v = (v << 8) | b;
    }
    for (size_t i = 5; i-- > 0;) {
      out[block * 5 + i] = kAlphabet[v % 85];
      v /= 85;
    }
  }
  return out;
}

std::string FormatUuid(const std::array<uint8_t, 16>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

Result<std::string> Z85DecodeUuid(std::string_view text) {
  if (text.size() != 20) {
    return Status::InvalidArgument("a Z85-encoded UUID has 20 characters, not " +
                                   std::to_string(text.size()));
  }
  DELTA_ASSIGN_OR_RETURN(std::string raw, Z85Decode(text));
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(raw[i]);
  return FormatUuid(bytes);
}

}  // namespace delta
