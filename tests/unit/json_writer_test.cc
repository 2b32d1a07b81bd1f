#include "delta/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace delta {
namespace {

std::string Quote(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

std::string DoubleText(double v) {
  std::string out;
  AppendJsonDouble(&out, v);
  return out;
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndShortForms) {
  EXPECT_EQ(Quote(""), "\"\"");
  EXPECT_EQ(Quote("plain text/with slash"), "\"plain text/with slash\"");
  EXPECT_EQ(Quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quote("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
}

TEST(JsonWriterTest, EscapesEveryControlCharacter) {
  EXPECT_EQ(Quote(std::string_view("\0", 1)), "\"\\u0000\"");
  EXPECT_EQ(Quote("\x01\x1f"), "\"\\u0001\\u001f\"");
  EXPECT_EQ(Quote("\x0b"), "\"\\u000b\"");
  for (int c = 0; c < 0x20; ++c) {
    std::string q = Quote(std::string(1, static_cast<char>(c)));
    EXPECT_EQ(q[1], '\\') << c;
  }
  // DEL and printable ASCII are not escaped.
  EXPECT_EQ(Quote("\x7f~ "), "\"\x7f~ \"");
}

TEST(JsonWriterTest, KeepsValidUtf8) {
  EXPECT_EQ(Quote("\xC3\xA9"), "\"\xC3\xA9\"");                  // é
  EXPECT_EQ(Quote("\xE2\x82\xAC"), "\"\xE2\x82\xAC\"");          // €
  EXPECT_EQ(Quote("\xF0\x9F\x98\x80"), "\"\xF0\x9F\x98\x80\"");  // U+1F600
  EXPECT_EQ(Quote("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
  EXPECT_EQ(Quote("\xE2\x80\xA8"), "\"\xE2\x80\xA8\"");          // U+2028 needs no escape
}

TEST(JsonWriterTest, ReplacesInvalidUtf8WithMaximalSubparts) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Quote("a\x80z"), "\"a" + r + "z\"");              // lone continuation byte
  EXPECT_EQ(Quote("\xC0\xAF"), "\"" + r + r + "\"");          // overlong 2-byte: both invalid
  EXPECT_EQ(Quote("\xE0\x80\xAF"), "\"" + r + r + r + "\"");  // overlong 3-byte
  EXPECT_EQ(Quote("\xED\xA0\x80"), "\"" + r + r + r + "\"");  // surrogate D800
  EXPECT_EQ(Quote("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // > U+10FFFF
  EXPECT_EQ(Quote("\xF5"), "\"" + r + "\"");
  EXPECT_EQ(Quote("\xFF"), "\"" + r + "\"");
  // A truncated sequence is one maximal subpart, then decoding resumes.
  EXPECT_EQ(Quote("\xE2\x82z"), "\"" + r + "z\"");
  EXPECT_EQ(Quote("\xF0\x9F\x98"), "\"" + r + "\"");
  EXPECT_EQ(Quote("\xF0\x9F\x98\xC3\xA9"), "\"" + r + "\xC3\xA9\"");
  EXPECT_EQ(Quote("\xE2\x82"), "\"" + r + "\"");
}

TEST(JsonWriterTest, CompactNestedDocument) {
  JsonWriter w;
  w.BeginObject()
      .Key("a")
      .Int(1)
      .Key("b")
      .BeginArray()
      .Bool(true)
      .Bool(false)
      .Null()
      .String("x")
      .BeginObject()
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("c")
      .BeginObject()
      .Key("d\n")
      .RawValue("{\"raw\":[1,2]}")
      .EndObject()
      .EndObject();
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.str(), R"({"a":1,"b":[true,false,null,"x",{},[]],"c":{"d\n":{"raw":[1,2]}}})");
}

TEST(JsonWriterTest, IndentedDocument) {
  JsonWriter w(2);
  w.BeginObject().Key("a").Int(1).Key("b").BeginArray().Int(2).Int(3).EndArray();
  w.Key("e").BeginObject().EndObject().Key("f").BeginArray().EndArray().EndObject();
  EXPECT_EQ(w.str(),
            "{\n  \"a\": 1,\n  \"b\": [\n    2,\n    3\n  ],\n  \"e\": {},\n  \"f\": []\n}");
}

TEST(JsonWriterTest, TopLevelScalarsAndTake) {
  JsonWriter w;
  EXPECT_FALSE(w.complete());
  w.String("s");
  EXPECT_TRUE(w.complete());
  EXPECT_EQ(w.Take(), "\"s\"");
  EXPECT_FALSE(w.complete());
  w.BeginArray().EndArray();
  EXPECT_EQ(w.Take(), "[]");
}

TEST(JsonWriterTest, IntegersAreExact) {
  JsonWriter w;
  w.BeginArray()
      .Int(0)
      .Int(-1)
      .Int(std::numeric_limits<int64_t>::max())
      .Int(std::numeric_limits<int64_t>::min())
      .UInt(std::numeric_limits<uint64_t>::max())
      .EndArray();
  EXPECT_EQ(w.str(), "[0,-1,9223372036854775807,-9223372036854775808,18446744073709551615]");
}

TEST(JsonWriterTest, DoublesRoundTripShortest) {
  EXPECT_EQ(DoubleText(0.1), "0.1");
  EXPECT_EQ(DoubleText(1.5), "1.5");
  EXPECT_EQ(DoubleText(-2.0), "-2");
  EXPECT_EQ(DoubleText(1e300), "1e+300");
  EXPECT_EQ(DoubleText(5e-324), "5e-324");
  EXPECT_EQ(DoubleText(std::nan("")), "null");
  EXPECT_EQ(DoubleText(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(DoubleText(-std::numeric_limits<double>::infinity()), "null");
  for (double v : {0.1 + 0.2, 1.0 / 3.0, 123456789.123456789, 2.2250738585072014e-308,
                   std::numeric_limits<double>::max(), -0.0}) {
    std::string s = DoubleText(v);
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), v) << s;
  }
}

TEST(JsonWriterTest, KeysAreEscaped) {
  JsonWriter w;
  w.BeginObject().Key("q\"\x01").Double(0.5).EndObject();
  EXPECT_EQ(w.str(), "{\"q\\\"\\u0001\":0.5}");
}

}  // namespace
}  // namespace delta
