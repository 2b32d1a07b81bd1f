// Version checksum (.crc) files: a fast path to a version's protocol and metadata, and a
// cross-check of replay. Never trusted over the log. The reader and the writer share the field
// names and order below, which are those Delta Spark writes.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/status.h"

namespace delta {

namespace checksum_fields {
inline constexpr std::string_view kTxnId = "txnId";
inline constexpr std::string_view kTableSizeBytes = "tableSizeBytes";
inline constexpr std::string_view kNumFiles = "numFiles";
inline constexpr std::string_view kNumDeletedRecords = "numDeletedRecordsOpt";
inline constexpr std::string_view kNumDeletionVectors = "numDeletionVectorsOpt";
inline constexpr std::string_view kNumMetadata = "numMetadata";
inline constexpr std::string_view kNumProtocol = "numProtocol";
inline constexpr std::string_view kInCommitTimestamp = "inCommitTimestampOpt";
inline constexpr std::string_view kSetTransactions = "setTransactions";
inline constexpr std::string_view kDomainMetadata = "domainMetadata";
inline constexpr std::string_view kMetadata = "metadata";
inline constexpr std::string_view kProtocol = "protocol";
/// Delta Spark's name for the file size histogram; other writers use kFileSizeHistogramAlt.
inline constexpr std::string_view kFileSizeHistogram = "histogramOpt";
inline constexpr std::string_view kFileSizeHistogramAlt = "fileSizeHistogram";
inline constexpr std::string_view kDeletedRecordCountsHistogram = "deletedRecordCountsHistogramOpt";
// Inside the histograms.
inline constexpr std::string_view kSortedBinBoundaries = "sortedBinBoundaries";
inline constexpr std::string_view kFileCounts = "fileCounts";
inline constexpr std::string_view kTotalBytes = "totalBytes";
inline constexpr std::string_view kDeletedRecordCounts = "deletedRecordCounts";
}  // namespace checksum_fields

/// File sizes binned by the largest boundary not above them (Delta Spark's FileSizeHistogram).
struct FileSizeHistogram {
  std::vector<int64_t> sorted_bin_boundaries;
  std::vector<int64_t> file_counts;
  std::vector<int64_t> total_bytes;

  /// Delta Spark's default boundaries (0, 8 KiB, 16 KiB, ... 256 GiB), all bins empty.
  static FileSizeHistogram Empty();
  /// Adds (delta = 1) or takes away (delta = -1) one file of `size` bytes.
  void Insert(int64_t size, int delta);

  bool operator==(const FileSizeHistogram&) const = default;
};

/// Files counted by how many rows their deletion vector deletes (0 without one), in Delta
/// Spark's bins: 0, 1-9, 10-99, ..., 10^7 to 2^31-2, 2^31-1 and above.
inline constexpr size_t kDeletedRecordCountBins = 10;
using DeletedRecordCountsHistogram = std::array<int64_t, kDeletedRecordCountBins>;
size_t DeletedRecordCountBin(int64_t deleted_records);

struct VersionChecksum {
  std::optional<std::string> txn_id;
  int64_t table_size_bytes = 0;
  int64_t num_files = 0;
  std::optional<int64_t> num_deleted_records;
  std::optional<int64_t> num_deletion_vectors;
  int64_t num_metadata = 1;
  int64_t num_protocol = 1;
  std::optional<int64_t> in_commit_timestamp;
  Protocol protocol;
  Metadata metadata;
  std::optional<std::vector<SetTransaction>> set_transactions;
  std::optional<std::vector<DomainMetadata>> domain_metadata;
  std::optional<FileSizeHistogram> file_size_histogram;
  std::optional<DeletedRecordCountsHistogram> deleted_record_counts;
};

/// Parses a CRC file's JSON. InvalidTable naming `file` when malformed or incomplete.
Result<VersionChecksum> ParseVersionChecksum(std::string_view json, std::string_view file);

/// The JSON of a CRC file: the fields in Delta Spark's order and under its names, optional
/// ones left out when absent.
std::string EncodeVersionChecksum(const VersionChecksum& crc);

}  // namespace delta
