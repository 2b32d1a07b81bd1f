// Version checksum (.crc) files: table size, file count, protocol, metadata, transactions,
// domain metadata.
#include "fuzz_target.h"
#include "log/checksum_file.h"

DELTA_FUZZ_TARGET(checksum) {
  using namespace delta;
  auto crc = ParseVersionChecksum(fuzz::AsText(data, size), "00000000000000000000.crc");
  if (crc.ok()) (void)crc->metadata.schema_string.size();
  return 0;
}
