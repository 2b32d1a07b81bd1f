// Deletion vector bitmaps: the RoaringBitmapArray formats (portable, Delta Spark's native, and
// native big-endian) and the 32-bit roaring bitmaps inside, validated before CRoaring sees them.
#include <algorithm>
#include <string>
#include <vector>

#include "delta/deletion_vector.h"
#include "fuzz_target.h"
#include "dv/roaring_format.h"

DELTA_FUZZ_TARGET(roaring) {
  using namespace delta;
  std::string_view bytes = fuzz::AsText(data, size);
  (void)CheckRoaring32(bytes);
  size_t consumed = 0;
  if (auto one = DecodeRoaring32(bytes, 0, &consumed); one.ok()) {
    DELTA_FUZZ_CHECK(consumed <= bytes.size());
  }
  (void)DecodeRoaringBitmapArray(bytes);

  auto dv = DeletionVector::Deserialize(bytes);
  if (!dv.ok()) return 0;
  const uint64_t n = dv->cardinality();
  // Listing every row is proportional to the cardinality, which runs make large: only for
  // small sets.
  uint64_t first = 0;
  if (n <= (1u << 16)) {
    std::vector<uint64_t> rows = dv->RowIndexes();
    DELTA_FUZZ_CHECK(rows.size() == n);
    DELTA_FUZZ_CHECK(std::is_sorted(rows.begin(), rows.end()));
    if (!rows.empty()) {
      first = rows.front();
      DELTA_FUZZ_CHECK(dv->Contains(rows.front()) && dv->Contains(rows.back()));
    }
  }
  DELTA_FUZZ_CHECK(dv->CountInRange(0, UINT64_MAX) <= n);
  std::vector<uint8_t> keep(1024);
  dv->FillSelection(first, keep.size(), keep.data());
  uint64_t deleted = static_cast<uint64_t>(std::count(keep.begin(), keep.end(), 0));
  DELTA_FUZZ_CHECK(deleted == dv->CountInRange(first, keep.size()));
  // What we write reads back as the same set.
  std::string written = dv->Serialize();
  auto again = DeletionVector::Deserialize(written);
  DELTA_FUZZ_CHECK(again.ok() && again->cardinality() == n && again->Serialize() == written);
  return 0;
}
