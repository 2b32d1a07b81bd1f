// Derived fields of typed actions: numRecords from raw stats, feature lookups.
#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "delta/actions.h"

namespace delta {

namespace {

// Writers put numRecords first: `{"numRecords":123,...`. Reads that spelling directly (scan
// planning asks for every file, and a full JSON pass over each file's stats showed up in
// profiles); nullopt when the stats start any other way.
std::optional<int64_t> LeadingNumRecords(std::string_view stats) {
  constexpr std::string_view kPrefix = "{\"numRecords\":";
  if (!stats.starts_with(kPrefix)) return std::nullopt;
  size_t i = kPrefix.size();
  int64_t n = 0;
  size_t digits = 0;
  for (; i < stats.size() && stats[i] >= '0' && stats[i] <= '9'; ++i, ++digits) {
    if (digits == 18) return std::nullopt;  // leave overflow checks to the full parser
    n = n * 10 + (stats[i] - '0');
  }
  if (digits == 0 || i == stats.size() || (stats[i] != ',' && stats[i] != '}')) {
    return std::nullopt;
  }
  if (digits > 1 && stats[kPrefix.size()] == '0') return std::nullopt;  // not JSON: no verdict
  return n;
}

}  // namespace

std::optional<int64_t> AddFile::NumRecords() const {
  if (stats.empty()) return std::nullopt;
  if (std::optional<int64_t> n = LeadingNumRecords(stats)) return n;
  // simdjson needs padding after the input; stats live in an arena without it, so copy into a
  // per-thread buffer (one allocation per thread, reused).
  thread_local simdjson::ondemand::parser parser;
  thread_local std::string buffer;
  buffer.reserve(stats.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(stats);
  simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
  simdjson::ondemand::document doc;
  if (parser.iterate(input).get(doc) != simdjson::SUCCESS) return std::nullopt;
  simdjson::ondemand::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return std::nullopt;
  int64_t n = 0;
  if (object.find_field_unordered("numRecords").get_int64().get(n) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (n < 0) return std::nullopt;
  return n;
}

bool Protocol::HasReaderFeature(std::string_view f) const {
  return reader_features.has_value() &&
         std::find(reader_features->begin(), reader_features->end(), f) != reader_features->end();
}

bool Protocol::HasWriterFeature(std::string_view f) const {
  return writer_features.has_value() &&
         std::find(writer_features->begin(), writer_features->end(), f) != writer_features->end();
}

}  // namespace delta
