// Inline deletion vectors: StoreDeletionVectors keeps small bitmaps in the descriptor (storage
// type 'i', Z85) and the rest in one DV file; DELETE through the public API stores a few
// deleted rows inline unless the transaction asks for files.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta/delete.h"
#include "delta/deletion_vector.h"
#include "delta/memory_file_system.h"
#include "dv/z85.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using Rows = std::vector<uint64_t>;

DeletionVector Make(const Rows& rows) {
  auto dv = DeletionVector::FromRowIndexes(rows);
  EXPECT_TRUE(dv.ok()) << dv.status().ToString();
  return std::move(dv).value();
}

// Every other row from 0: n scattered rows, one array container, 2 bytes each.
Rows Scattered(uint64_t n) {
  Rows rows;
  for (uint64_t i = 0; i < n; ++i) rows.push_back(2 * i);
  return rows;
}

TEST(StoreDeletionVectors, SmallBitmapsAreInlineAndLoadBack) {
  MemoryFileSystem fs;
  DeletionVector dv = Make({7});
  const DeletionVector* dvs[] = {&dv};
  auto stored = StoreDeletionVectors(fs, "memory:///t", dvs);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 1u);
  const WrittenDeletionVector& w = (*stored)[0];
  EXPECT_EQ(w.storage_type, 'i');
  EXPECT_EQ(w.location, "");
  EXPECT_EQ(w.size_in_bytes, 34);  // magic 4, bitmap count 8, key 4, one 1-value container 18
  EXPECT_EQ(w.cardinality, 1);
  EXPECT_EQ(w.path_or_inline, Z85Encode(dv.Serialize()));
  EXPECT_EQ(w.path_or_inline.size(), 45u);  // 34 bytes padded to 36, 5 characters per 4 bytes
  DeletionVectorDescriptor d = w.descriptor();
  EXPECT_EQ(d.storage_type, 'i');
  EXPECT_FALSE(d.offset.has_value());
  EXPECT_EQ(d.size_in_bytes, 34);
  EXPECT_TRUE(fs.Locations().empty());
  auto loaded = LoadDeletionVector(fs, "memory:///t", d);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->RowIndexes(), (Rows{7}));
}

TEST(StoreDeletionVectors, TheLimitIsInclusiveAndLargerOnesShareOneFile) {
  MemoryFileSystem fs;
  DeletionVector at_limit = Make(Scattered(16));
  DeletionVector over_a = Make(Scattered(17));
  DeletionVector over_b = Make(Scattered(1000));
  ASSERT_EQ(at_limit.Serialize().size(), size_t{kDefaultMaxInlineDeletionVectorBytes});
  ASSERT_EQ(over_a.Serialize().size(), size_t{kDefaultMaxInlineDeletionVectorBytes} + 2);
  const DeletionVector* dvs[] = {&over_a, &at_limit, &over_b};
  auto stored = StoreDeletionVectors(fs, "memory:///t", dvs);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_EQ((*stored)[0].storage_type, 'u');
  EXPECT_EQ((*stored)[1].storage_type, 'i');
  EXPECT_EQ((*stored)[2].storage_type, 'u');
  // The two file-based ones are back to back in one file, in the order given.
  EXPECT_EQ(fs.Locations().size(), 1u);
  EXPECT_EQ((*stored)[0].location, (*stored)[2].location);
  EXPECT_EQ((*stored)[0].offset, 1);
  EXPECT_EQ((*stored)[2].offset, 1 + 4 + (*stored)[0].size_in_bytes + 4);
  const std::vector<Rows> expected = {Scattered(17), Scattered(16), Scattered(1000)};
  for (size_t i = 0; i < 3; ++i) {
    auto loaded = LoadDeletionVector(fs, "memory:///t", (*stored)[i].descriptor());
    ASSERT_TRUE(loaded.ok()) << i << ": " << loaded.status().ToString();
    EXPECT_EQ(loaded->RowIndexes(), expected[i]) << i;
  }
}

TEST(StoreDeletionVectors, ZeroLimitAndAllInlineWriteAsAsked) {
  MemoryFileSystem fs;
  DeletionVector a = Make({1});
  DeletionVector b = Make({2, 3});
  const DeletionVector* dvs[] = {&a, &b};
  auto files = StoreDeletionVectors(fs, "memory:///t", dvs, 0);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].storage_type, 'u');
  EXPECT_EQ((*files)[1].storage_type, 'u');
  EXPECT_EQ(fs.Locations().size(), 1u);

  MemoryFileSystem empty_fs;
  auto inline_only = StoreDeletionVectors(empty_fs, "memory:///t", dvs);
  ASSERT_TRUE(inline_only.ok()) << inline_only.status().ToString();
  EXPECT_EQ((*inline_only)[0].storage_type, 'i');
  EXPECT_EQ((*inline_only)[1].storage_type, 'i');
  EXPECT_TRUE(empty_fs.Locations().empty());  // no DV file at all
}

int CountDvFiles(const std::string& root) {
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.path().filename().string().rfind("deletion_vector_", 0) == 0) ++n;
  }
  return n;
}

TEST(StoreDeletionVectors, DeleteKeepsAFewRowsInlineAndMergesThem) {
  test::TempDir dir;
  auto engine = test::Engine1();
  const std::string root = dir.path();
  test::Append(root, engine, {1, 2, 3, 4, 5}, "a", {{"delta.enableDeletionVectors", "true"}});

  auto r1 = DeleteRows(root, engine, "id = 2");
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->num_deletion_vectors_added, 1);
  auto snap = test::Latest(root, engine);
  ASSERT_EQ(snap->files().size(), 1u);
  ASSERT_NE(snap->files()[0].deletion_vector, nullptr);
  EXPECT_EQ(snap->files()[0].deletion_vector->storage_type, 'i');
  EXPECT_EQ(snap->files()[0].deletion_vector->cardinality, 1);
  EXPECT_EQ(CountDvFiles(root), 0);
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"1/a", "3/a", "4/a", "5/a"}));

  // The next delete loads the inline DV and unites it with the new row.
  auto r2 = DeleteRows(root, engine, "id = 4");
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->num_deletion_vectors_removed, 1);
  snap = test::Latest(root, engine);
  EXPECT_EQ(snap->files()[0].deletion_vector->storage_type, 'i');
  EXPECT_EQ(snap->files()[0].deletion_vector->cardinality, 2);
  EXPECT_EQ(CountDvFiles(root), 0);
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"1/a", "3/a", "5/a"}));

  // A transaction that asks for files gets one.
  DeleteOptions files;
  files.transaction.max_inline_deletion_vector_bytes = 0;
  auto r3 = DeleteRows(root, engine, "id = 5", files);
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  snap = test::Latest(root, engine);
  EXPECT_EQ(snap->files()[0].deletion_vector->storage_type, 'u');
  EXPECT_EQ(snap->files()[0].deletion_vector->cardinality, 3);
  EXPECT_EQ(CountDvFiles(root), 1);
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"1/a", "3/a"}));
}

}  // namespace
}  // namespace delta
