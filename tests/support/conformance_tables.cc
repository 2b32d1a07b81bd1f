#include "support/conformance_tables.h"

#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>

#ifndef DELTA_CONFORMANCE_DIR
#error "DELTA_CONFORMANCE_DIR must name the shared conformance directory"
#endif

namespace delta::test {
namespace {

namespace fs = std::filesystem;

// The per-process scratch directory and what was extracted into it.
class Extractions {
 public:
  ~Extractions() {
    if (!root_.empty()) {
      std::error_code ec;
      fs::remove_all(root_, ec);
    }
  }

  std::string Get(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = done_.find(name);
    if (it != done_.end()) return it->second;
    std::string path = Extract(name);
    done_[name] = path;
    return path;
  }

 private:
  std::string Root() {
    if (root_.empty()) {
      std::string tmpl = (fs::temp_directory_path() / "delta-conformance-XXXXXX").string();
      if (mkdtemp(tmpl.data()) == nullptr) {
        std::perror("mkdtemp");
        return "";
      }
      root_ = tmpl;
    }
    return root_;
  }

  static std::string Quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
      if (c == '\'') {
        out += "'\\''";
      } else {
        out += c;
      }
    }
    return out + "'";
  }

  std::string Extract(std::string name) {
    bool golden_only = false;
    bool tables_only = false;
    if (name.rfind("golden/", 0) == 0) {
      golden_only = true;
      name = name.substr(7);
    } else if (name.rfind("tables/", 0) == 0) {
      tables_only = true;
      name = name.substr(7);
    }
    const fs::path conf = ConformanceDir();
    const std::string root = Root();
    if (root.empty()) return "";
    // Golden and tables/ entries share names; keep them apart in the scratch directory.
    fs::path golden = conf / "golden" / (name + ".tar.zst");
    if (!tables_only && fs::exists(golden)) {
      fs::path dest = fs::path(root) / "golden";
      if (!Untar(golden, dest)) return "";
      return (dest / name / "delta").string();
    }
    if (golden_only) {
      std::fprintf(stderr, "no golden conformance table %s\n", name.c_str());
      return "";
    }
    fs::path dest = fs::path(root) / "tables";
    fs::path archive = conf / "tables" / (name + ".tar.zst");
    if (fs::exists(archive)) {
      if (!Untar(archive, dest)) return "";
      return (dest / name).string();
    }
    fs::path dir = conf / "tables" / name;
    if (fs::is_directory(dir)) {
      // "tables/x" and "x" name the same copy: reuse it rather than copy twice.
      if (fs::is_directory(dest / name)) return (dest / name).string();
      std::error_code ec;
      fs::create_directories(dest, ec);
      fs::copy(dir, dest / name, fs::copy_options::recursive, ec);
      if (ec) {
        std::fprintf(stderr, "copying %s: %s\n", dir.c_str(), ec.message().c_str());
        return "";
      }
      return (dest / name).string();
    }
    std::fprintf(stderr, "no conformance table %s under %s\n", name.c_str(), conf.c_str());
    return "";
  }

  static bool Untar(const fs::path& archive, const fs::path& dest) {
    std::error_code ec;
    fs::create_directories(dest, ec);
    std::string cmd = "tar --zstd -xf " + Quote(archive.string()) + " -C " + Quote(dest.string());
    if (std::system(cmd.c_str()) != 0) {
      std::fprintf(stderr, "failed: %s\n", cmd.c_str());
      return false;
    }
    return true;
  }

  std::mutex mu_;
  std::string root_;
  std::map<std::string, std::string> done_;
};

Extractions& Instance() {
  static Extractions instance;
  return instance;
}

}  // namespace

std::string ConformanceDir() { return DELTA_CONFORMANCE_DIR; }

bool HaveConformance() {
  static const bool have = [] {
    std::error_code ec;
    return fs::is_directory(ConformanceDir(), ec);
  }();
  return have;
}

std::string MissingConformanceMessage() {
  return "conformance tables not found: " + ConformanceDir() +
         " does not exist (only a checkout with ../shared/conformance beside it has them)";
}

std::string ExtractedTablePath(std::string name) { return Instance().Get(name); }

std::string LocalUri(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace delta::test
