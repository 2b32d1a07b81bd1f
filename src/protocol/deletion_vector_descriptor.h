// Checking a deletion vector descriptor as read from the log (JSON or checkpoint), at the full
// width of each field, so both decoders apply one rule and say the same thing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

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

}  // namespace delta
