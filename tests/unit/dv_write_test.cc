// Writing deletion vectors: the RoaringBitmapArray serializer (64-bit row indexes, the portable
// bytes Delta Spark writes) and DV files written by WriteDeletionVectorFile, read back by
// LoadDeletionVector.
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "delta/deletion_vector.h"
#include "delta/memory_file_system.h"
#include "dv/crc32.h"
#include "dv/roaring_format.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

using Rows = std::vector<uint64_t>;

uint32_t Le32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  return v;
}
uint64_t Le64(std::string_view s, size_t at) {
  return uint64_t{Le32(s, at)} | (uint64_t{Le32(s, at + 4)} << 32);
}
uint32_t Be32(std::string_view s, size_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  return v;
}

DeletionVector Make(const Rows& rows) {
  auto dv = DeletionVector::FromRowIndexes(rows);
  EXPECT_TRUE(dv.ok()) << dv.status().ToString();
  return std::move(dv).value();
}

TEST(DeletionVectorSerializeTest, RoundTripsSixtyFourBitRowIndexes) {
  const uint64_t k32 = uint64_t{1} << 32;
  const uint64_t top = (uint64_t{1} << 63) - 1;
  Rows rows = {0, 1, 2, 65535, 65536, k32 - 1, k32, k32 + 7, 1000 * k32 + 3, top - 1, top};
  for (uint64_t r = 5 * k32; r < 5 * k32 + 5000; ++r) rows.push_back(r);  // a run
  std::set<uint64_t> sorted(rows.begin(), rows.end());
  DeletionVector dv = Make(rows);
  std::string bytes = dv.Serialize();

  // The portable layout: magic, bucket count, then per bucket its key and a 32-bit bitmap.
  EXPECT_EQ(Le32(bytes, 0), kRoaringArrayPortableMagic);
  EXPECT_EQ(Le64(bytes, 4), 5u);  // keys 0, 1, 5, 1000, 2^31 - 1
  EXPECT_EQ(Le32(bytes, 12), 0u);

  auto back = DeletionVector::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->RowIndexes(), Rows(sorted.begin(), sorted.end()));
  EXPECT_EQ(back->cardinality(), sorted.size());
  EXPECT_EQ(back->Serialize(), bytes);
}

// The bitmaps of DV files Delta Spark wrote: decoding and encoding again gives Spark's bytes.
// Encoding the same rows from scratch gives the same set, though not always the same bytes:
// the writer stores runs as run containers where Spark kept an array ({0, 1, 2}).
TEST(DeletionVectorSerializeTest, ReproducesTheBytesDeltaSparkWrites) {
  DELTA_REQUIRE_CONFORMANCE();
  struct SparkDv {
    const char* table;
    const char* file;
    size_t offset;
    Rows rows;
  };
  for (const SparkDv& c : std::vector<SparkDv>{
           {"table-with-dv-small",
            "deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin",
            1,
            {0, 9}},
           {"with-short-dv",
            "deletion_vector_ae7177f2-6d17-4ea8-819b-8d62fa2c5469.bin",
            1,
            {0, 1, 2}},
       }) {
    std::string root = test::ExtractedTablePath(c.table);
    ASSERT_FALSE(root.empty()) << c.table;
    std::ifstream in(root + "/" + c.file, std::ios::binary);
    ASSERT_TRUE(in) << root << "/" << c.file;
    std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(file.size(), c.offset + 4);
    uint32_t size = Be32(file, c.offset);
    std::string spark = file.substr(c.offset + 4, size);
    ASSERT_EQ(spark.size(), size);
    EXPECT_EQ(Le32(spark, 0), kRoaringArrayPortableMagic) << c.table;

    auto decoded = DeletionVector::Deserialize(spark);
    ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
    EXPECT_EQ(decoded->RowIndexes(), c.rows) << c.table;
    EXPECT_EQ(decoded->Serialize(), spark) << c.table;
    auto fresh = DeletionVector::Deserialize(Make(c.rows).Serialize());
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    EXPECT_EQ(fresh->RowIndexes(), c.rows) << c.table;
    if (c.rows.size() == 2) {
      EXPECT_EQ(Make(c.rows).Serialize(), spark) << c.table;
    }
  }
}

