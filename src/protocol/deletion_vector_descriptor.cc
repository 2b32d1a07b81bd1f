// Derived fields of typed actions: DV unique ids, numRecords from raw stats, feature lookups;
// and the range checks of a DV descriptor read from the log.
#include "protocol/deletion_vector_descriptor.h"

#include <simdjson.h>

#include <algorithm>
#include <limits>
#include <string>
#include <string_view>

#include "delta/actions.h"
#include "protocol/path_safety.h"
#include "util/printable.h"

namespace delta {
namespace {

constexpr size_t kEncodedUuidLength = 20;

Status OutOfRange(std::string_view field, int64_t value, std::string_view range) {
  return Status::InvalidTable("deletionVector." + std::string(field) + " " + std::to_string(value) +
                              " is " + std::string(range));
}

Status CheckInt32(std::string_view field, int64_t value) {
  if (value < 0) return OutOfRange(field, value, "negative");
  if (value > std::numeric_limits<int32_t>::max()) {
    return OutOfRange(field, value, "beyond the 32-bit range the protocol allows");
  }
  return Status::OK();
}

}  // namespace

Result<DeletionVectorDescriptor> CheckDeletionVectorDescriptor(
    const RawDeletionVectorDescriptor& raw) {
  std::string_view type = raw.storage_type;
  if (type.size() != 1 || (type[0] != 'u' && type[0] != 'i' && type[0] != 'p')) {
    return Status::InvalidTable("deletionVector.storageType '" + Printable(type) +
                                "' is not one of 'u', 'i', 'p'");
  }
  if (raw.cardinality < 0) return OutOfRange("cardinality", raw.cardinality, "negative");
  DELTA_RETURN_NOT_OK(CheckInt32("sizeInBytes", raw.size_in_bytes));
  if (raw.offset) DELTA_RETURN_NOT_OK(CheckInt32("offset", *raw.offset));
  std::string_view path = raw.path_or_inline;
  if (type[0] == 'p') {
    Status st = CheckLogPath(path);
    if (!st.ok()) {
      return Status::InvalidTable("deletionVector.pathOrInlineDv '" + Printable(path) + "' " +
                                  st.message());
    }
  } else if (type[0] == 'u' && path.size() > kEncodedUuidLength) {
    // "<prefix><20-character Z85 UUID>": the prefix becomes a directory under the table root.
    Status st = CheckDeletionVectorPrefix(path.substr(0, path.size() - kEncodedUuidLength));
    if (!st.ok()) {
      return Status::InvalidTable("deletionVector.pathOrInlineDv '" + Printable(path) +
                                  "': its directory prefix " + st.message());
    }
  }
  DeletionVectorDescriptor d;
  d.storage_type = type[0];
  d.path_or_inline = path;
  if (raw.offset) d.offset = static_cast<int32_t>(*raw.offset);
  d.size_in_bytes = static_cast<int32_t>(raw.size_in_bytes);
  d.cardinality = raw.cardinality;
  return d;
}

std::string DeletionVectorDescriptor::UniqueId() const {
  // PROTOCOL.md "Derived Fields": <storageType><pathOrInlineDv>[@<offset>].
  std::string id;
  id.reserve(1 + path_or_inline.size() + (offset ? 12 : 0));
  id += storage_type;
  id += path_or_inline;
  if (offset.has_value()) {
    id += '@';
    id += std::to_string(*offset);
  }
  return id;
}

namespace {

// Writers put numRecords first: `{"numRecords":123,...`. Reads that spelling directly (scan
// planning asks for every file, and a full JSON pass over each file's stats showed up in
// profiles); nullopt when the stats start any other way.
std::optional<int64_t> LeadingNumRecords(std::string_view stats) {
  constexpr std::string_view kPrefix = "{\"numRecords\":";
  if (!stats.starts_with(kPrefix)) return std::nullopt;
  size_t i = kPrefix.size();
  int64_t n = 0;
  size_t digits = 0;
  for (; i < stats.size() && stats[i] >= '0' && stats[i] <= '9'; ++i, ++digits) {
    if (digits == 18) return std::nullopt;  // leave overflow checks to the full parser
    n = n * 10 + (stats[i] - '0');
  }
  if (digits == 0 || i == stats.size() || (stats[i] != ',' && stats[i] != '}')) {
    return std::nullopt;
  }
  if (digits > 1 && stats[kPrefix.size()] == '0') return std::nullopt;  // not JSON: no verdict
  return n;
}

}  // namespace

std::optional<int64_t> AddFile::NumRecords() const {
  if (stats.empty()) return std::nullopt;
  if (std::optional<int64_t> n = LeadingNumRecords(stats)) return n;
  // simdjson needs padding after the input; stats live in an arena without it, so copy into a
  // per-thread buffer (one allocation per thread, reused).
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string buffer;
  buffer.reserve(stats.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(stats);
  simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
  simdjson::ondemand::document doc;
  if (parser.iterate(input).get(doc) != simdjson::SUCCESS) return std::nullopt;
  simdjson::ondemand::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  int64_t n = 0;
  if (object.find_field_unordered("numRecords").get_int64().get(n) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (n < 0) return std::nullopt;
  return n;
}

bool Protocol::HasReaderFeature(std::string_view f) const {
  return reader_features.has_value() &&
         std::find(reader_features->begin(), reader_features->end(), f) != reader_features->end();
}

bool Protocol::HasWriterFeature(std::string_view f) const {
  return writer_features.has_value() &&
         std::find(writer_features->begin(), writer_features->end(), f) != writer_features->end();
}

}  // namespace delta
