#include "log/checksum_file.h"

#include <algorithm>
#include <span>

#include <simdjson.h>

#include "delta/json_writer.h"
#include "protocol/action_json.h"

namespace delta {

namespace f = checksum_fields;

FileSizeHistogram FileSizeHistogram::Empty() {
  FileSizeHistogram h;
  // 0, 8 KiB, 16 KiB, 32 KiB, ... 4 MiB in powers of two, then 4 MiB steps to 40 MiB, 8 MiB
  // steps to 120 MiB, ... as Delta Spark bins them.
  h.sorted_bin_boundaries = {
      0,           8192,        16384,        32768,       65536,      131072,     262144,
      524288,      1048576,     2097152,      4194304,     8388608,    12582912,   16777216,
      20971520,    25165824,    29360128,     33554432,    37748736,   41943040,   50331648,
      58720256,    67108864,    75497472,     83886080,    92274688,   100663296,  109051904,
      117440512,   125829120,   130023424,    134217728,   138412032,  142606336,  146800640,
      150994944,   167772160,   184549376,    201326592,   218103808,  234881024,  251658240,
      268435456,   285212672,   301989888,    318767104,   335544320,  352321536,  369098752,
      385875968,   402653184,   419430400,    436207616,   452984832,  469762048,  486539264,
      503316480,   520093696,   536870912,    553648128,   570425344,  587202560,  603979776,
      671088640,   738197504,   805306368,    872415232,   939524096,  1006632960, 1073741824,
      1140850688,  1207959552,  1275068416,   1342177280,  1409286144, 1476395008, 1610612736,
      1744830464,  1879048192,  2013265920,   2147483648,  2415919104, 2684354560, 2952790016,
      3221225472,  3489660928,  3758096384,   4026531840,  4294967296, 8589934592, 17179869184,
      34359738368, 68719476736, 137438953472, 274877906944};
  h.file_counts.assign(h.sorted_bin_boundaries.size(), 0);
  h.total_bytes.assign(h.sorted_bin_boundaries.size(), 0);
  return h;
}

void FileSizeHistogram::Insert(int64_t size, int delta) {
  auto it = std::upper_bound(sorted_bin_boundaries.begin(), sorted_bin_boundaries.end(), size);
  if (it == sorted_bin_boundaries.begin()) return;  // below the first boundary: no bin
  size_t bin = static_cast<size_t>(it - sorted_bin_boundaries.begin()) - 1;
  if (bin >= file_counts.size() || bin >= total_bytes.size()) return;
  file_counts[bin] += delta;
  total_bytes[bin] += delta * size;
}

size_t DeletedRecordCountBin(int64_t deleted_records) {
  static constexpr int64_t kBoundaries[kDeletedRecordCountBins] = {
      0, 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 2147483647};
  const int64_t* it = std::upper_bound(kBoundaries, kBoundaries + kDeletedRecordCountBins,
                                       std::max<int64_t>(deleted_records, 0));
  return static_cast<size_t>(it - kBoundaries) - 1;
}

namespace {

bool ReadInt64Array(simdjson::dom::element val, std::vector<int64_t>* out) {
  simdjson::dom::array arr;
  if (val.get_array().get(arr)) return false;
  out->clear();
  for (auto e : arr) {
    int64_t v;
    if (e.get_int64().get(v)) return false;
    out->push_back(v);
  }
  return true;
}

bool ReadFileSizeHistogram(simdjson::dom::element val, FileSizeHistogram* h) {
  simdjson::dom::element b, c, t;
  if (val[f::kSortedBinBoundaries].get(b) || val[f::kFileCounts].get(c) ||
      val[f::kTotalBytes].get(t)) {
    return false;
  }
  return ReadInt64Array(b, &h->sorted_bin_boundaries) && ReadInt64Array(c, &h->file_counts) &&
         ReadInt64Array(t, &h->total_bytes) &&
         h->file_counts.size() == h->sorted_bin_boundaries.size() &&
         h->total_bytes.size() == h->sorted_bin_boundaries.size();
}

bool ReadDeletedRecordCounts(simdjson::dom::element val, DeletedRecordCountsHistogram* h) {
  simdjson::dom::element counts;
  std::vector<int64_t> v;
  if (val[f::kDeletedRecordCounts].get(counts) || !ReadInt64Array(counts, &v) ||
      v.size() != h->size()) {
    return false;
  }
  std::copy(v.begin(), v.end(), h->begin());
  return true;
}

void WriteInt64Array(std::span<const int64_t> v, JsonWriter* w) {
  w->BeginArray();
  for (int64_t x : v) w->Int(x);
  w->EndArray();
}

}  // namespace

Result<VersionChecksum> ParseVersionChecksum(std::string_view json, std::string_view file) {
  auto bad = [&](std::string_view what) {
    return Status::InvalidTable("version checksum " + std::string(file) + ": " + std::string(what));
  };
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (json.data() == nullptr) json = std::string_view("", 0);  // memcpy(_, NULL, 0) is UB
  if (parser.parse(json.data(), json.size()).get(root)) return bad("not valid JSON");
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return bad("not a JSON object");
  VersionChecksum crc;
  bool has_size = false, has_files = false, has_protocol = false, has_metadata = false;
  auto opt_int = [](simdjson::dom::element val, std::optional<int64_t>* out) {
    int64_t v;
    if (!val.get_int64().get(v)) *out = v;
  };
  for (auto [key, val] : obj) {
    if (key == f::kTxnId) {
      std::string_view s;
      if (!val.get_string().get(s)) crc.txn_id = std::string(s);
    } else if (key == f::kTableSizeBytes) {
      has_size = !val.get_int64().get(crc.table_size_bytes);
    } else if (key == f::kNumFiles) {
      has_files = !val.get_int64().get(crc.num_files);
    } else if (key == f::kNumDeletedRecords) {
      opt_int(val, &crc.num_deleted_records);
    } else if (key == f::kNumDeletionVectors) {
      opt_int(val, &crc.num_deletion_vectors);
    } else if (key == f::kNumMetadata) {
      if (val.get_int64().get(crc.num_metadata)) return bad("numMetadata is not a number");
    } else if (key == f::kNumProtocol) {
      if (val.get_int64().get(crc.num_protocol)) return bad("numProtocol is not a number");
    } else if (key == f::kInCommitTimestamp) {
      opt_int(val, &crc.in_commit_timestamp);
    } else if (key == f::kProtocol) {
      auto p = ParseProtocolJson(simdjson::minify(val));
      if (!p.ok()) return bad(p.status().message());
      crc.protocol = std::move(*p);
      has_protocol = true;
    } else if (key == f::kMetadata) {
      auto m = ParseMetadataJson(simdjson::minify(val));
      if (!m.ok()) return bad(m.status().message());
      crc.metadata = std::move(*m);
      has_metadata = true;
    } else if (key == f::kSetTransactions) {
      simdjson::dom::array arr;
      if (val.get_array().get(arr)) continue;
      crc.set_transactions.emplace();
      for (auto t : arr) {
        SetTransaction txn;
        std::string_view app;
        if (t["appId"].get_string().get(app) || t["version"].get_int64().get(txn.version)) {
          return bad("malformed setTransactions entry");
        }
        txn.app_id = app;
        int64_t lu;
        if (!t["lastUpdated"].get_int64().get(lu)) txn.last_updated = lu;
        crc.set_transactions->push_back(std::move(txn));
      }
    } else if (key == f::kDomainMetadata) {
      simdjson::dom::array arr;
      if (val.get_array().get(arr)) continue;
      crc.domain_metadata.emplace();
      for (auto d : arr) {
        DomainMetadata dm;
        std::string_view domain, config;
        if (d["domain"].get_string().get(domain) || d["configuration"].get_string().get(config)) {
          return bad("malformed domainMetadata entry");
        }
        dm.domain = domain;
        dm.configuration = config;
        bool removed = false;
        if (!d["removed"].get_bool().get(removed)) dm.removed = removed;
        crc.domain_metadata->push_back(std::move(dm));
      }
    } else if (key == f::kFileSizeHistogram || key == f::kFileSizeHistogramAlt) {
      // A histogram we cannot read is dropped, not an error: nothing relies on it.
      FileSizeHistogram h;
      if (ReadFileSizeHistogram(val, &h)) crc.file_size_histogram = std::move(h);
    } else if (key == f::kDeletedRecordCountsHistogram) {
      DeletedRecordCountsHistogram h{};
      if (ReadDeletedRecordCounts(val, &h)) crc.deleted_record_counts = h;
    }
  }
  if (!has_size || !has_files || !has_protocol || !has_metadata) {
    return bad("missing one of tableSizeBytes, numFiles, protocol, metadata");
  }
  return crc;
}

std::string EncodeVersionChecksum(const VersionChecksum& crc) {
  JsonWriter w;
  w.BeginObject();
  if (crc.txn_id) w.Key(f::kTxnId).String(*crc.txn_id);
  w.Key(f::kTableSizeBytes).Int(crc.table_size_bytes);
  w.Key(f::kNumFiles).Int(crc.num_files);
  if (crc.num_deleted_records) w.Key(f::kNumDeletedRecords).Int(*crc.num_deleted_records);
  if (crc.num_deletion_vectors) w.Key(f::kNumDeletionVectors).Int(*crc.num_deletion_vectors);
  w.Key(f::kNumMetadata).Int(crc.num_metadata);
  w.Key(f::kNumProtocol).Int(crc.num_protocol);
  if (crc.in_commit_timestamp) w.Key(f::kInCommitTimestamp).Int(*crc.in_commit_timestamp);
  if (crc.set_transactions) {
    w.Key(f::kSetTransactions).BeginArray();
    for (const SetTransaction& t : *crc.set_transactions) EncodeJsonActionBody(t, &w);
    w.EndArray();
  }
  if (crc.domain_metadata) {
    w.Key(f::kDomainMetadata).BeginArray();
    for (const DomainMetadata& d : *crc.domain_metadata) EncodeJsonActionBody(d, &w);
    w.EndArray();
  }
  w.Key(f::kMetadata);
  EncodeJsonActionBody(crc.metadata, &w);
  w.Key(f::kProtocol);
  EncodeJsonActionBody(crc.protocol, &w);
  if (crc.file_size_histogram) {
    const FileSizeHistogram& h = *crc.file_size_histogram;
    w.Key(f::kFileSizeHistogram).BeginObject();
    w.Key(f::kSortedBinBoundaries);
    WriteInt64Array(h.sorted_bin_boundaries, &w);
    w.Key(f::kFileCounts);
    WriteInt64Array(h.file_counts, &w);
    w.Key(f::kTotalBytes);
    WriteInt64Array(h.total_bytes, &w);
    w.EndObject();
  }
  if (crc.deleted_record_counts) {
    w.Key(f::kDeletedRecordCountsHistogram).BeginObject().Key(f::kDeletedRecordCounts);
    WriteInt64Array(*crc.deleted_record_counts, &w);
    w.EndObject();
  }
  w.EndObject();
  return w.Take();
}

}  // namespace delta
