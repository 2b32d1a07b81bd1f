// Delta's serialized deletion vector bitmap ("RoaringBitmapArray", PROTOCOL.md appendix
// "Deletion Vector Format"): a magic number, then a 64-bit set as 32-bit roaring bitmaps
// ("buckets") keyed by the high 32 bits. Decoding validates every byte before CRoaring sees
// it, so malformed input is an error, never a crash or a wrong set.
#pragma once

#include <roaring/roaring.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// Frees a CRoaring bitmap.
struct RoaringDeleter {
  void operator()(roaring_bitmap_t* b) const noexcept { roaring_bitmap_free(b); }
};
/// An owned CRoaring bitmap.
using RoaringPtr = std::unique_ptr<roaring_bitmap_t, RoaringDeleter>;

/// The values (key << 32) | v for every v in `bitmap`.
struct RoaringBucket {
  uint32_t key = 0;
  RoaringPtr bitmap;
};

/// A 64-bit set: buckets in ascending key order, none of them empty.
using RoaringBuckets = std::vector<RoaringBucket>;

/// Magic number (little-endian) of the portable format the protocol specifies.
inline constexpr uint32_t kRoaringArrayPortableMagic = 1681511377;
/// Magic number of Delta Spark's "native" format: a 32-bit count, then per bucket a 32-bit
/// length and a 32-bit roaring bitmap, keys implied by position.
inline constexpr uint32_t kRoaringArrayNativeMagic = 1681511376;

/// Shape of one serialized 32-bit roaring bitmap (RoaringFormatSpec portable format).
struct Roaring32Shape {
  size_t size_in_bytes = 0;  ///< bytes the bitmap occupies
  uint64_t cardinality = 0;  ///< number of values
};

/// Checks the 32-bit roaring bitmap at the start of `bytes` (which may continue past it):
/// cookie, container count, ascending keys, sorted unique array values, sorted disjoint runs
/// within 16 bits, bitset popcounts and run lengths equal to the stored cardinalities, and
/// every length within `bytes`. Errors are InvalidTable naming the byte position, counted
/// from `base`.
Result<Roaring32Shape> CheckRoaring32(std::string_view bytes, size_t base = 0);

/// Decodes the 32-bit roaring bitmap at the start of `bytes`; `*consumed` receives its length.
Result<RoaringPtr> DecodeRoaring32(std::string_view bytes, size_t base, size_t* consumed);

/// Decodes a whole serialized RoaringBitmapArray (no trailing bytes allowed). Accepts the
/// portable format (magic 1681511377), Delta Spark's native format (magic 1681511376), and the
/// native format written big-endian, as in PROTOCOL.md's inline example. Keys must be
/// ascending and below 2^31.
Result<RoaringBuckets> DecodeRoaringBitmapArray(std::string_view bytes);

/// Serializes buckets in the portable format with magic 1681511377.
std::string EncodeRoaringBitmapArray(const RoaringBuckets& buckets);

}  // namespace delta
