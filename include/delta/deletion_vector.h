// Deletion vectors: the sets of deleted row indexes attached to data files, and loading them
// from the log (inline) or from DV files through the engine's FileSystem.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

/// The deleted rows of one data file: a set of 0-based row indexes (positions in the Parquet
/// file). Movable, not copyable; const methods are thread-safe. Default-constructed = empty.
class DeletionVector {
 public:
  DeletionVector();
  ~DeletionVector();
  DeletionVector(DeletionVector&&) noexcept;
  DeletionVector& operator=(DeletionVector&&) noexcept;
  DeletionVector(const DeletionVector&) = delete;
  DeletionVector& operator=(const DeletionVector&) = delete;

  /// Decodes a serialized DV bitmap (PROTOCOL.md "Deletion Vector Format": magic number, then
  /// the 64-bit portable roaring format). Malformed bytes are InvalidTable saying what is wrong.
  static Result<DeletionVector> Deserialize(std::string_view bytes);

  /// A deletion vector holding `row_indexes` (any order, duplicates allowed). Indexes must be
  /// below 2^63; larger ones are InvalidArgument.
  static Result<DeletionVector> FromRowIndexes(std::span<const uint64_t> row_indexes);

  /// The bitmap in the portable format with magic 1681511377, as writers store it.
  std::string Serialize() const;

  /// Number of deleted rows.
  uint64_t cardinality() const;
  /// True when no row is deleted.
  bool empty() const { return cardinality() == 0; }

  /// True when `row_index` is deleted.
  bool Contains(uint64_t row_index) const;

  /// Every deleted row index, ascending.
  std::vector<uint64_t> RowIndexes() const;

  /// Number of deleted rows in [first_row, first_row + num_rows).
  uint64_t CountInRange(uint64_t first_row, uint64_t num_rows) const;

  /// For the batch of rows [first_row, first_row + num_rows): writes keep[i] = 0 when row
  /// first_row + i is deleted and 1 otherwise. Work is proportional to the batch, so a file
  /// is filtered batch by batch as it is read.
  void FillSelection(uint64_t first_row, uint64_t num_rows, uint8_t* keep) const;

 private:
  struct Impl;
  explicit DeletionVector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Loads the deletion vector a descriptor points to. Storage types: 'i' (inline, Z85 in the
/// log), 'u' (`<table_root>/<prefix>/deletion_vector_<uuid>.bin`), 'p' (absolute path). A
/// file-based DV is read with one ranged read of exactly its bytes (size prefix, bitmap,
/// CRC-32), all checked, as is the cardinality against the descriptor's. A missing DV file or
/// any corrupt data is InvalidTable naming the table, the DV and the problem; other storage
/// errors keep their kind (e.g. IoError) with that context added. A descriptor with
/// cardinality 0 yields an empty DV without any read. An absolute ('p') DV outside the table
/// is read only when `policy` allows it (PermissionDenied otherwise); pass the engine's.
Result<DeletionVector> LoadDeletionVector(FileSystem& fs, std::string_view table_root_uri,
                                          const DeletionVectorDescriptor& dv,
                                          const LocationPolicy& policy = LocationPolicy());

/// The absolute URI of a file-based DV ('u' or 'p'), resolved against `table_root_uri`.
/// Inline DVs have no file (InvalidArgument); an undecodable 'u' path is InvalidTable.
Result<std::string> ResolveDeletionVectorPath(std::string_view table_root_uri,
                                              const DeletionVectorDescriptor& dv);

/// ResolveDeletionVectorPath, or "" for inline DVs and undecodable 'u' paths.
std::string DeletionVectorAbsolutePath(std::string_view table_root_uri,
                                       const DeletionVectorDescriptor& dv);

}  // namespace delta
