#include "dv/roaring_format.h"

#include <bit>
#include <cstring>

namespace delta {
namespace {

constexpr uint32_t kCookieNoRuns = 12346;  // followed by a 32-bit container count
constexpr uint32_t kCookieRuns = 12347;    // low 16 bits; high 16 bits are count - 1
constexpr uint32_t kMaxContainers = 1u << 16;
constexpr uint32_t kMaxArrayCardinality = 4096;
constexpr size_t kBitsetBytes = 8192;
constexpr uint32_t kNoOffsetThreshold = 4;  // run-format bitmaps with fewer containers omit offsets
// Smallest serialized 32-bit bitmap (an empty one): cookie + count.
constexpr size_t kMinRoaring32Bytes = 8;

uint16_t Le16(const char* p) {
  return static_cast<uint16_t>(static_cast<unsigned char>(p[0]) |
                               (static_cast<unsigned char>(p[1]) << 8));
}
uint32_t Le32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
uint32_t Be32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
uint64_t Le64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
void PutLe32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
void PutLe64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

// Bounds-checked sequential reads; positions in messages are absolute (base + offset).
class Reader {
 public:
  Reader(std::string_view data, size_t base) : data_(data), base_(base) {}

  size_t pos() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  size_t abs() const { return base_ + pos_; }

  Status Take(size_t n, std::string_view what, const char** out) {
    if (n > remaining()) {
      return Status::InvalidTable("bitmap truncated at byte " + std::to_string(abs()) + ": " +
                                  std::string(what) + " needs " + std::to_string(n) + " bytes, " +
                                  std::to_string(remaining()) + " remain");
    }
    *out = data_.data() + pos_;
    pos_ += n;
    return Status::OK();
  }

  Status Error(size_t at, const std::string& what) const {
    return Status::InvalidTable("malformed bitmap at byte " + std::to_string(base_ + at) + ": " +
                                what);
  }

