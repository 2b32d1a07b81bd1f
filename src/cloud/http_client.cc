// Placeholder until the framework's http_client.cc lands on main (take main's on merge).
#include "cloud/http_client.h"

namespace delta::cloud {

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() != name.size()) continue;
    bool same = true;
    for (size_t i = 0; i < n.size() && same; ++i) {
      auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
      same = lower(n[i]) == lower(name[i]);
    }
    if (same) return v;
  }
  return {};
}

}  // namespace delta::cloud