TEST(WriteDeletionVectorFileTest, WrittenFilesLoadBack) {
  MemoryFileSystem fs;
  const uint64_t k32 = uint64_t{1} << 32;
  DeletionVector dv = Make({3, 9, 2 * k32 + 1});
  auto written = WriteDeletionVectorFile(fs, "memory:///t", dv, "ab");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->offset, 1);
  EXPECT_EQ(written->cardinality, 3);
  EXPECT_EQ(written->path_or_inline.size(), 2u + 20u);
  EXPECT_EQ(written->path_or_inline.substr(0, 2), "ab");

  DeletionVectorDescriptor d = written->descriptor();
  EXPECT_EQ(d.storage_type, 'u');
  auto location = ResolveDeletionVectorPath("memory:///t", d);
  ASSERT_TRUE(location.ok()) << location.status().ToString();
  EXPECT_EQ(*location, written->location);
  EXPECT_EQ(written->location.rfind("memory:///t/ab/deletion_vector_", 0), 0u) << written->location;
  EXPECT_EQ(written->location.substr(written->location.size() - 4), ".bin");
  // A version-4 UUID: "...-4xxx-[89ab]xxx-...".
  std::string uuid = written->location.substr(written->location.size() - 4 - 36, 36);
  EXPECT_EQ(uuid[14], '4') << uuid;
  EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos) << uuid;

  // The file format: version 1, big-endian size, the bitmap, its big-endian CRC-32.
  auto file = fs.ReadFile(written->location);
  ASSERT_TRUE(file.ok());
  std::string bitmap = dv.Serialize();
  ASSERT_EQ(file->size(), 1 + 4 + bitmap.size() + 4);
  EXPECT_EQ((*file)[0], '\x01');
  EXPECT_EQ(Be32(*file, 1), bitmap.size());
  EXPECT_EQ(file->substr(5, bitmap.size()), bitmap);
  EXPECT_EQ(Be32(*file, 5 + bitmap.size()), Crc32(bitmap));
  EXPECT_EQ(written->size_in_bytes, static_cast<int32_t>(bitmap.size()));

  auto loaded = LoadDeletionVector(fs, "memory:///t", d);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->RowIndexes(), (Rows{3, 9, 2 * k32 + 1}));
}

TEST(WriteDeletionVectorFileTest, SeveralDeletionVectorsShareOneFile) {
  MemoryFileSystem fs;
  const uint64_t k32 = uint64_t{1} << 32;
  DeletionVector a = Make({0, 5});
  DeletionVector b = Make({7, k32 + 2});
  DeletionVector c = Make({1});
  const DeletionVector* dvs[] = {&a, &b, &c};
  auto written = WriteDeletionVectorsFile(fs, "memory:///t", dvs);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  ASSERT_EQ(written->size(), 3u);
  EXPECT_EQ(fs.Locations().size(), 1u);
  // Back to back after the version byte: each offset points at its size prefix.
  int32_t expected_offset = 1;
  const std::vector<Rows> rows = {{0, 5}, {7, k32 + 2}, {1}};
  for (size_t i = 0; i < 3; ++i) {
    const WrittenDeletionVector& w = (*written)[i];
    EXPECT_EQ(w.location, (*written)[0].location);
    EXPECT_EQ(w.path_or_inline, (*written)[0].path_or_inline);
    EXPECT_EQ(w.offset, expected_offset) << i;
    EXPECT_EQ(w.cardinality, static_cast<int64_t>(rows[i].size()));
    expected_offset += 4 + w.size_in_bytes + 4;
    auto loaded = LoadDeletionVector(fs, "memory:///t", w.descriptor());
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(loaded->RowIndexes(), rows[i]) << i;
  }
  auto file = fs.ReadFile((*written)[0].location);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->size(), static_cast<size_t>(expected_offset));

  auto empty =
      WriteDeletionVectorsFile(fs, "memory:///t", std::span<const DeletionVector* const>());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(fs.Locations().size(), 1u);
}

TEST(WriteDeletionVectorFileTest, EachWriteIsANewFile) {
  MemoryFileSystem fs;
  DeletionVector dv = Make({1});
  auto a = WriteDeletionVectorFile(fs, "memory:///t/", dv);
  auto b = WriteDeletionVectorFile(fs, "memory:///t/", dv);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->location, b->location);
  EXPECT_EQ(a->path_or_inline.size(), 20u);  // no prefix: the UUID alone
  EXPECT_EQ(a->location.rfind("memory:///t/deletion_vector_", 0), 0u) << a->location;
  EXPECT_EQ(fs.Locations().size(), 2u);
  for (const auto* w : {&*a, &*b}) {
    auto loaded = LoadDeletionVector(fs, "memory:///t", w->descriptor());
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    EXPECT_EQ(loaded->RowIndexes(), (Rows{1}));
  }
}

TEST(WriteDeletionVectorFileTest, RefusesUnsafePrefixes) {
  MemoryFileSystem fs;
  DeletionVector dv = Make({1});
  for (std::string_view prefix : {"../x", "a/../../x", "/abs"}) {
    auto w = WriteDeletionVectorFile(fs, "memory:///t", dv, prefix);
    ASSERT_FALSE(w.ok()) << prefix;
    EXPECT_TRUE(w.status().IsInvalidArgument()) << w.status().ToString();
  }
  EXPECT_TRUE(fs.Locations().empty());
}

}  // namespace
}  // namespace delta
