// A small streaming JSON writer (RFC 8259): compact or indented output into a std::string.
// Strings are escaped per the RFC; bytes that are not valid UTF-8 become U+FFFD so the output
// is always valid JSON. Integers are exact; doubles use the shortest text that round-trips.
// The kernel writes the log's JSON with it; public so that tools built on the kernel (the
// command-line tool's --json output) write JSON the same way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace delta {

/// Appends `s` to `out` as a quoted JSON string. Escapes '"', '\\' and U+0000..U+001F (with
/// the short forms \b \f \n \r \t where they exist), and replaces each maximal invalid UTF-8
/// subsequence with U+FFFD.
void AppendJsonString(std::string* out, std::string_view s);

/// Appends the shortest decimal text that parses back to exactly `v`; NaN and infinities,
/// which JSON cannot represent, are written as null.
void AppendJsonDouble(std::string* out, double v);

/// Builds one JSON document incrementally: BeginObject().Key("a").Int(1).EndObject().
/// Misuse (a value where a key is due, unbalanced ends) is a bug and asserts in debug builds.
class JsonWriter {
 public:
  /// `indent` > 0 pretty-prints with that many spaces per level; 0 writes compact JSON.
  explicit JsonWriter(int indent = 0) : indent_(indent) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  /// The next member's name; must be followed by exactly one value.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view v);
  JsonWriter& Int(int64_t v);
  JsonWriter& UInt(uint64_t v);
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  /// Inserts `json`, which the caller guarantees is one valid JSON value, verbatim.
  JsonWriter& RawValue(std::string_view json);

  /// True once a single top-level value has been completely written.
  bool complete() const { return stack_.empty() && wrote_top_level_; }
  /// The text written so far.
  const std::string& str() const { return out_; }
  /// Moves the text out and resets the writer for a new document.
  std::string Take();

 private:
  enum class Scope : uint8_t { kObject, kArray };
  struct Frame {
    Scope scope;
    bool empty = true;
  };
  // Emits the separator/indentation due before a value (or key) at the current position.
  void BeforeValue();
  void NewlineIndent(size_t depth);
  JsonWriter& Close(Scope scope, char bracket);

  std::string out_;
  std::vector<Frame> stack_;
  int indent_;
  bool after_key_ = false;
  bool wrote_top_level_ = false;
};

}  // namespace delta
