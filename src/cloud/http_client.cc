#include "cloud/http_client.h"

#include "util/ascii.h"

namespace delta::cloud {

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

}  // namespace delta::cloud
