// The Engine interface: everything the kernel needs from its host (storage, Parquet, threads).
// The core never reaches into a concrete engine; `default_engine.h` provides one on Arrow C++.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/location_policy.h"
#include "delta/status.h"

namespace delta {

/// One file in storage. `location` is an absolute URI (file:///..., s3://...).
struct FileInfo {
  std::string location;
  int64_t size = 0;
  int64_t modification_time_ms = 0;  ///< milliseconds since the Unix epoch
};

/// Object-store-shaped storage. Every location is an absolute URI.
/// Implementations must be thread-safe: the kernel calls them from many threads.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Files (not directories) in the directory containing `start` whose file names sort
  /// greater than or equal to the file name of `start`, in lexicographic (byte) order.
  /// A missing directory is NotFound. An entry that cannot be inspected (a symlink loop, no
  /// permission) is listed rather than failing the listing: reading it reports the error.
  virtual Result<std::vector<FileInfo>> ListFrom(std::string_view start) = 0;

  /// Reads a whole file. A missing file is NotFound.
  virtual Result<std::string> ReadFile(std::string_view location) = 0;

  /// Reads `length` bytes at `offset` of a file; a range past its end is cut at the end.
  virtual Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                        int64_t length) = 0;

  /// Reads many files, keeping up to max_concurrency() requests in flight. `on_done(i, result)`
  /// is called once per location, from any thread, as soon as that read completes; the call
  /// returns after every callback has returned. The default issues reads one at a time.
  virtual void ReadFiles(std::span<const std::string> locations,
                         const std::function<void(size_t, Result<std::string>)>& on_done);

  /// Size and modification time of one file. A missing file is NotFound.
  virtual Result<FileInfo> Head(std::string_view location) = 0;

  /// Writes a new file atomically, failing with Conflict if it already exists. This is the
  /// one atomicity primitive the commit protocol relies on.
  virtual Status PutIfAbsent(std::string_view location, std::string_view data) = 0;

  /// Writes (or overwrites) a file.
  virtual Status Write(std::string_view location, std::string_view data) = 0;

  /// Deletes a file; deleting a missing file is OK.
  virtual Status Delete(std::string_view location) = 0;

  /// How many requests ReadFiles keeps in flight.
  virtual int max_concurrency() const { return 1; }
};

/// Hints for ParquetReader::ReadFiltered. A reader may ignore every one of them: the kernel
/// still filters the rows it gets.
struct ParquetReadOptions {
  /// The caller keeps only rows for which this predicate is TRUE, so a reader may leave out row
  /// groups whose statistics prove it never is. Bound with BindExpression: each column's
  /// `physical_path` names a field of the read schema (whose field ids, when present, pick the
  /// file's column as in Read) and `type` is its Delta type. Null = no predicate.
  ExprPtr predicate;
};

/// A run of consecutive rows of a file: rows [first, first + count).
struct RowRange {
  int64_t first = 0;
  int64_t count = 0;
};

/// What a ReadFiltered stream holds.
struct ParquetReadInfo {
  int64_t row_groups = 0;          ///< row groups in the file (0 when not known)
  int64_t row_groups_skipped = 0;  ///< row groups left out because of the predicate
  /// The file's rows the stream yields, in file order; nullopt when it yields every row. Row
  /// positions (deletion vectors, row indexes) are mapped through these.
  std::optional<std::vector<RowRange>> row_ranges;
};

/// Reads Parquet files into Arrow C data.
class ParquetReader {
 public:
  virtual ~ParquetReader() = default;

  /// Like Read, with hints that let the reader leave out rows (see ParquetReadOptions);
  /// `info` (when not null) receives which rows the stream holds. The default ignores the
  /// hints and reads every row.
  virtual Result<ArrowStreamHandle> ReadFiltered(const FileInfo& file,
                                                 const ArrowSchema* read_schema,
                                                 const ParquetReadOptions& options,
                                                 ParquetReadInfo* info) {
    (void)options;
    if (info != nullptr) *info = ParquetReadInfo{};
    return Read(file, read_schema);
  }

  /// Streams the rows of `file` as struct arrays shaped like `read_schema` (a struct schema).
  /// Columns are matched by Parquet field id when the read schema carries one
  /// ("PARQUET:field_id" metadata), otherwise by name; nested structs are projected likewise.
  /// Columns missing from the file come back as all-null. With a null `read_schema` every
  /// column is read as stored.
  virtual Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* read_schema) = 0;

  /// The schema stored in a file's footer.
  virtual Result<ArrowSchemaHandle> ReadSchema(const FileInfo& file) = 0;
};

/// Runs CPU work. Must be thread-safe. Tasks may themselves submit tasks.
class Executor {
 public:
  virtual ~Executor() = default;
  /// Runs `task` eventually on some thread.
  virtual void Submit(std::function<void()> task) = 0;
  /// Number of threads work is spread over.
  virtual int parallelism() const = 0;
};

/// What the kernel needs from its host.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual FileSystem& file_system() = 0;
  virtual ParquetReader& parquet() = 0;
  virtual Executor& executor() = 0;
  /// Which locations outside a table's root its log may point at (see LocationPolicy). The
  /// default allows the table's own store.
  virtual const LocationPolicy& location_policy() const;
};

/// `base` with another location policy: the same storage, Parquet reader and threads (kept
/// alive by the result), e.g. one engine per tenant over a shared pool.
std::shared_ptr<Engine> WithLocationPolicy(std::shared_ptr<Engine> base, LocationPolicy policy);

}  // namespace delta
