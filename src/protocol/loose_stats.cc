#include "protocol/loose_stats.h"

namespace delta {

std::string LooseStats(std::string_view stats) {
  if (stats.empty()) return {};
  std::string out(stats);
  static constexpr std::string_view kTight = "\"tightBounds\":true";
  if (size_t at = out.find(kTight); at != std::string::npos) {
    out.replace(at, kTight.size(), "\"tightBounds\":false");
    return out;
  }
  if (out.find("\"tightBounds\"") != std::string::npos) return out;
  size_t close = out.rfind('}');
  if (close == std::string::npos) return out;
  bool empty_object = out.find_first_not_of(" \t\r\n", out.find('{') + 1) == close;
  out.insert(close, empty_object ? "\"tightBounds\":false" : ",\"tightBounds\":false");
  return out;
}

}  // namespace delta
