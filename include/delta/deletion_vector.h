// Deletion vectors: the sets of deleted row indexes attached to data files, loading them from
// the log (inline) or from DV files, and writing new DV files, through the engine's FileSystem.
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

/// A stored deletion vector: where it is and what the descriptor of the add action that uses
/// it records.
struct WrittenDeletionVector {
  /// 'u': in a DV file under the table; 'i': inline in the descriptor (no file).
  char storage_type = 'u';
  std::string location;        ///< absolute URI of the new DV file ('u'); empty for 'i'
  std::string path_or_inline;  ///< 'u': prefix + Z85 UUID; 'i': the Z85 of the bitmap
  int32_t offset = 1;          ///< 'u': the bitmap's size prefix follows the version byte
  int32_t size_in_bytes = 0;   ///< bytes of the serialized bitmap
  int64_t cardinality = 0;

  /// The descriptor (offset only for 'u'); its path_or_inline views this object's.
  DeletionVectorDescriptor descriptor() const;
};

/// Deletion vectors up to this many serialized bytes are stored inline by default: a few
/// scattered rows cost fewer log bytes inline than a file reference does, and no extra read.
inline constexpr int32_t kDefaultMaxInlineDeletionVectorBytes = 64;

/// Writes `dv` to a new file `<table_root>/<prefix>/deletion_vector_<uuid>.bin` (a random
/// version-4 UUID) in the DV file format: version byte 1, then the bitmap's size (32-bit
/// big-endian), the bitmap (Serialize()) and its CRC-32 (big-endian), the layout
/// LoadDeletionVector reads. The file is created with PutIfAbsent, so an existing file is never
/// replaced (Conflict). `prefix` is a directory under the table root, as Delta Spark's random
/// prefixes: empty, or characters CheckDeletionVectorPrefix accepts (InvalidArgument
/// otherwise).
Result<WrittenDeletionVector> WriteDeletionVectorFile(FileSystem& fs,
                                                      std::string_view table_root_uri,
                                                      const DeletionVector& dv,
                                                      std::string_view prefix = "");

/// Writes several deletion vectors into ONE new DV file, one after another in the same layout
/// (each with its size prefix and CRC-32 after the version byte), so a delete touching many
/// data files writes one file: the results share location and path_or_inline and differ in
/// offset, in the order of `dvs`. An empty list writes nothing. Errors as
/// WriteDeletionVectorFile's.
Result<std::vector<WrittenDeletionVector>> WriteDeletionVectorsFile(
    FileSystem& fs, std::string_view table_root_uri, std::span<const DeletionVector* const> dvs,
    std::string_view prefix = "");

/// Stores the deletion vectors of one commit: each whose serialized bitmap has at most
/// `max_inline_bytes` bytes inline (storageType 'i': the bitmap in Z85, padded to a multiple of
/// 4 bytes, sizeInBytes the unpadded size, no offset, no file), the others together in ONE new
/// DV file as WriteDeletionVectorsFile writes it (nothing when all are inline). Results in the
/// order of `dvs`. `max_inline_bytes` 0 stores every one in the file. Errors as
/// WriteDeletionVectorsFile's.
Result<std::vector<WrittenDeletionVector>> StoreDeletionVectors(
    FileSystem& fs, std::string_view table_root_uri, std::span<const DeletionVector* const> dvs,
    int32_t max_inline_bytes = kDefaultMaxInlineDeletionVectorBytes, std::string_view prefix = "");

/// ResolveDeletionVectorPath, or "" for inline DVs and undecodable 'u' paths.
std::string DeletionVectorAbsolutePath(std::string_view table_root_uri,
                                       const DeletionVectorDescriptor& dv);

}  // namespace delta
