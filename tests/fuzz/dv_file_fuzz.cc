// Deletion vector files as a descriptor points into them: the format version byte, the size
// prefix, the bitmap and its CRC-32, checked against the descriptor's offset, sizeInBytes and
// cardinality; and inline DVs (Z85 in the log). Input: 1 byte storage kind ('i' inline, else a
// file), 4 bytes offset, 4 bytes sizeInBytes, 8 bytes cardinality (little-endian), then the DV
// file's bytes (or the inline Z85 text).
#include <cstring>
#include <string>

#include "delta/deletion_vector.h"
#include "delta/memory_file_system.h"
#include "fuzz_target.h"
#include "dv/z85.h"

DELTA_FUZZ_TARGET(dv_file) {
  using namespace delta;
  constexpr size_t kHeader = 1 + 4 + 4 + 8;
  if (size < kHeader) return 0;
  int32_t offset = 0, size_in_bytes = 0;
  int64_t cardinality = 0;
  std::memcpy(&offset, data + 1, 4);
  std::memcpy(&size_in_bytes, data + 5, 4);
  std::memcpy(&cardinality, data + 9, 8);
  std::string_view body = fuzz::AsText(data + kHeader, size - kHeader);

  static const std::string uuid_z85 = Z85Encode(std::string(16, '\x42'));
  MemoryFileSystem fs;
  DeletionVectorDescriptor dv;
  dv.size_in_bytes = size_in_bytes;
  dv.cardinality = cardinality;
  if (data[0] == 'i') {
    dv.storage_type = 'i';
    dv.path_or_inline = body;
  } else {
    dv.storage_type = 'u';
    dv.path_or_inline = uuid_z85;
    dv.offset = offset;
    auto path = ResolveDeletionVectorPath("memory:///t", dv);
    DELTA_FUZZ_CHECK(path.ok());
    DELTA_FUZZ_CHECK(fs.Write(*path, body).ok());
  }
  auto loaded = LoadDeletionVector(fs, "memory:///t", dv);
  if (loaded.ok()) {
    // The cardinality is checked against the descriptor's.
    DELTA_FUZZ_CHECK(static_cast<int64_t>(loaded->cardinality()) == cardinality);
  }
  return 0;
}
