// An OutputStream that keeps the bytes in memory and publishes them whole on Close(): for
// storage whose create-if-absent takes the complete object in one call.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "delta/file_system.h"

namespace delta {

class BufferedOutputStream : public OutputStream {
 public:
  explicit BufferedOutputStream(std::string location) : location_(std::move(location)) {}

  Status Write(std::string_view data) final;
  /// Publishes the bytes, unless a Write failed: a partial file is never published.
  Status Close() final;

 protected:
  /// Makes `data` the content of location(), with OpenForCreate's guarantees.
  virtual Status Publish(std::string data) = 0;
  const std::string& location() const { return location_; }

 private:
  std::string location_;
  std::string data_;
  Status failed_;
  bool closed_ = false;
};

}  // namespace delta
