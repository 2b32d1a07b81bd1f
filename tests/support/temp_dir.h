// A private temporary directory for a test, removed with everything in it when it goes.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "support/conformance_tables.h"

namespace delta::test {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "delta-test") {
    std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    EXPECT_NE(::mkdtemp(templ.data()), nullptr);
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// The directory as a "file://" URI.
  std::string uri() const { return LocalUri(path_); }

 private:
  std::string path_;
};

}  // namespace delta::test
