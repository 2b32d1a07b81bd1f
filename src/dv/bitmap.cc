// The DeletionVector set: 32-bit CRoaring buckets keyed by the high 32 bits of row indexes.
#include "delta/deletion_vector.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "dv/roaring_format.h"

namespace delta {

struct DeletionVector::Impl {
  RoaringBuckets buckets;  // ascending keys, none empty
  uint64_t cardinality = 0;
};

namespace {

// Calls fn(base, bitmap, lo, hi) for every bucket overlapping the rows [first, last], with the
// overlap as 32-bit bounds within the bucket.
template <typename Fn>
void ForEachBucketIn(const RoaringBuckets& buckets, uint64_t first, uint64_t last, Fn&& fn) {
  auto first_key = static_cast<uint32_t>(first >> 32);
  auto last_key = static_cast<uint32_t>(last >> 32);
  auto it = std::lower_bound(buckets.begin(), buckets.end(), first_key,
                             [](const RoaringBucket& b, uint32_t k) { return b.key < k; });
  for (; it != buckets.end() && it->key <= last_key; ++it) {
    uint32_t lo = it->key == first_key ? static_cast<uint32_t>(first) : 0;
    uint32_t hi =
        it->key == last_key ? static_cast<uint32_t>(last) : std::numeric_limits<uint32_t>::max();
    fn(uint64_t{it->key} << 32, it->bitmap.get(), lo, hi);
  }
}

// Last row of a range, saturating at 2^64 - 1. Requires num_rows > 0.
uint64_t LastRow(uint64_t first_row, uint64_t num_rows) {
  uint64_t max = std::numeric_limits<uint64_t>::max();
  return num_rows - 1 > max - first_row ? max : first_row + (num_rows - 1);
}

}  // namespace

DeletionVector::DeletionVector() = default;
DeletionVector::~DeletionVector() = default;
DeletionVector::DeletionVector(DeletionVector&&) noexcept = default;
DeletionVector& DeletionVector::operator=(DeletionVector&&) noexcept = default;
DeletionVector::DeletionVector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<DeletionVector> DeletionVector::Deserialize(std::string_view bytes) {
  DELTA_ASSIGN_OR_RETURN(RoaringBuckets buckets, DecodeRoaringBitmapArray(bytes));
  auto impl = std::make_unique<Impl>();
  for (const RoaringBucket& b : buckets) {
    impl->cardinality += roaring_bitmap_get_cardinality(b.bitmap.get());
  }
  impl->buckets = std::move(buckets);
  return DeletionVector(std::move(impl));
}

Result<DeletionVector> DeletionVector::FromRowIndexes(std::span<const uint64_t> row_indexes) {
  std::vector<uint64_t> rows(row_indexes.begin(), row_indexes.end());
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  if (!rows.empty() && rows.back() >> 63) {
    return Status::InvalidArgument("row index " + std::to_string(rows.back()) +
                                   " is not below 2^63");
  }
  auto impl = std::make_unique<Impl>();
  std::vector<uint32_t> low;
  for (size_t i = 0; i < rows.size();) {
    auto key = static_cast<uint32_t>(rows[i] >> 32);
    low.clear();
    for (; i < rows.size() && (rows[i] >> 32) == key; ++i) {
      low.push_back(static_cast<uint32_t>(rows[i]));
    }
    RoaringPtr bitmap(roaring_bitmap_of_ptr(low.size(), low.data()));
    if (bitmap == nullptr) return Status::Internal("out of memory building a deletion vector");
    roaring_bitmap_run_optimize(bitmap.get());
    impl->buckets.push_back({key, std::move(bitmap)});
  }
  impl->cardinality = rows.size();
  return DeletionVector(std::move(impl));
}

std::string DeletionVector::Serialize() const {
  static const RoaringBuckets kEmpty;
  return EncodeRoaringBitmapArray(impl_ ? impl_->buckets : kEmpty);
}

uint64_t DeletionVector::cardinality() const { return impl_ ? impl_->cardinality : 0; }

bool DeletionVector::Contains(uint64_t row_index) const {
  if (!impl_) return false;
  bool found = false;
  ForEachBucketIn(impl_->buckets, row_index, row_index,
                  [&](uint64_t, const roaring_bitmap_t* bm, uint32_t lo, uint32_t) {
                    found = roaring_bitmap_contains(bm, lo);
                  });
  return found;
}

std::vector<uint64_t> DeletionVector::RowIndexes() const {
  std::vector<uint64_t> out;
  if (!impl_) return out;
  out.reserve(impl_->cardinality);
  std::vector<uint32_t> low;
  for (const RoaringBucket& b : impl_->buckets) {
    low.resize(roaring_bitmap_get_cardinality(b.bitmap.get()));
    roaring_bitmap_to_uint32_array(b.bitmap.get(), low.data());
    uint64_t base = uint64_t{b.key} << 32;
    for (uint32_t v : low) out.push_back(base | v);
  }
  return out;
}

uint64_t DeletionVector::CountInRange(uint64_t first_row, uint64_t num_rows) const {
  if (!impl_ || num_rows == 0) return 0;
  uint64_t count = 0;
  ForEachBucketIn(impl_->buckets, first_row, LastRow(first_row, num_rows),
                  [&](uint64_t, const roaring_bitmap_t* bm, uint32_t lo, uint32_t hi) {
                    count += roaring_bitmap_range_cardinality(bm, lo, uint64_t{hi} + 1);
                  });
  return count;
}

void DeletionVector::FillSelection(uint64_t first_row, uint64_t num_rows, uint8_t* keep) const {
  if (num_rows == 0) return;
  std::memset(keep, 1, num_rows);
  if (!impl_) return;
  ForEachBucketIn(impl_->buckets, first_row, LastRow(first_row, num_rows),
                  [&](uint64_t base, const roaring_bitmap_t* bm, uint32_t lo, uint32_t hi) {
                    roaring_uint32_iterator_t it;
                    roaring_init_iterator(bm, &it);
                    if (!roaring_move_uint32_iterator_equalorlarger(&it, lo)) return;
                    // Read in chunks: one call per chunk instead of one per deleted row.
                    constexpr uint32_t kChunk = 256;
                    uint32_t values[kChunk];
                    while (it.has_value && it.current_value <= hi) {
                      uint32_t n = roaring_read_uint32_iterator(&it, values, kChunk);
                      for (uint32_t i = 0; i < n; ++i) {
                        if (values[i] > hi) return;
                        keep[base + values[i] - first_row] = 0;
                      }
                    }
                  });
}

}  // namespace delta
