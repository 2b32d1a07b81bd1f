// Loading deletion vectors: descriptor -> (inline Z85 | ranged read of a DV file) -> bitmap.
#include <string>

#include "delta/deletion_vector.h"
#include "protocol/crc32.h"
#include "protocol/path_safety.h"
#include "protocol/uri.h"
#include "protocol/z85.h"

namespace delta {
namespace {

constexpr size_t kEncodedUuidLength = 20;
constexpr uint8_t kDvFileFormatVersion = 1;
constexpr int64_t kSizePrefixBytes = 4;
constexpr int64_t kChecksumBytes = 4;

uint32_t Be32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string Hex32(uint32_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s.push_back(kHex[(v >> shift) & 15]);
  return s;
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

class DvError {
 public:
  DvError(std::string_view table_root, const DeletionVectorDescriptor& dv)
      : table_root_(table_root), dv_(dv) {}
  void set_location(std::string location) { location_ = std::move(location); }

  std::string Context() const {
    return "table " + std::string(table_root_) + ": " + Describe(dv_, location_);
  }
  Status Invalid(const std::string& what) const {
    return Status::InvalidTable(Context() + ": " + what);
  }
  // Keeps the kind of an error from a lower layer; only a NotFound file is the table's fault.
  Status Wrap(const Status& st) const {
    if (st.IsNotFound())
      return Invalid("the deletion vector file does not exist (" + st.message() + ")");
    if (st.IsInvalidTable()) return Invalid(st.message());
    return st.WithContext(Context());
  }

 private:
  std::string_view table_root_;
  const DeletionVectorDescriptor& dv_;
  std::string location_;
};

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

Result<DeletionVector> DecodeInline(const DeletionVectorDescriptor& dv) {
  // Z85 encodes 4 bytes per 5 characters; the last block carries up to 3 bytes of padding.
  size_t size = static_cast<size_t>(dv.size_in_bytes);
  size_t expected_chars = (size + 3) / 4 * 5;
  if (dv.path_or_inline.size() != expected_chars) {
    return Status::InvalidTable("inline data has " + std::to_string(dv.path_or_inline.size()) +
                                " characters but " + std::to_string(size) + " bytes need " +
                                std::to_string(expected_chars));
  }
  Result<std::string> bytes = Z85Decode(dv.path_or_inline);
  if (!bytes.ok())
    return Status::InvalidTable("malformed inline data: " + bytes.status().message());
  bytes->resize(size);
  return DeletionVector::Deserialize(*bytes);
}

// Errors carry no context (the caller adds it); storage errors keep their kind.
Result<DeletionVector> ReadFromFile(FileSystem& fs, const std::string& location,
                                    const DeletionVectorDescriptor& dv) {
  int64_t offset = dv.offset.value_or(0);
  int64_t size = dv.size_in_bytes;
  // A DV at offset 1 directly follows the file's version byte: read it too, in the same request.
  bool with_version = offset == 1;
  int64_t start = with_version ? 0 : offset;
  int64_t length = (offset - start) + kSizePrefixBytes + size + kChecksumBytes;
  Result<std::string> data = fs.ReadRange(location, start, length);
  if (!data.ok()) return data.status();
  if (static_cast<int64_t>(data->size()) < length) {
    return Status::InvalidTable("the file ends early: bytes [" + std::to_string(start) + ", " +
                                std::to_string(start + length) + ") are needed but only " +
                                std::to_string(data->size()) + " were read from offset " +
                                std::to_string(start) +
                                " (truncated file or wrong offset/sizeInBytes)");
  }
  const char* p = data->data();
  if (with_version) {
    auto version = static_cast<uint8_t>(p[0]);
    if (version != kDvFileFormatVersion) {
      return Status::InvalidTable("unsupported DV file format version " + std::to_string(version) +
                                  " (expected 1)");
    }
    ++p;
  }
  uint32_t stored_size = Be32(p);
  if (stored_size != static_cast<uint32_t>(size)) {
    return Status::InvalidTable("the size stored at offset " + std::to_string(offset) + " is " +
                                std::to_string(stored_size) +
                                ", not the descriptor's sizeInBytes " + std::to_string(size));
  }
  std::string_view bitmap(p + kSizePrefixBytes, static_cast<size_t>(size));
  uint32_t stored_crc = Be32(p + kSizePrefixBytes + size);
  uint32_t actual_crc = Crc32(bitmap);
  if (stored_crc != actual_crc) {
    return Status::InvalidTable("checksum mismatch: the file stores CRC-32 " + Hex32(stored_crc) +
                                ", the bitmap's is " + Hex32(actual_crc));
  }
  return DeletionVector::Deserialize(bitmap);
}

}  // namespace

Result<std::string> ResolveDeletionVectorPath(std::string_view table_root_uri,
                                              const DeletionVectorDescriptor& dv) {
  switch (dv.storage_type) {
    case 'u': {
      Result<std::string> path = UuidDvPath(table_root_uri, dv.path_or_inline);
      if (!path.ok()) return DvError(table_root_uri, dv).Invalid(path.status().message());
      return path;
    }
    case 'p':
      if (dv.path_or_inline.empty()) {
        return DvError(table_root_uri, dv).Invalid("the absolute path is empty");
      }
      return ResolveLogPath(table_root_uri, dv.path_or_inline);
    case 'i':
      return Status::InvalidArgument(DvError(table_root_uri, dv).Context() +
                                     ": an inline deletion vector has no file");
    default:
      return DvError(table_root_uri, dv).Invalid("unknown storageType");
  }
}

std::string DeletionVectorAbsolutePath(std::string_view table_root_uri,
                                       const DeletionVectorDescriptor& dv) {
  Result<std::string> path = ResolveDeletionVectorPath(table_root_uri, dv);
  return path.ok() ? std::move(path).value() : std::string();
}

Result<DeletionVector> LoadDeletionVector(FileSystem& fs, std::string_view table_root_uri,
                                          const DeletionVectorDescriptor& dv,
                                          const LocationPolicy& policy) {
  DvError err(table_root_uri, dv);
  if (dv.cardinality < 0) return err.Invalid("negative cardinality");
  if (dv.size_in_bytes < 0) return err.Invalid("negative sizeInBytes");
  if (dv.offset && *dv.offset < 0) return err.Invalid("negative offset");
  // Nothing is deleted: there is nothing to read (and writers may not have written a file).
  if (dv.cardinality == 0) return DeletionVector();

  Result<DeletionVector> loaded = Status::Internal("unreachable");
  if (dv.storage_type == 'i') {
    loaded = DecodeInline(dv);
    if (!loaded.ok()) return err.Wrap(loaded.status());
  } else {
    DELTA_ASSIGN_OR_RETURN(std::string location, ResolveDeletionVectorPath(table_root_uri, dv));
    err.set_location(location);
    if (dv.storage_type == 'p') {
      if (Status st = CheckLocationAllowed(policy, table_root_uri, location); !st.ok()) {
        return st.WithContext(err.Context());
      }
    }
    loaded = ReadFromFile(fs, location, dv);
    if (!loaded.ok()) return err.Wrap(loaded.status());
  }
  if (loaded->cardinality() != static_cast<uint64_t>(dv.cardinality)) {
    return err.Invalid("the bitmap holds " + std::to_string(loaded->cardinality()) +
                       " row indexes, not the descriptor's cardinality " +
                       std::to_string(dv.cardinality));
  }
  return loaded;
}

}  // namespace delta
