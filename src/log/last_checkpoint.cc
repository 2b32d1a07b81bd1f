#include "log/last_checkpoint.h"

#include <simdjson.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "delta/json_writer.h"
#include "util/md5.h"

namespace delta {
namespace {

namespace od = simdjson::ondemand;

// Percent-encodes every octet but A-Z a-z 0-9 - . _ ~, with upper-case hex digits.
std::string ChecksumEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out.push_back('"');
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string Join(const std::string& path, const std::string& segment) {
  return path.empty() ? segment : path + "+" + segment;
}

simdjson::error_code Walk(od::value value, const std::string& path, bool top, Pairs* out) {
  od::json_type type;
  if (auto err = value.type().get(type)) return err;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (auto err = value.get_object().get(obj)) return err;
      for (auto field : obj) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key)) return err;
        if (top && key == "checksum") continue;
        std::string child = Join(path, ChecksumEncode(key));
        if (auto err = Walk(field.value(), child, false, out)) return err;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array arr;
      if (auto err = value.get_array().get(arr)) return err;
      size_t i = 0;
      for (auto element : arr) {
        od::value v;
        if (auto err = element.get(v)) return err;
        if (auto err = Walk(v, Join(path, std::to_string(i++)), false, out)) return err;
      }
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto err = value.get_string().get(s)) return err;
      out->emplace_back(path, ChecksumEncode(s));
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                              raw.back() == '\t')) {
        raw.remove_suffix(1);
      }
      out->emplace_back(path, std::string(raw));
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (auto err = value.get_bool().get(b)) return err;
      out->emplace_back(path, b ? "true" : "false");
      return simdjson::SUCCESS;
    }
    case od::json_type::null:
      out->emplace_back(path, "null");
      return simdjson::SUCCESS;
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

}  // namespace

Result<std::string> CanonicalChecksumJson(std::string_view json) {
  simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  Pairs pairs;
  simdjson::error_code err = parser.iterate(padded).get(doc);
  od::value root;
  if (!err) err = doc.get_value().get(root);
  if (!err) err = Walk(root, "", true, &pairs);
  if (err) {
    return Status::InvalidArgument(std::string("not JSON: ") + simdjson::error_message(err));
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [path, value] : pairs) {
    if (!out.empty()) out.push_back(',');
    out += path;
    out.push_back('=');
    out += value;
  }
  return out;
}

Result<std::string> LastCheckpointChecksum(std::string_view json) {
  DELTA_ASSIGN_OR_RETURN(std::string canonical, CanonicalChecksumJson(json));
  return Md5Hex(canonical);
}

std::string EncodeLastCheckpoint(const LastCheckpointInfo& info) {
  auto body = [&](JsonWriter& w) {
    w.Key("version").Int(info.version);
    w.Key("size").Int(info.size);
    if (info.parts) w.Key("parts").Int(*info.parts);
    if (info.size_in_bytes) w.Key("sizeInBytes").Int(*info.size_in_bytes);
    if (info.num_of_add_files) w.Key("numOfAddFiles").Int(*info.num_of_add_files);
    if (info.checkpoint_schema) w.Key("checkpointSchema").RawValue(*info.checkpoint_schema);
    if (info.v2_checkpoint) {
      const LastCheckpointV2& v2 = *info.v2_checkpoint;
      w.Key("v2Checkpoint").BeginObject();
      w.Key("path").String(v2.path);
      w.Key("sizeInBytes").Int(v2.size_in_bytes);
      w.Key("modificationTime").Int(v2.modification_time);
      auto list = [&w](std::string_view key, const std::optional<std::vector<std::string>>& l) {
        if (!l) return;
        w.Key(key).BeginArray();
        for (const std::string& json : *l) w.RawValue(json);
        w.EndArray();
      };
      list("nonFileActions", v2.non_file_actions);
      list("sidecarFiles", v2.sidecar_files);
      w.EndObject();
    }
  };
  JsonWriter plain;
  plain.BeginObject();
  body(plain);
  plain.EndObject();
  // Our own JSON always parses: the checksum cannot fail.
  std::string checksum = LastCheckpointChecksum(plain.str()).value_or("");
  JsonWriter w;
  w.BeginObject();
  body(w);
  w.Key("checksum").String(checksum);
  w.EndObject();
  return w.Take();
}

}  // namespace delta
