#include "delta/json_writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <utility>

namespace delta {
namespace {

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// 1 for bytes that end a run of bytes copied verbatim: controls, '"', '\\' and non-ASCII.
constexpr std::array<uint8_t, 256> MakeSpecialTable() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['"'] = 1;
  t['\\'] = 1;
  for (int c = 0x80; c < 0x100; ++c) t[c] = 1;
  return t;
}
constexpr std::array<uint8_t, 256> kSpecial = MakeSpecialTable();

// Length of the valid UTF-8 sequence starting at s[i] (which is >= 0x80), or 0 when invalid.
// On 0, `*bad_len` is the length of the maximal subpart to replace with one U+FFFD
// (Unicode's "substitution of maximal subparts").
size_t Utf8SequenceLength(std::string_view s, size_t i, size_t* bad_len) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t lead = b(i);
  size_t need;
  uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;  // no overlong forms
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *bad_len = 1;
    return 0;
  }
  size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    const uint8_t c = b(i + k);
    const uint8_t min = k == 1 ? lo : 0x80;
    const uint8_t max = k == 1 ? hi : 0xBF;
    if (c < min || c > max) break;
  }
  if (k == need + 1) return need + 1;
  *bad_len = k;
  return 0;
}

void AppendEscapedControl(std::string* out, uint8_t c) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\f':
      out->append("\\f");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\r':
      out->append("\\r");
      return;
    case '\t':
      out->append("\\t");
      return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      const char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out->append(buf, sizeof(buf));
    }
  }
}

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    size_t run = i;
    while (run < n && !kSpecial[static_cast<uint8_t>(s[run])]) ++run;
    out->append(s.data() + i, run - i);
    i = run;
    if (i == n) break;
    const auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      AppendEscapedControl(out, c);
      ++i;
      continue;
    }
    size_t bad_len = 0;
    const size_t len = Utf8SequenceLength(s, i, &bad_len);
    if (len > 0) {
      out->append(s.data() + i, len);
      i += len;
    } else {
      out->append(kReplacementChar);
      i += bad_len;
    }
  }
  out->push_back('"');
}

void AppendJsonDouble(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  // Shortest representation that round-trips; never locale-dependent.
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  assert(ec == std::errc());
  (void)ec;
  out->append(buf, end);
}

void JsonWriter::NewlineIndent(size_t depth) {
  out_.push_back('\n');
  out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) {
    assert(!wrote_top_level_ && "JsonWriter: more than one top-level value");
    wrote_top_level_ = true;
    return;
  }
  Frame& f = stack_.back();
  assert(f.scope == Scope::kArray && "JsonWriter: value in an object without a key");
  if (!f.empty) out_.push_back(',');
  f.empty = false;
  if (indent_ > 0) NewlineIndent(stack_.size());
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  assert(!stack_.empty() && stack_.back().scope == Scope::kObject && !after_key_ &&
         "JsonWriter: key outside an object");
  Frame& f = stack_.back();
  if (!f.empty) out_.push_back(',');
  f.empty = false;
  if (indent_ > 0) NewlineIndent(stack_.size());
  AppendJsonString(&out_, key);
  out_.push_back(':');
  if (indent_ > 0) out_.push_back(' ');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  stack_.push_back(Frame{Scope::kObject});
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  stack_.push_back(Frame{Scope::kArray});
  return *this;
}

JsonWriter& JsonWriter::Close(Scope scope, char bracket) {
  assert(!stack_.empty() && stack_.back().scope == scope && !after_key_ &&
         "JsonWriter: unbalanced end");
  (void)scope;
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (indent_ > 0 && !empty) NewlineIndent(stack_.size());
  out_.push_back(bracket);
  return *this;
}

JsonWriter& JsonWriter::EndObject() { return Close(Scope::kObject, '}'); }
JsonWriter& JsonWriter::EndArray() { return Close(Scope::kArray, ']'); }

JsonWriter& JsonWriter::String(std::string_view v) {
  BeforeValue();
  AppendJsonString(&out_, v);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::UInt(uint64_t v) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::Double(double v) {
  BeforeValue();
  AppendJsonDouble(&out_, v);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  BeforeValue();
  out_.append(v ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

JsonWriter& JsonWriter::RawValue(std::string_view json) {
  BeforeValue();
  out_.append(json);
  return *this;
}

std::string JsonWriter::Take() {
  std::string s = std::move(out_);
  out_.clear();
  stack_.clear();
  after_key_ = false;
  wrote_top_level_ = false;
  return s;
}

}  // namespace delta
