// Random UUIDs stay distinct across fork: a forked writer must not reuse its parent's data file
// names or commit txnIds.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <set>
#include <string>

#include "util/uuid.h"

namespace delta {
namespace {

TEST(RandomUuidTest, VersionAndVariantBits) {
  std::array<uint8_t, 16> u = RandomUuid();
  EXPECT_EQ(u[6] >> 4, 4);
  EXPECT_EQ(u[8] >> 6, 2);
  std::string text = UuidText(u);
  ASSERT_EQ(text.size(), 36u);
  EXPECT_EQ(text[14], '4');
}

TEST(RandomUuidTest, ForkedChildDrawsOtherUuids) {
  RandomUuid();  // the parent's generator is seeded before the fork
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::array<uint8_t, 16> u = RandomUuid();
    bool sent = ::write(fds[1], u.data(), u.size()) == static_cast<ssize_t>(u.size());
    std::_Exit(sent ? 0 : 1);
  }
  ::close(fds[1]);
  std::array<uint8_t, 16> parent = RandomUuid();
  std::array<uint8_t, 16> child{};
  ASSERT_EQ(::read(fds[0], child.data(), child.size()), static_cast<ssize_t>(child.size()));
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(UuidText(parent), UuidText(child));
}

TEST(RandomUuidTest, ManyDrawsAreDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(UuidText(RandomUuid()));
  EXPECT_EQ(seen.size(), 10000u);
}

}  // namespace
}  // namespace delta
