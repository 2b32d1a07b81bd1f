// Z85 (ZeroMQ RFC 32) and the UUID form used in relative deletion vector paths.
#include "dv/z85.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "dv/crc32.h"

namespace delta {
namespace {

TEST(Z85Test, RfcExampleBothWays) {
  const std::string bytes("\x86\x4F\xD2\x6F\xB5\x59\xF7\x5B", 8);
  EXPECT_EQ(Z85Encode(bytes), "HelloWorld");
  auto decoded = Z85Decode("HelloWorld");
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, bytes);
}

TEST(Z85Test, EmptyInput) {
  EXPECT_EQ(Z85Encode(""), "");
  auto decoded = Z85Decode("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "");
}

TEST(Z85Test, AlphabetEndsDecodeToExtremes) {
  EXPECT_EQ(*Z85Decode("00000"), std::string(4, '\0'));
  // 85^5 - 1 exceeds 2^32 - 1; the reference decoder keeps the low 32 bits (0x08780EC4).
  EXPECT_EQ(*Z85Decode("#####"), std::string("\x08\x78\x0E\xC4", 4));
  // The largest in-range block.
  EXPECT_EQ(Z85Encode(std::string(4, '\xFF')), "%nSc0");
  EXPECT_EQ(*Z85Decode("%nSc0"), std::string(4, '\xFF'));
}

TEST(Z85Test, RoundTripsRandomBytes) {
  std::mt19937 rng(7);
  for (size_t len = 0; len <= 64; len += 4) {
    std::string bytes(len, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    std::string text = Z85Encode(bytes);
    EXPECT_EQ(text.size(), len / 4 * 5);
    auto back = Z85Decode(text);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, bytes);
  }
}

TEST(Z85Test, EncodePadsToWholeBlocksWithZeros) {
  EXPECT_EQ(Z85Encode("\x86"), Z85Encode(std::string("\x86\0\0\0", 4)));
  EXPECT_EQ(Z85Encode("abcde").size(), 10u);
  auto back = Z85Decode(Z85Encode("abcde"));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, std::string("abcde\0\0\0", 8));
}

TEST(Z85Test, RejectsBadLengthAndCharacters) {
  EXPECT_TRUE(Z85Decode("Hello").ok());
  auto len = Z85Decode("HelloW");
  ASSERT_FALSE(len.ok());
  EXPECT_TRUE(len.status().IsInvalidArgument());
  EXPECT_NE(len.status().message().find("6 characters, not a multiple of 5"), std::string::npos)
      << len.status().message();

  for (const std::string& bad :
       {std::string("Hell\""), std::string("He lo"), std::string("Hel~o"), std::string("Hel,o"),
        std::string("He\\lo"), std::string("H\xC3\xA9lo"), std::string("Hel\0o", 5)}) {
    auto r = Z85Decode(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.status().IsInvalidArgument()) << bad;
  }
  auto pos = Z85Decode("HelloWor'd");
  ASSERT_FALSE(pos.ok());
  EXPECT_NE(pos.status().message().find("''' at position 8"), std::string::npos)
      << pos.status().message();
  auto byte = Z85Decode(std::string("Hell\xFF", 5));
  ASSERT_FALSE(byte.ok());
  EXPECT_NE(byte.status().message().find("byte 0xFF at position 4"), std::string::npos)
      << byte.status().message();
}

TEST(Z85Test, DecodesUuidsOfTheProtocolAndOfRealTables) {
  // PROTOCOL.md "JSON Example 1": "ab^-aqEH.-t@S}K{vb[*k^" is prefix "ab" + this UUID.
  auto uuid = Z85DecodeUuid("^-aqEH.-t@S}K{vb[*k^");
  ASSERT_TRUE(uuid.ok()) << uuid.status().ToString();
  EXPECT_EQ(*uuid, "d2c639aa-8816-431a-aaf6-d3fe2512ff61");
  // table-with-dv-small: the file on disk is deletion_vector_61d16c75-....bin.
  EXPECT_EQ(*Z85DecodeUuid("vBn[lx{q8@P<9BNH/isA"), "61d16c75-6994-46b7-a15b-8b538852e50e");
  EXPECT_EQ(*Z85DecodeUuid("U5OWRz5k%CFT.Td}yCPW"), "ae7177f2-6d17-4ea8-819b-8d62fa2c5469");
}

TEST(Z85Test, UuidRoundTripAndErrors) {
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(0xF0 + i);
  std::string raw(reinterpret_cast<const char*>(bytes.data()), 16);
  EXPECT_EQ(*Z85DecodeUuid(Z85Encode(raw)), FormatUuid(bytes));
  EXPECT_EQ(FormatUuid(bytes), "f0f1f2f3-f4f5-f6f7-f8f9-fafbfcfdfeff");

  auto short_text = Z85DecodeUuid("^-aqEH.-t@S}K{vb[*k");
  ASSERT_FALSE(short_text.ok());
  EXPECT_TRUE(short_text.status().IsInvalidArgument());
  EXPECT_NE(short_text.status().message().find("20 characters, not 19"), std::string::npos);
  EXPECT_FALSE(Z85DecodeUuid("^-aqEH.-t@S}K{vb[*k\"").ok());
}

TEST(Crc32Test, StandardCheckValues) {
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(Crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
  // Every length around the 4-byte stride agrees with the byte-at-a-time definition.
  std::string data;
  std::mt19937 rng(3);
  for (int len = 0; len < 40; ++len) {
    uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : data) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    EXPECT_EQ(Crc32(data), crc ^ 0xFFFFFFFFu) << len;
    data.push_back(static_cast<char>(rng()));
  }
}

}  // namespace
}  // namespace delta
