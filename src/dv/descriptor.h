// Deletion vector descriptors (PROTOCOL.md "Deletion Vector Descriptor Schema"): checking one
// read from the log (JSON or checkpoint) at the full width of each field, so both decoders
// apply one rule and say the same thing; the location of the file it points to; and the
// context every error about one DV carries.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "delta/actions.h"
#include "delta/status.h"

namespace delta {

/// A descriptor's fields as written, before narrowing.
struct RawDeletionVectorDescriptor {
  std::string_view storage_type;
  std::string_view path_or_inline;
  std::optional<int64_t> offset;
  int64_t size_in_bytes = 0;
  int64_t cardinality = 0;
};

/// The descriptor when every field is in the range PROTOCOL.md gives it (storageType one of
/// 'u', 'i', 'p'; offset and sizeInBytes 32-bit and not negative; cardinality not negative) and
/// its path is safe (CheckLogPath for 'p', CheckDeletionVectorPrefix for the prefix of 'u').
/// Otherwise InvalidTable naming the field and the value as written; the caller adds context.
/// `path_or_inline` of the result views the raw string: callers copy it where they keep it.
Result<DeletionVectorDescriptor> CheckDeletionVectorDescriptor(
    const RawDeletionVectorDescriptor& raw);

/// Characters of a Z85-encoded UUID, the end of a relative ('u') DV path.
inline constexpr size_t kEncodedUuidLength = 20;

/// The pathOrInlineDv of a relative ('u') DV: `prefix` (a directory under the table root, may
/// be empty) followed by the Z85 form of `uuid`.
std::string EncodeRelativeDeletionVectorPath(std::string_view prefix,
                                             const std::array<uint8_t, 16>& uuid);

/// Builds the errors about one DV: "table <root>: deletion vector (storageType 'u', file
/// <location>, offset 1, sizeInBytes 36, cardinality 2): <what>" (inline data abbreviated).
class DeletionVectorError {
 public:
  DeletionVectorError(std::string_view table_root, const DeletionVectorDescriptor& dv)
      : table_root_(table_root), dv_(dv) {}
  void set_location(std::string location) { location_ = std::move(location); }

  std::string Context() const;
  /// InvalidTable with the context.
  Status Invalid(const std::string& what) const;
  /// Keeps the kind of an error from a lower layer; only a NotFound file is the table's fault.
  Status Wrap(const Status& st) const;

 private:
  std::string_view table_root_;
  const DeletionVectorDescriptor& dv_;
  std::string location_;
};

}  // namespace delta
