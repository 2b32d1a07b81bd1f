// Deletion vectors in storage. Loading: descriptor -> (inline Z85 | ranged read of a DV file)
// -> bitmap. Writing: bitmap -> a new DV file -> descriptor.
#include <array>
#include <limits>
#include <string>

#include "delta/deletion_vector.h"
#include "dv/crc32.h"
#include "dv/descriptor.h"
#include "dv/z85.h"
#include "protocol/path_safety.h"
#include "util/uuid.h"

namespace delta {
namespace {

constexpr uint8_t kDvFileFormatVersion = 1;
constexpr int64_t kSizePrefixBytes = 4;
constexpr int64_t kChecksumBytes = 4;

void PutBe32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

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

Result<DeletionVector> LoadDeletionVector(FileSystem& fs, std::string_view table_root_uri,
                                          const DeletionVectorDescriptor& dv,
                                          const LocationPolicy& policy) {
  DeletionVectorError err(table_root_uri, dv);
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

DeletionVectorDescriptor WrittenDeletionVector::descriptor() const {
  DeletionVectorDescriptor d;
  d.storage_type = storage_type;
  d.path_or_inline = path_or_inline;
  if (storage_type != 'i') d.offset = offset;
  d.size_in_bytes = size_in_bytes;
  d.cardinality = cardinality;
  return d;
}

Result<std::vector<WrittenDeletionVector>> WriteDeletionVectorsFile(
    FileSystem& fs, std::string_view table_root_uri, std::span<const DeletionVector* const> dvs,
    std::string_view prefix) {
  if (Status st = CheckDeletionVectorPrefix(prefix); !st.ok()) {
    return Status::InvalidArgument("deletion vector prefix '" + std::string(prefix) + "' " +
                                   st.message());
  }
  std::vector<WrittenDeletionVector> out;
  if (dvs.empty()) return out;
  const std::string path_or_inline = EncodeRelativeDeletionVectorPath(prefix, RandomUuid());
  std::string file(1, static_cast<char>(kDvFileFormatVersion));
  for (const DeletionVector* dv : dvs) {
    std::string bitmap = dv->Serialize();
    // Offsets and sizes are 32-bit in the descriptor.
    if (bitmap.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max()) ||
        file.size() + kSizePrefixBytes + bitmap.size() + kChecksumBytes >
            static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::InvalidArgument("deletion vectors of " + std::to_string(file.size()) +
                                     "+ bytes exceed the format's 32-bit offsets");
    }
    WrittenDeletionVector w;
    w.path_or_inline = path_or_inline;
    w.offset = static_cast<int32_t>(file.size());
    w.size_in_bytes = static_cast<int32_t>(bitmap.size());
    w.cardinality = static_cast<int64_t>(dv->cardinality());
    PutBe32(&file, static_cast<uint32_t>(bitmap.size()));
    file += bitmap;
    PutBe32(&file, Crc32(bitmap));
    out.push_back(std::move(w));
  }
  DELTA_ASSIGN_OR_RETURN(std::string location,
                         ResolveDeletionVectorPath(table_root_uri, out.front().descriptor()));
  Status st = fs.PutIfAbsent(location, file);
  if (!st.ok()) return st.WithContext("writing deletion vector file " + location);
  for (WrittenDeletionVector& w : out) w.location = location;
  return out;
}

Result<WrittenDeletionVector> WriteDeletionVectorFile(FileSystem& fs,
                                                      std::string_view table_root_uri,
                                                      const DeletionVector& dv,
                                                      std::string_view prefix) {
  const DeletionVector* one[] = {&dv};
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenDeletionVector> written,
                         WriteDeletionVectorsFile(fs, table_root_uri, one, prefix));
  return std::move(written.front());
}

Result<std::vector<WrittenDeletionVector>> StoreDeletionVectors(
    FileSystem& fs, std::string_view table_root_uri, std::span<const DeletionVector* const> dvs,
    int32_t max_inline_bytes, std::string_view prefix) {
  std::vector<WrittenDeletionVector> out(dvs.size());
  std::vector<const DeletionVector*> to_file;
  std::vector<size_t> file_slots;
  for (size_t i = 0; i < dvs.size(); ++i) {
    std::string bitmap = dvs[i]->Serialize();
    if (max_inline_bytes > 0 && bitmap.size() <= static_cast<size_t>(max_inline_bytes)) {
      WrittenDeletionVector& w = out[i];
      w.storage_type = 'i';
      w.path_or_inline = Z85Encode(bitmap);
      w.size_in_bytes = static_cast<int32_t>(bitmap.size());
      w.cardinality = static_cast<int64_t>(dvs[i]->cardinality());
    } else {
      to_file.push_back(dvs[i]);
      file_slots.push_back(i);
    }
  }
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenDeletionVector> written,
                         WriteDeletionVectorsFile(fs, table_root_uri, to_file, prefix));
  for (size_t j = 0; j < written.size(); ++j) out[file_slots[j]] = std::move(written[j]);
  return out;
}

}  // namespace delta
