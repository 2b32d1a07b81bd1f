// Output helpers shared by the delta-kernel commands: buffered stdout, human-readable
// formatting (sizes, schema trees, aligned tables) and the JSON pieces several commands emit.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/json_writer.h"

namespace delta::cli {

/// Collects text and writes it to stdout in large chunks (listings can be millions of lines).
class StdoutBuffer {
 public:
  StdoutBuffer() = default;
  StdoutBuffer(const StdoutBuffer&) = delete;
  StdoutBuffer& operator=(const StdoutBuffer&) = delete;
  ~StdoutBuffer();

  /// The pending text; append to it, then call MaybeFlush().
  std::string& buffer() { return buf_; }
  void Append(std::string_view s) { buf_.append(s); }
  /// Writes the buffer out once it is large.
  Status MaybeFlush();
  /// Writes everything out; IoError when stdout refuses (e.g. a full disk).
  Status Flush();
  /// Held around each write to stdout: a progress line on the same terminal clears itself.
  void set_write_guard(std::function<std::unique_lock<std::mutex>()> guard) {
    guard_ = std::move(guard);
  }

 private:
  std::string buf_;
  std::function<std::unique_lock<std::mutex>()> guard_;
};

/// "0 B", "999 B", "1.5 KiB", "2.0 GiB".
std::string FormatBytes(int64_t bytes);

/// A Spark-style tree of the schema ("root", then " |-- name: type (nullable = true)").
std::string SchemaTree(const StructType& schema);

/// Rows of cells printed as left-aligned columns (right-aligned where asked).
class TextTable {
 public:
  /// `right_aligned[i]` right-aligns column i (numbers).
  TextTable(std::vector<std::string> header, std::vector<bool> right_aligned);
  void AddRow(std::vector<std::string> cells);
  size_t num_rows() const { return rows_.size(); }
  /// Appends the header (unless `with_header` is false) and all rows, each line ending in
  /// '\n'. Column widths always account for the header.
  void Render(std::string* out, bool with_header = true) const;

 private:
  std::vector<std::vector<std::string>> rows_;  // rows_[0] is the header
  std::vector<bool> right_aligned_;
};

/// Writes a string map as a JSON object.
void WriteStringMap(JsonWriter& w, const std::map<std::string, std::string>& map);

/// Writes a protocol's fields as members of the current object: minReaderVersion,
/// minWriterVersion and, when present, readerFeatures / writerFeatures.
void WriteProtocolMembers(JsonWriter& w, const Protocol& protocol);

/// Writes one live file as a JSON object with the protocol's add-action field names, plus
/// "numRecords" taken from the stats when they carry it.
void WriteAddFileJson(JsonWriter& w, const AddFile& file);

/// Writes a commitInfo's typed fields as members of the current object: operation,
/// operationParameters, engineInfo, isBlindAppend, readVersion, isolationLevel,
/// inCommitTimestamp, and the whole object as written under "commitInfo".
void WriteCommitInfoMembers(JsonWriter& w, const CommitInfo& info);

}  // namespace delta::cli
