#include "log/file_key.h"

#include <gtest/gtest.h>

#include <string>

namespace delta {
namespace {

TEST(FileKeyTest, SpellingsOfOnePathAreOneKey) {
  Arena arena;
  const std::string root = "file:///tbl";
  FileKey rel = MakeFileKey("a%20b.parquet", nullptr, root, &arena);
  FileKey abs1 = MakeFileKey("file:/tbl/a%20b.parquet", nullptr, root, &arena);
  FileKey abs2 = MakeFileKey("file:///tbl/a%20b.parquet", nullptr, root, &arena);
  FileKey abs3 = MakeFileKey("/tbl/a%20b.parquet", nullptr, root, &arena);
  EXPECT_EQ(rel.path, "a b.parquet");
  EXPECT_EQ(rel, abs1);
  EXPECT_EQ(rel, abs2);
  EXPECT_EQ(rel, abs3);
  FileKey outside = MakeFileKey("file:///other/a%20b.parquet", nullptr, root, &arena);
  EXPECT_EQ(outside.path, "file:///other/a b.parquet");
  EXPECT_FALSE(rel == outside);
}

TEST(FileKeyTest, DeletionVectorIdIsPartOfTheKey) {
  Arena arena;
  DeletionVectorDescriptor dv1{'u', "abc", 1, 10, 2};
  DeletionVectorDescriptor dv1_copy{'u', "abc", 1, 99, 7};  // size/cardinality are not the id
  DeletionVectorDescriptor dv2{'u', "abc", 5, 10, 2};
  DeletionVectorDescriptor inline_dv{'i', "abc", std::nullopt, 10, 2};
  FileKey none = MakeFileKey("f", nullptr, "", &arena);
  FileKey k1 = MakeFileKey("f", &dv1, "", &arena);
  EXPECT_FALSE(none == k1);
  EXPECT_EQ(k1, MakeFileKey("f", &dv1_copy, "", &arena));
  EXPECT_FALSE(k1 == MakeFileKey("f", &dv2, "", &arena));
  EXPECT_FALSE(k1 == MakeFileKey("f", &inline_dv, "", &arena));
}

TEST(FileKeySetTest, InsertContainsAndGrowth) {
  Arena arena;
  FileKeySet set;
  std::vector<std::string> paths;
  for (int i = 0; i < 10000; ++i) paths.push_back("part-" + std::to_string(i) + ".parquet");
  for (const std::string& p : paths) EXPECT_TRUE(set.Insert(MakeFileKey(p, nullptr, "", &arena)));
  EXPECT_EQ(set.size(), 10000u);
  for (const std::string& p : paths) {
    EXPECT_FALSE(set.Insert(MakeFileKey(p, nullptr, "", &arena)));
    EXPECT_TRUE(set.Contains(MakeFileKey(p, nullptr, "", &arena)));
  }
  EXPECT_FALSE(set.Contains(MakeFileKey("missing", nullptr, "", &arena)));
  EXPECT_EQ(set.size(), 10000u);
}

}  // namespace
}  // namespace delta
