// Tables on Azurite and fake-gcs-server through the default engine (az:// and gs://
// locations): the same answers as on local disk, and 8 processes racing appends lose and
// duplicate nothing. Skipped without the servers, except in CI.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/azure_gcs_servers.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

extern char** environ;

namespace delta {
namespace {

constexpr int kWriters = 8;
constexpr int kAppendsPerWriter = 3;

std::shared_ptr<Engine> StoreEngine(std::map<std::string, std::string> options) {
  DefaultEngineOptions o;
  o.cpu_threads = 2;
  o.storage_options = std::move(options);
  auto engine = MakeDefaultEngine(o);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return *engine;
}

// Writes, appends to and reads the same table at `remote` and on local disk.
void CompareWithLocalDisk(const std::string& remote, const std::shared_ptr<Engine>& engine) {
  test::TempDir dir;
  std::string local = dir.path() + "/t";
  auto local_engine = test::Engine1();
  for (const auto& [root, e] : {std::pair{remote, engine}, std::pair{local, local_engine}}) {
    test::Append(root, e, {1, 2, 3}, "a", {}, {"part"});
    test::Append(root, e, {4, 5}, "b b");
    test::Append(root, e, {6}, "a");
  }
  EXPECT_EQ(test::LatestVersion(remote, engine), 2);
  std::vector<std::string> rows = test::Rows(remote, engine);
  EXPECT_EQ(rows, test::Rows(local, local_engine));
  EXPECT_EQ(rows.size(), 6u);
}

// Starts kWriters copies of this binary, each appending kAppendsPerWriter times to `root`.
void RaceWriters(const std::string& root, const std::vector<std::string>& extra_env) {
  std::vector<pid_t> pids;
  for (int w = 0; w < kWriters; ++w) {
    std::vector<std::string> env = {"DELTA_RACE_ROOT=" + root,
                                    "DELTA_RACE_WRITER=" + std::to_string(w)};
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string exe = "/proc/self/exe";
    std::string filter = "--gtest_filter=AzGcsRaceChild.Append";
    char* argv[] = {exe.data(), filter.data(), nullptr};
    pid_t pid;
    ASSERT_EQ(posix_spawn(&pid, exe.c_str(), nullptr, nullptr, argv, envp.data()), 0);
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "writer " << pid << " failed";
  }
}

void CheckRace(const std::string& root, const std::shared_ptr<Engine>& engine) {
  // Version 0 made the table; every append is one commit, none lost, none twice.
  EXPECT_EQ(test::LatestVersion(root, engine), kWriters * kAppendsPerWriter);
  std::vector<std::string> expected = {"0/seed"};
  for (int w = 0; w < kWriters; ++w) {
    for (int a = 0; a < kAppendsPerWriter; ++a) {
      expected.push_back(std::to_string(100 * (w + 1) + a) + "/w" + std::to_string(w));
    }
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(test::Rows(root, engine), expected);
}

// One racing writer (run by RaceWriters in a child process; skipped otherwise). Its storage
// options come from the environment, as they would for a user's process.
TEST(AzGcsRaceChild, Append) {
  std::string root = test::EnvOr("DELTA_RACE_ROOT");
  if (root.empty()) GTEST_SKIP() << "run by the race tests";
  int w = std::atoi(test::EnvOr("DELTA_RACE_WRITER").c_str());
  auto engine = StoreEngine({});
  for (int a = 0; a < kAppendsPerWriter; ++a) {
    WriteOptions o;
    o.mode = SaveMode::kAppend;
    o.transaction.max_attempts = 200;
    ArrowArrayStream s = test::Stream({100 * (w + 1) + a}, {"w" + std::to_string(w)});
    auto r = WriteTable(root, engine, &s, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
}

TEST(AzuriteTableTest, SameAnswersAsLocalDisk) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("tbl");
  test::CreateContainer(endpoint, container);
  auto engine =
      StoreEngine({{"AZURE_STORAGE_USE_EMULATOR", "true"}, {"AZURE_STORAGE_ENDPOINT", endpoint}});
  CompareWithLocalDisk("az://" + container + "/dir/t", engine);
}

TEST(AzuriteTableTest, EightProcessesRacingAppends) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("race");
  test::CreateContainer(endpoint, container);
  auto engine =
      StoreEngine({{"AZURE_STORAGE_USE_EMULATOR", "true"}, {"AZURE_STORAGE_ENDPOINT", endpoint}});
  std::string root = "az://" + container + "/t";
  test::Append(root, engine, {0}, "seed");
  RaceWriters(root, {"AZURE_STORAGE_USE_EMULATOR=true", "AZURE_STORAGE_ENDPOINT=" + endpoint});
  CheckRace(root, engine);
}

TEST(FakeGcsTableTest, SameAnswersAsLocalDisk) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = test::UniqueName("tbl");
  test::CreateBucket(endpoint, bucket);
  CompareWithLocalDisk("gs://" + bucket + "/dir/t",
                       StoreEngine({{"GOOGLE_ENDPOINT_URL", endpoint}}));
}

TEST(FakeGcsTableTest, EightProcessesRacingAppends) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = test::UniqueName("race");
  test::CreateBucket(endpoint, bucket);
  auto engine = StoreEngine({{"GOOGLE_ENDPOINT_URL", endpoint}});
  std::string root = "gs://" + bucket + "/t";
  test::Append(root, engine, {0}, "seed");
  RaceWriters(root, {"GOOGLE_ENDPOINT_URL=" + endpoint});
  CheckRace(root, engine);
}

TEST(AzuriteTableTest, MissingTableAndMissingContainer) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_AZURE_ENDPOINT", endpoint);
  std::string container = test::UniqueName("miss");
  test::CreateContainer(endpoint, container);
  auto engine =
      StoreEngine({{"AZURE_STORAGE_USE_EMULATOR", "true"}, {"AZURE_STORAGE_ENDPOINT", endpoint}});
  std::string root = "az://" + container + "/none";
  auto missing = Table::ForLocation(root, engine)->LatestSnapshot();
  EXPECT_EQ(missing.status().ToString(), "NotFound: no Delta table at " + root + ": " + root +
                                             "/_delta_log holds no commit files");
  auto no_container = Table::ForLocation("az://nosuchcontainer/t", engine)->LatestSnapshot();
  EXPECT_EQ(no_container.status().ToString(),
            "NotFound: no Delta table at az://nosuchcontainer/t: azure account "
            "'devstoreaccount1' container 'nosuchcontainer': the container does not exist");
}

TEST(FakeGcsTableTest, MissingTableAndMissingBucket) {
  DELTA_SERVER_OR_SKIP("DELTA_TEST_GCS_ENDPOINT", endpoint);
  std::string bucket = test::UniqueName("miss");
  test::CreateBucket(endpoint, bucket);
  auto engine = StoreEngine({{"GOOGLE_ENDPOINT_URL", endpoint}});
  std::string root = "gs://" + bucket + "/none";
  auto missing = Table::ForLocation(root, engine)->LatestSnapshot();
  EXPECT_EQ(missing.status().ToString(), "NotFound: no Delta table at " + root + ": " + root +
                                             "/_delta_log holds no commit files");
  auto no_bucket = Table::ForLocation("gs://nosuchbucket/t", engine)->LatestSnapshot();
  EXPECT_EQ(no_bucket.status().ToString(),
            "NotFound: no Delta table at gs://nosuchbucket/t: gcs bucket 'nosuchbucket': the "
            "bucket does not exist");
}

}  // namespace
}  // namespace delta
