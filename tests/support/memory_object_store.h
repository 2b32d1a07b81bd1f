// An in-memory ObjectStore for tests of the layers above the stores, recording the listings
// it was asked for.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "cloud/object_store.h"

namespace delta::testing {

class MemoryObjectStore final : public cloud::ObjectStore {
 public:
  struct ListCall {
    std::string prefix, start_after;
    bool recursive;
  };

  std::string Describe() const override { return "memory bucket 'b'"; }

  Result<std::vector<cloud::ObjectMeta>> List(std::string_view prefix, std::string_view start_after,
                                              bool recursive) override {
    std::lock_guard lock(mu_);
    lists.push_back({std::string(prefix), std::string(start_after), recursive});
    std::vector<cloud::ObjectMeta> out;
    for (const auto& [key, data] : objects) {
      if (!key.starts_with(prefix) || key <= start_after) continue;
      if (!recursive && key.find('/', prefix.size()) != std::string::npos) continue;
      out.push_back({key, static_cast<int64_t>(data.size()), 1000});
    }
    return out;
  }

  Result<std::string> Get(std::string_view key, int64_t offset, int64_t length) override {
    std::lock_guard lock(mu_);
    auto it = objects.find(std::string(key));
    if (it == objects.end()) return Status::NotFound("no key '" + std::string(key) + "'");
    if (length < 0) return it->second.substr(static_cast<size_t>(offset));
    return it->second.substr(static_cast<size_t>(offset), static_cast<size_t>(length));
  }

  Result<cloud::ObjectMeta> Head(std::string_view key) override {
    std::lock_guard lock(mu_);
    auto it = objects.find(std::string(key));
    if (it == objects.end()) return Status::NotFound("no key '" + std::string(key) + "'");
    return cloud::ObjectMeta{it->first, static_cast<int64_t>(it->second.size()), 1000};
  }

  Status Put(std::string_view key, std::string_view data, cloud::PutMode mode) override {
    std::lock_guard lock(mu_);
    if (mode == cloud::PutMode::kCreate && objects.count(std::string(key))) {
      return Status::AlreadyExists("key '" + std::string(key) + "' exists", std::string(key));
    }
    objects[std::string(key)] = std::string(data);
    return Status::OK();
  }

  Status Delete(std::string_view key) override {
    std::lock_guard lock(mu_);
    objects.erase(std::string(key));
    return Status::OK();
  }

  bool SupportsConditionalCreate() const override { return conditional; }

  std::map<std::string, std::string> objects;
  std::vector<ListCall> lists;
  bool conditional = true;

 private:
  std::mutex mu_;
};

}  // namespace delta::testing
