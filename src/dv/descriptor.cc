// Deletion vector descriptors: the range checks of one read from the log, its unique id, and
// the location of the file it points to.
#include "dv/descriptor.h"

#include <limits>
#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/deletion_vector.h"
#include "dv/z85.h"
#include "protocol/path_safety.h"
#include "protocol/uri.h"
#include "util/printable.h"

namespace delta {
namespace {

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

// "deletion vector (storageType 'u', file file:///t/deletion_vector_x.bin, offset 1,
// sizeInBytes 36, cardinality 2)"; inline data is abbreviated.
std::string Describe(const DeletionVectorDescriptor& dv, std::string_view location) {
  std::string s = "deletion vector (storageType '";
  s += dv.storage_type;
  s += "', ";
  if (!location.empty()) {
    s += "file ";
    s += location;
  } else {
    constexpr size_t kMaxShown = 40;
    s += dv.storage_type == 'i' ? "inline data '" : "pathOrInlineDv '";
    s += dv.path_or_inline.substr(0, kMaxShown);
    if (dv.path_or_inline.size() > kMaxShown) s += "...";
    s += "'";
  }
  if (dv.offset) s += ", offset " + std::to_string(*dv.offset);
  s += ", sizeInBytes " + std::to_string(dv.size_in_bytes);
  s += ", cardinality " + std::to_string(dv.cardinality) + ")";
  return s;
}

Result<std::string> UuidDvPath(std::string_view table_root_uri, std::string_view payload) {
  if (payload.size() < kEncodedUuidLength) {
    return Status::InvalidTable("pathOrInlineDv '" + std::string(payload) + "' has " +
                                std::to_string(payload.size()) +
                                " characters; a relative DV path needs at least the 20 of a "
                                "Z85-encoded UUID");
  }
  std::string_view prefix = payload.substr(0, payload.size() - kEncodedUuidLength);
  if (Status st = CheckDeletionVectorPrefix(prefix); !st.ok()) {
    return Status::InvalidTable("pathOrInlineDv '" + std::string(payload) +
                                "': its directory prefix " + st.message());
  }
  Result<std::string> uuid = Z85DecodeUuid(payload.substr(prefix.size()));
  if (!uuid.ok()) {
    return Status::InvalidTable("pathOrInlineDv '" + std::string(payload) +
                                "' does not end in a Z85-encoded UUID: " + uuid.status().message());
  }
  std::string out(table_root_uri);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out.push_back('/');
  if (!prefix.empty()) {
    // The root is a URI, so the (normally alphanumeric) prefix is percent-encoded into it.
    out += PercentEncodePath(prefix);
    out.push_back('/');
  }
  out += "deletion_vector_" + *uuid + ".bin";
  return out;
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

std::string EncodeRelativeDeletionVectorPath(std::string_view prefix,
                                             const std::array<uint8_t, 16>& uuid) {
  std::string path(prefix);
  path += Z85Encode(std::string_view(reinterpret_cast<const char*>(uuid.data()), uuid.size()));
  return path;
}

std::string DeletionVectorError::Context() const {
  return "table " + std::string(table_root_) + ": " + Describe(dv_, location_);
}

Status DeletionVectorError::Invalid(const std::string& what) const {
  return Status::InvalidTable(Context() + ": " + what);
}

Status DeletionVectorError::Wrap(const Status& st) const {
  if (st.IsNotFound())
    return Invalid("the deletion vector file does not exist (" + st.message() + ")");
  if (st.IsInvalidTable()) return Invalid(st.message());
  return st.WithContext(Context());
}

Result<std::string> ResolveDeletionVectorPath(std::string_view table_root_uri,
                                              const DeletionVectorDescriptor& dv) {
  switch (dv.storage_type) {
    case 'u': {
      Result<std::string> path = UuidDvPath(table_root_uri, dv.path_or_inline);
      if (!path.ok())
        return DeletionVectorError(table_root_uri, dv).Invalid(path.status().message());
      return path;
    }
    case 'p':
      if (dv.path_or_inline.empty()) {
        return DeletionVectorError(table_root_uri, dv).Invalid("the absolute path is empty");
      }
      return ResolveLogPath(table_root_uri, dv.path_or_inline);
    case 'i':
      return Status::InvalidArgument(DeletionVectorError(table_root_uri, dv).Context() +
                                     ": an inline deletion vector has no file");
    default:
      return DeletionVectorError(table_root_uri, dv).Invalid("unknown storageType");
  }
}

std::string DeletionVectorAbsolutePath(std::string_view table_root_uri,
                                       const DeletionVectorDescriptor& dv) {
  Result<std::string> path = ResolveDeletionVectorPath(table_root_uri, dv);
  return path.ok() ? std::move(path).value() : std::string();
}

}  // namespace delta