 private:
  std::string_view data_;
  size_t base_;
  size_t pos_ = 0;
};

Status CheckArray(Reader& r, uint32_t key, uint32_t card) {
  const char* p = nullptr;
  size_t start = r.pos();
  DELTA_RETURN_NOT_OK(r.Take(size_t{card} * 2, "an array container", &p));
  int32_t prev = -1;
  for (uint32_t i = 0; i < card; ++i) {
    int32_t v = Le16(p + 2 * i);
    if (v <= prev) {
      return r.Error(start + 2 * i, "array container " + std::to_string(key) +
                                        " has values out of order (" + std::to_string(v) +
                                        " after " + std::to_string(prev) + ")");
    }
    prev = v;
  }
  return Status::OK();
}

Status CheckBitset(Reader& r, uint32_t key, uint32_t card) {
  const char* p = nullptr;
  size_t start = r.pos();
  DELTA_RETURN_NOT_OK(r.Take(kBitsetBytes, "a bitset container", &p));
  uint64_t count = 0;
  for (size_t w = 0; w < kBitsetBytes / 8; ++w) count += std::popcount(Le64(p + 8 * w));
  if (count != card) {
    return r.Error(start, "bitset container " + std::to_string(key) + " has " +
                              std::to_string(count) + " bits set but a stored cardinality of " +
                              std::to_string(card));
  }
  return Status::OK();
}

Status CheckRuns(Reader& r, uint32_t key, uint32_t card) {
  const char* p = nullptr;
  size_t start = r.pos();
  DELTA_RETURN_NOT_OK(r.Take(2, "a run container's run count", &p));
  uint32_t n_runs = Le16(p);
  DELTA_RETURN_NOT_OK(r.Take(size_t{n_runs} * 4, "a run container's runs", &p));
  int64_t prev_end = -1;
  uint64_t count = 0;
  for (uint32_t i = 0; i < n_runs; ++i) {
    int64_t first = Le16(p + 4 * i);
    int64_t last = first + Le16(p + 4 * i + 2);
    if (first <= prev_end || last > 0xFFFF) {
      return r.Error(start + 2 + 4 * i, "run container " + std::to_string(key) + " has run [" +
                                            std::to_string(first) + ", " + std::to_string(last) +
                                            "] overlapping, out of order or past 65535");
    }
    prev_end = last;
    count += static_cast<uint64_t>(last - first + 1);
  }
  if (count != card) {
    return r.Error(start, "run container " + std::to_string(key) + " holds " +
                              std::to_string(count) + " values but a stored cardinality of " +
                              std::to_string(card));
  }
  return Status::OK();
}

Result<RoaringBuckets> DecodeNative(std::string_view bytes, bool big_endian) {
  Reader r(bytes, 0);
  const char* p = nullptr;
  DELTA_RETURN_NOT_OK(r.Take(4, "the magic number", &p));
  auto read32 = [&](std::string_view what) -> Result<uint32_t> {
    DELTA_RETURN_NOT_OK(r.Take(4, what, &p));
    return big_endian ? Be32(p) : Le32(p);
  };
  size_t count_at = r.pos();
  DELTA_ASSIGN_OR_RETURN(uint32_t count, read32("the bitmap count"));
  // Each bitmap takes at least a length and an empty roaring bitmap.
  if (count > r.remaining() / (4 + kMinRoaring32Bytes)) {
    return r.Error(count_at, "the bitmap count " + std::to_string(static_cast<int32_t>(count)) +
                                 " is negative or does not fit in the " +
                                 std::to_string(r.remaining()) + " bytes that follow");
  }
  RoaringBuckets buckets;
  for (uint32_t key = 0; key < count; ++key) {
    size_t len_at = r.pos();
    DELTA_ASSIGN_OR_RETURN(uint32_t len, read32("a bitmap length"));
    if (len > r.remaining()) {
      return r.Error(len_at, "bitmap " + std::to_string(key) + " claims " + std::to_string(len) +
                                 " bytes, " + std::to_string(r.remaining()) + " remain");
    }
    size_t start = r.pos();
    DELTA_RETURN_NOT_OK(r.Take(len, "a bitmap", &p));
    size_t consumed = 0;
    DELTA_ASSIGN_OR_RETURN(RoaringPtr bitmap,
                           DecodeRoaring32(bytes.substr(start, len), start, &consumed));
    if (consumed != len) {
      return r.Error(len_at, "bitmap " + std::to_string(key) + " claims " + std::to_string(len) +
                                 " bytes but its roaring data takes " + std::to_string(consumed));
    }
    if (!roaring_bitmap_is_empty(bitmap.get())) buckets.push_back({key, std::move(bitmap)});
  }
  if (r.remaining() != 0) {
    return r.Error(r.pos(), std::to_string(r.remaining()) + " bytes follow the last bitmap");
  }
  return buckets;
}

Result<RoaringBuckets> DecodePortable(std::string_view bytes) {
  Reader r(bytes, 0);
  const char* p = nullptr;
  DELTA_RETURN_NOT_OK(r.Take(4, "the magic number", &p));
  size_t count_at = r.pos();
  DELTA_RETURN_NOT_OK(r.Take(8, "the bucket count", &p));
  uint64_t count = Le64(p);
  // Each bucket takes at least a key and an empty roaring bitmap.
  if (count > r.remaining() / (4 + kMinRoaring32Bytes)) {
    return r.Error(count_at, "the bucket count " + std::to_string(count) + " does not fit in the " +
                                 std::to_string(r.remaining()) + " bytes that follow");
  }
  RoaringBuckets buckets;
  int64_t prev_key = -1;
  for (uint64_t i = 0; i < count; ++i) {
    size_t key_at = r.pos();
    DELTA_RETURN_NOT_OK(r.Take(4, "a bucket key", &p));
    uint32_t key = Le32(p);
    if (key & 0x80000000u) {
      return r.Error(key_at, "bucket key " + std::to_string(key) +
                                 " has its most significant bit set (row indexes are below 2^63)");
    }
    if (static_cast<int64_t>(key) <= prev_key) {
      return r.Error(key_at, "bucket key " + std::to_string(key) + " follows key " +
                                 std::to_string(prev_key) + " (keys must ascend)");
    }
    prev_key = key;
    size_t start = r.pos();
    size_t consumed = 0;
    DELTA_ASSIGN_OR_RETURN(RoaringPtr bitmap,
                           DecodeRoaring32(bytes.substr(start), start, &consumed));
    DELTA_RETURN_NOT_OK(r.Take(consumed, "a bucket", &p));
    if (!roaring_bitmap_is_empty(bitmap.get())) buckets.push_back({key, std::move(bitmap)});
  }
  if (r.remaining() != 0) {
    return r.Error(r.pos(), std::to_string(r.remaining()) + " bytes follow the last bucket");
  }
  return buckets;
}

}  // namespace

Result<Roaring32Shape> CheckRoaring32(std::string_view bytes, size_t base) {
  Reader r(bytes, base);
  const char* p = nullptr;
  DELTA_RETURN_NOT_OK(r.Take(4, "a roaring cookie", &p));
  uint32_t cookie = Le32(p);
  uint32_t n = 0;
  bool has_runs = false;
  if ((cookie & 0xFFFF) == kCookieRuns) {
    has_runs = true;
    n = (cookie >> 16) + 1;
  } else if (cookie == kCookieNoRuns) {
    DELTA_RETURN_NOT_OK(r.Take(4, "a container count", &p));
    n = Le32(p);
    if (n > kMaxContainers) {
      return r.Error(r.pos() - 4, "container count " + std::to_string(n) + " exceeds 65536");
    }
  } else {
    return r.Error(0, "unknown roaring cookie " + std::to_string(cookie) + " (expected " +
                          std::to_string(kCookieNoRuns) + " or " + std::to_string(kCookieRuns) +
                          " in the low 16 bits)");
  }
  const char* run_flags = nullptr;
  if (has_runs) DELTA_RETURN_NOT_OK(r.Take((n + 7) / 8, "the run-container flags", &run_flags));
  const char* header = nullptr;
  size_t header_at = r.pos();
  DELTA_RETURN_NOT_OK(r.Take(size_t{n} * 4, "the container headers", &header));
  if (!has_runs || n >= kNoOffsetThreshold) {
    // Offsets are redundant with sequential reading, which is what the reference readers do.
    DELTA_RETURN_NOT_OK(r.Take(size_t{n} * 4, "the container offsets", &p));
  }
  Roaring32Shape shape;
  int32_t prev_key = -1;
  for (uint32_t k = 0; k < n; ++k) {
    int32_t key = Le16(header + 4 * k);
    uint32_t card = uint32_t{Le16(header + 4 * k + 2)} + 1;
    if (key <= prev_key) {
      return r.Error(header_at + 4 * k, "container key " + std::to_string(key) + " follows key " +
                                            std::to_string(prev_key) + " (keys must ascend)");
    }
    prev_key = key;
    bool is_run = has_runs && ((static_cast<unsigned char>(run_flags[k / 8]) >> (k % 8)) & 1);
    auto ukey = static_cast<uint32_t>(key);
    if (is_run) {
      DELTA_RETURN_NOT_OK(CheckRuns(r, ukey, card));
    } else if (card > kMaxArrayCardinality) {
      DELTA_RETURN_NOT_OK(CheckBitset(r, ukey, card));
    } else {
      DELTA_RETURN_NOT_OK(CheckArray(r, ukey, card));
    }
    shape.cardinality += card;
  }
  shape.size_in_bytes = r.pos();
  return shape;
}

Result<RoaringPtr> DecodeRoaring32(std::string_view bytes, size_t base, size_t* consumed) {
  DELTA_ASSIGN_OR_RETURN(Roaring32Shape shape, CheckRoaring32(bytes, base));
  // The bytes are now known to be well formed, so CRoaring's reader (which only bounds-checks)
  // builds exactly the set they describe.
  RoaringPtr bitmap(roaring_bitmap_portable_deserialize_safe(bytes.data(), shape.size_in_bytes));
  if (bitmap == nullptr) {
    return Status::Internal("CRoaring could not decode a validated bitmap at byte " +
                            std::to_string(base) + " (out of memory?)");
  }
  if (roaring_bitmap_get_cardinality(bitmap.get()) != shape.cardinality) {
    return Status::Internal(
        "CRoaring decoded " + std::to_string(roaring_bitmap_get_cardinality(bitmap.get())) +
        " values from a validated bitmap of " + std::to_string(shape.cardinality));
  }
  *consumed = shape.size_in_bytes;
  return bitmap;
}

Result<RoaringBuckets> DecodeRoaringBitmapArray(std::string_view bytes) {
  if (bytes.size() < 4) {
    return Status::InvalidTable("bitmap of " + std::to_string(bytes.size()) +
                                " bytes is too short for its magic number");
  }
  if (Le32(bytes.data()) == kRoaringArrayPortableMagic) return DecodePortable(bytes);
  if (Le32(bytes.data()) == kRoaringArrayNativeMagic) return DecodeNative(bytes, false);
  if (Be32(bytes.data()) == kRoaringArrayNativeMagic) return DecodeNative(bytes, true);
  return Status::InvalidTable("bitmap has unknown magic number " +
                              std::to_string(Le32(bytes.data())) + " (expected " +
                              std::to_string(kRoaringArrayPortableMagic) + ")");
}

std::string EncodeRoaringBitmapArray(const RoaringBuckets& buckets) {
  std::string out;
  PutLe32(&out, kRoaringArrayPortableMagic);
  PutLe64(&out, buckets.size());
  for (const RoaringBucket& b : buckets) {
    PutLe32(&out, b.key);
    size_t at = out.size();
    out.resize(at + roaring_bitmap_portable_size_in_bytes(b.bitmap.get()));
    roaring_bitmap_portable_serialize(b.bitmap.get(), out.data() + at);
  }
  return out;
}

}  // namespace delta
