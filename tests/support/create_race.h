// Many threads creating one name at once through a FileSystem's create-if-absent: the
// contract every implementation must keep (exactly one wins; the rest learn the name is taken).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "delta/file_system.h"

namespace delta::test {

/// `threads` writers create `location` at once, each writing "writer <i>" (in two pieces when
/// `streamed`, through OpenForCreate; else with PutIfAbsent). Checks that exactly one wins,
/// every other gets Status::AlreadyExists, and the file holds the winner's bytes.
inline void ExpectOneCreatorWins(FileSystem& fs, const std::string& location, bool streamed,
                                 int threads = 16) {
  std::atomic<int> winner{-1};
  std::atomic<int> winners{0};
  std::atomic<int> taken{0};
  std::vector<std::string> errors(threads);
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      std::string text = "writer " + std::to_string(i);
      Status st;
      if (streamed) {
        auto out = fs.OpenForCreate(location);
        st = out.status();
        if (st.ok()) st = (*out)->Write(text.substr(0, 3));
        if (st.ok()) st = (*out)->Write(text.substr(3));
        if (st.ok()) st = (*out)->Close();
      } else {
        st = fs.PutIfAbsent(location, text);
      }
      if (st.ok()) {
        winners.fetch_add(1);
        winner.store(i);
      } else if (st.IsAlreadyExists() && st.IsConflict()) {
        taken.fetch_add(1);
      } else {
        errors[i] = st.ToString();
      }
    });
  }
  for (auto& t : workers) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(winners.load(), 1);
  EXPECT_EQ(taken.load(), threads - 1);
  auto content = fs.ReadFile(location);
  ASSERT_TRUE(content.ok()) << content.status().ToString();
  EXPECT_EQ(*content, "writer " + std::to_string(winner.load()));
}

}  // namespace delta::test
