// Builds small Delta logs in a MemoryFileSystem for tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/memory_file_system.h"
#include "delta/table.h"
#include "log/log_path.h"
#include "dv/z85.h"

namespace delta::testing {

inline std::string ProtocolJson(int reader = 1, int writer = 2, const std::string& extra = "") {
  return R"({"protocol":{"minReaderVersion":)" + std::to_string(reader) +
         R"(,"minWriterVersion":)" + std::to_string(writer) + extra + "}}";
}

inline std::string MetadataJson(const std::string& configuration = "{}",
                                const std::string& partition_columns = "[]") {
  return R"({"metaData":{"id":"test-id","format":{"provider":"parquet","options":{}},)"
         R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
         R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":)" +
         partition_columns + R"(,"configuration":)" + configuration + "}}";
}

inline std::string AddJson(const std::string& path, int64_t size = 100,
                           const std::string& extra = "") {
  return R"({"add":{"path":")" + path + R"(","partitionValues":{},"size":)" + std::to_string(size) +
         R"(,"modificationTime":1,"dataChange":true)" + extra + "}}";
}

inline std::string RemoveJson(const std::string& path, const std::string& extra = "") {
  return R"({"remove":{"path":")" + path + R"(","deletionTimestamp":5,"dataChange":true)" + extra +
         "}}";
}

inline std::string DvJson(const std::string& z85, int64_t cardinality = 1) {
  return R"(,"deletionVector":{"storageType":"u","pathOrInlineDv":")" + z85 +
         R"(","offset":1,"sizeInBytes":36,"cardinality":)" + std::to_string(cardinality) + "}";
}

/// `,"deletionVector":{...}` for an inline deletion vector deleting `rows`, to append to an
/// add action's fields (AddJson's `extra`).
inline std::string InlineDvJson(const std::vector<uint64_t>& rows) {
  auto dv = DeletionVector::FromRowIndexes(rows);
  if (!dv.ok()) return "";
  std::string bytes = dv->Serialize();
  size_t size = bytes.size();
  bytes.resize((size + 3) / 4 * 4, '\0');  // Z85 encodes whole 4-byte groups
  return R"(,"deletionVector":{"storageType":"i","pathOrInlineDv":")" + Z85Encode(bytes) +
         R"(","sizeInBytes":)" + std::to_string(size) + R"(,"cardinality":)" +
         std::to_string(dv->cardinality()) + "}";
}

inline std::string CommitInfoJson(int64_t timestamp, const std::string& extra = "") {
  return R"({"commitInfo":{"timestamp":)" + std::to_string(timestamp) +
         R"(,"operation":"WRITE","operationParameters":{"mode":"Append"})" + extra + "}}";
}

/// A table at memory:///<name> with an engine over the same memory file system.
class LogBuilder {
 public:
  explicit LogBuilder(std::string root = "memory:///t")
      : root_(std::move(root)), fs_(std::make_shared<MemoryFileSystem>()) {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(fs_, opts);
  }

  /// Writes commit `version` from action lines, with the given file modification time.
  void Commit(int64_t version, const std::vector<std::string>& lines, int64_t mtime = 0) {
    std::string data;
    for (const std::string& l : lines) data += l + "\n";
    std::string loc = root_ + "/_delta_log/" + FormatVersion(version) + ".json";
    (void)fs_->Write(loc, data);
    if (mtime != 0) (void)fs_->SetModificationTime(loc, mtime);
  }

  /// Writes any file under _delta_log.
  void LogFile(const std::string& name, const std::string& data) {
    (void)fs_->Write(root_ + "/_delta_log/" + name, data);
  }

  Table table() const { return *Table::ForLocation(root_, engine_); }
  const std::shared_ptr<MemoryFileSystem>& fs() const { return fs_; }
  const std::shared_ptr<Engine>& engine() const { return engine_; }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
  std::shared_ptr<MemoryFileSystem> fs_;
  std::shared_ptr<Engine> engine_;
};

}  // namespace delta::testing
