#include "delta/memory_file_system.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/create_race.h"

namespace delta {
namespace {

std::vector<std::string> Names(const std::vector<FileInfo>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.location);
  return out;
}

TEST(MemoryFileSystemTest, ListFromIsSortedFilteredAndNonRecursive) {
  MemoryFileSystem fs;
  for (const char* name : {"b.json", "00000000000000000010.json", "00000000000000000002.json",
                           "a.json", "sub/x.json", "\xC3\xA9.json"}) {
    ASSERT_TRUE(fs.Write(std::string("memory:///t/_delta_log/") + name, "x").ok());
  }
  ASSERT_TRUE(fs.Write("memory:///t/other.json", "x").ok());

  auto listed = fs.ListFrom("memory:///t/_delta_log/00000000000000000002.json");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  // Bytewise: digits < letters < UTF-8 lead bytes; "sub/" is a directory and is skipped.
  EXPECT_EQ(Names(*listed), (std::vector<std::string>{
                                "memory:///t/_delta_log/00000000000000000002.json",
                                "memory:///t/_delta_log/00000000000000000010.json",
                                "memory:///t/_delta_log/a.json",
                                "memory:///t/_delta_log/b.json",
                                "memory:///t/_delta_log/\xC3\xA9.json",
                            }));

  auto all = fs.ListFrom("memory:///t/_delta_log/");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 5u);
  auto after = fs.ListFrom("memory:///t/_delta_log/c");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Names(*after), (std::vector<std::string>{"memory:///t/_delta_log/\xC3\xA9.json"}));

  auto missing = fs.ListFrom("memory:///nope/_delta_log/0");
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("memory:///nope/_delta_log/"), std::string::npos);
}

TEST(MemoryFileSystemTest, ReadsRangesHeadAndDelete) {
  MemoryFileSystem fs;
  fs.SetClock([] { return int64_t{1000}; });
  ASSERT_TRUE(fs.Write("memory:///t/f", "0123456789").ok());
  EXPECT_EQ(*fs.ReadFile("memory:///t/f"), "0123456789");
  EXPECT_EQ(*fs.ReadRange("memory:///t/f", 2, 3), "234");
  EXPECT_EQ(*fs.ReadRange("memory:///t/f", 8, 10), "89");
  EXPECT_EQ(*fs.ReadRange("memory:///t/f", 20, 1), "");
  EXPECT_TRUE(fs.ReadRange("memory:///t/f", -1, 1).status().IsInvalidArgument());

  auto head = fs.Head("memory:///t/f");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->location, "memory:///t/f");
  EXPECT_EQ(head->size, 10);
  EXPECT_EQ(head->modification_time_ms, 1000);

  ASSERT_TRUE(fs.SetModificationTime("memory:///t/f", 1234567).ok());
  EXPECT_EQ(fs.Head("memory:///t/f")->modification_time_ms, 1234567);
  EXPECT_EQ((*fs.ListFrom("memory:///t/"))[0].modification_time_ms, 1234567);
  EXPECT_TRUE(fs.SetModificationTime("memory:///t/g", 1).IsNotFound());

  auto missing = fs.ReadFile("memory:///t/g");
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("memory:///t/g"), std::string::npos);
  EXPECT_TRUE(fs.Head("memory:///t/g").status().IsNotFound());

  ASSERT_TRUE(fs.Write("memory:///t/f", "new").ok());  // overwrite
  EXPECT_EQ(*fs.ReadFile("memory:///t/f"), "new");
  EXPECT_TRUE(fs.Delete("memory:///t/f").ok());
  EXPECT_TRUE(fs.Delete("memory:///t/f").ok());  // missing is fine
  EXPECT_TRUE(fs.Locations().empty());
  EXPECT_TRUE(fs.ListFrom("memory:///t/").status().IsNotFound());
}

TEST(MemoryFileSystemTest, PutIfAbsentHasExactlyOneWinner) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.PutIfAbsent("memory:///t/_delta_log/0.json", "first").ok());
  Status again = fs.PutIfAbsent("memory:///t/_delta_log/0.json", "second");
  EXPECT_TRUE(again.IsConflict());
  EXPECT_NE(again.message().find("memory:///t/_delta_log/0.json"), std::string::npos);
  EXPECT_EQ(*fs.ReadFile("memory:///t/_delta_log/0.json"), "first");

  std::atomic<int> winners{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      Status st = fs.PutIfAbsent("memory:///t/_delta_log/1.json", std::to_string(i));
      (st.ok() ? winners : conflicts).fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
  EXPECT_EQ(conflicts.load(), 15);
}

