#include "log/checksum_file.h"

#include <simdjson.h>

#include "protocol/action_json.h"

namespace delta {

Result<VersionChecksum> ParseVersionChecksum(std::string_view json, std::string_view file) {
  auto bad = [&](std::string_view what) {
    return Status::InvalidTable("version checksum " + std::string(file) + ": " + std::string(what));
  };
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (json.data() == nullptr) json = std::string_view("", 0);  // memcpy(_, NULL, 0) is UB
  if (parser.parse(json.data(), json.size()).get(root)) return bad("not valid JSON");
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return bad("not a JSON object");
  VersionChecksum crc;
  bool has_size = false, has_files = false, has_protocol = false, has_metadata = false;
  for (auto [key, val] : obj) {
    if (key == "tableSizeBytes") {
      has_size = !val.get_int64().get(crc.table_size_bytes);
    } else if (key == "numFiles") {
      has_files = !val.get_int64().get(crc.num_files);
    } else if (key == "inCommitTimestampOpt") {
      int64_t t;
      if (!val.get_int64().get(t)) crc.in_commit_timestamp = t;
    } else if (key == "protocol") {
      auto p = ParseProtocolJson(simdjson::minify(val));
      if (!p.ok()) return bad(p.status().message());
      crc.protocol = std::move(*p);
      has_protocol = true;
    } else if (key == "metadata") {
      auto m = ParseMetadataJson(simdjson::minify(val));
      if (!m.ok()) return bad(m.status().message());
      crc.metadata = std::move(*m);
      has_metadata = true;
    } else if (key == "setTransactions") {
      simdjson::dom::array arr;
      if (val.get_array().get(arr)) continue;
      crc.set_transactions.emplace();
      for (auto t : arr) {
        SetTransaction txn;
        std::string_view app;
        if (t["appId"].get_string().get(app) || t["version"].get_int64().get(txn.version)) {
          return bad("malformed setTransactions entry");
        }
        txn.app_id = app;
        int64_t lu;
        if (!t["lastUpdated"].get_int64().get(lu)) txn.last_updated = lu;
        crc.set_transactions->push_back(std::move(txn));
      }
    } else if (key == "domainMetadata") {
      simdjson::dom::array arr;
      if (val.get_array().get(arr)) continue;
      crc.domain_metadata.emplace();
      for (auto d : arr) {
        DomainMetadata dm;
        std::string_view domain, config;
        if (d["domain"].get_string().get(domain) || d["configuration"].get_string().get(config)) {
          return bad("malformed domainMetadata entry");
        }
        dm.domain = domain;
        dm.configuration = config;
        bool removed = false;
        if (!d["removed"].get_bool().get(removed)) dm.removed = removed;
        crc.domain_metadata->push_back(std::move(dm));
      }
    }
  }
  if (!has_size || !has_files || !has_protocol || !has_metadata) {
    return bad("missing one of tableSizeBytes, numFiles, protocol, metadata");
  }
  return crc;
}

}  // namespace delta