TEST(MemoryFileSystemTest, ReadFilesReportsEveryLocation) {
  MemoryFileSystem fs;
  std::vector<std::string> locations;
  for (int i = 0; i < 10; ++i) {
    locations.push_back("memory:///t/" + std::to_string(i));
    if (i != 7) {
      ASSERT_TRUE(fs.Write(locations.back(), "v" + std::to_string(i)).ok());
    }
  }
  std::vector<std::string> got(locations.size());
  std::vector<bool> missing(locations.size());
  fs.ReadFiles(locations, [&](size_t i, Result<std::string> r) {
    if (r.ok()) {
      got[i] = *r;
    } else {
      missing[i] = r.status().IsNotFound();
    }
  });
  for (size_t i = 0; i < locations.size(); ++i) {
    if (i == 7) {
      EXPECT_TRUE(missing[i]);
    } else {
      EXPECT_EQ(got[i], "v" + std::to_string(i));
    }
  }
}

TEST(MemoryFileSystemTest, RacingCreatorsOfOneNameHaveOneWinner) {
  MemoryFileSystem fs;
  test::ExpectOneCreatorWins(fs, "memory:///t/_delta_log/2.json", /*streamed=*/true);
  test::ExpectOneCreatorWins(fs, "memory:///t/_delta_log/3.json", /*streamed=*/false);
  // Nothing but the two files: a stream keeps its bytes to itself until it wins.
  EXPECT_EQ(fs.Locations(), (std::vector<std::string>{"memory:///t/_delta_log/2.json",
                                                      "memory:///t/_delta_log/3.json"}));
}

TEST(MemoryFileSystemTest, OpenForCreatePublishesOnlyOnClose) {
  MemoryFileSystem fs;
  const std::string f = "memory:///t/_delta_log/0.json";
  {
    auto out = fs.OpenForCreate(f);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("abandoned").ok());
    EXPECT_TRUE(fs.ReadFile(f).status().IsNotFound());
  }  // destroyed without Close: nothing is published
  EXPECT_TRUE(fs.Locations().empty());

  auto out = fs.OpenForCreate(f);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("one ").ok());
  ASSERT_TRUE((*out)->Write("two").ok());
  EXPECT_TRUE(fs.ReadFile(f).status().IsNotFound());
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(*fs.ReadFile(f), "one two");
  EXPECT_TRUE((*out)->Write("more").IsInvalidArgument());
  EXPECT_TRUE((*out)->Close().IsInvalidArgument());

  Status taken = fs.PutIfAbsent(f, "other");
  EXPECT_TRUE(taken.IsAlreadyExists()) << taken.ToString();
  ASSERT_NE(taken.detail(), nullptr);
  EXPECT_EQ(taken.detail()->subject, f);
  EXPECT_EQ(*fs.ReadFile(f), "one two");
}

TEST(MemoryFileSystemTest, ListPrefixAndDeleteMany) {
  MemoryFileSystem fs;
  for (const char* name :
       {"00000000000000000001.json", "00000000000000000001.checkpoint.parquet",
        "00000000000000000002.json", "00000000000000000010.json", "sub/1.json"}) {
    ASSERT_TRUE(fs.Write(std::string("memory:///t/_delta_log/") + name, "x").ok());
  }
  auto ones = fs.ListPrefix("memory:///t/_delta_log/00000000000000000001.");
  ASSERT_TRUE(ones.ok()) << ones.status().ToString();
  EXPECT_EQ(Names(*ones), (std::vector<std::string>{
                              "memory:///t/_delta_log/00000000000000000001.checkpoint.parquet",
                              "memory:///t/_delta_log/00000000000000000001.json",
                          }));
  EXPECT_EQ(fs.ListPrefix("memory:///t/_delta_log/")->size(), 4u);
  EXPECT_TRUE(fs.ListPrefix("memory:///t/_delta_log/3")->empty());
  EXPECT_TRUE(fs.ListPrefix("memory:///nope/x").status().IsNotFound());

  std::vector<std::string> doomed = {"memory:///t/_delta_log/00000000000000000002.json",
                                     "memory:///t/_delta_log/missing.json",
                                     "memory:///t/_delta_log/00000000000000000010.json"};
  ASSERT_TRUE(fs.DeleteMany(doomed).ok());
  EXPECT_EQ(fs.Locations().size(), 3u);
  EXPECT_TRUE(fs.ReadFile(doomed[0]).status().IsNotFound());
}

}  // namespace
}  // namespace delta
