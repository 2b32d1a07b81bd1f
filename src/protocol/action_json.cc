#include "protocol/action_json.h"

#include <simdjson.h>

#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "delta/json_writer.h"
#include "dv/descriptor.h"
#include "protocol/action_schema.h"
#include "protocol/path_safety.h"
#include "util/printable.h"

namespace delta {
namespace {

namespace od = simdjson::ondemand;

// Where we are, for error messages.
struct Ctx {
  std::string_view file;
  size_t line = 0;

  Status Error(std::string_view what) const {
    std::string msg = std::string(what);
    msg += " (";
    msg += file;
    if (line > 0) {
      msg += ", line ";
      msg += std::to_string(line);
    }
    msg += ")";
    return Status::InvalidTable(std::move(msg));
  }
  Status JsonError(std::string_view what, simdjson::error_code e) const {
    return Error(std::string(what) + ": " + simdjson::error_message(e));
  }
};

#define JSON_TRY(expr, what)                                  \
  do {                                                        \
    if (auto _e = (expr); _e) return ctx.JsonError(what, _e); \
  } while (false)

// A file path from the log names no location outside the table by its spelling.
Status CheckActionPath(const Ctx& ctx, std::string_view action, std::string_view path) {
  Status st = CheckLogPath(path);
  if (st.ok()) return st;
  return ctx.Error(std::string(action) + " path '" + Printable(path) + "' " + st.message());
}

// Value of a field that may be null: returns true if null (and consumes it).
bool IsNull(od::value& v) {
  bool is_null = false;
  return !v.is_null().get(is_null) && is_null;
}

// A field's name in messages: "add.size", or just "tags" / "deletionVector.offset" where the
// decoder has always named it so. Built only when there is an error to report.
struct FieldPath {
  std::string_view where;  // empty: `name` alone
  std::string_view name;

  std::string str() const {
    if (where.empty()) return std::string(name);
    std::string s(where);
    s += '.';
    s += name;
    return s;
  }
};

Status ReadString(od::value& v, const Ctx& ctx, const FieldPath& field, std::string_view* out) {
  JSON_TRY(v.get_string().get(*out), "field '" + field.str() + "' is not a string");
  return Status::OK();
}

Status ReadInt64(od::value& v, const Ctx& ctx, const FieldPath& field, int64_t* out) {
  JSON_TRY(v.get_int64().get(*out), "field '" + field.str() + "' is not an integer");
  return Status::OK();
}

Status ReadBool(od::value& v, const Ctx& ctx, const FieldPath& field, bool* out) {
  JSON_TRY(v.get_bool().get(*out), "field '" + field.str() + "' is not a boolean");
  return Status::OK();
}

Status ReadOptInt64(od::value& v, const Ctx& ctx, const FieldPath& field,
                    std::optional<int64_t>* out) {
  if (IsNull(v)) {
    out->reset();
    return Status::OK();
  }
  int64_t x = 0;
  DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, field, &x));
  *out = x;
  return Status::OK();
}

// Scratch space reused across rows on one thread.
struct Scratch {
  std::vector<PartitionValue> pairs;
};

// A string value of a map, or the raw token of a number or boolean: be lenient with writers
// that emit those.
std::string_view MapValueText(od::value& val) {
  std::string_view s;
  if (val.get_string().get(s)) {
    std::string_view raw = val.raw_json_token();
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.remove_suffix(1);
    s = raw;
  }
  return s;
}

// A JSON object of string -> string|null, copied into the arena.
Status ReadStringMapToArena(od::value& v, const Ctx& ctx, const FieldPath& field, Arena* arena,
                            std::vector<PartitionValue>* scratch,
                            std::span<const PartitionValue>* out) {
  if (IsNull(v)) {
    *out = {};
    return Status::OK();
  }
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field '" + field.str() + "' is not an object");
  scratch->clear();
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in '" + field.str() + "'");
    PartitionValue pv;
    pv.column = arena->Copy(key);
    od::value val;
    JSON_TRY(f.value().get(val), "bad value in '" + field.str() + "'");
    if (!IsNull(val)) pv.value = arena->Copy(MapValueText(val));
    scratch->push_back(pv);
  }
  auto arr = arena->AllocateArray<PartitionValue>(scratch->size());
  std::copy(scratch->begin(), scratch->end(), arr.begin());
  *out = arr;
  return Status::OK();
}

// Tags are named "tags" in messages, whichever action holds them.
Status ReadTags(od::value& v, const Ctx& ctx, Arena* arena, Scratch* scratch,
                std::span<const KeyValue>* out) {
  std::span<const PartitionValue> pvs;
  DELTA_RETURN_NOT_OK(
      ReadStringMapToArena(v, ctx, FieldPath{{}, "tags"}, arena, &scratch->pairs, &pvs));
  // PartitionValue and KeyValue share their layout; copy to keep the types honest.
  auto arr = arena->AllocateArray<KeyValue>(pvs.size());
  for (size_t i = 0; i < pvs.size(); ++i) arr[i] = KeyValue{pvs[i].column, pvs[i].value};
  *out = arr;
  return Status::OK();
}

Status ReadStdStringMap(od::value& v, const Ctx& ctx, const FieldPath& field,
                        std::map<std::string, std::string>* out) {
  if (IsNull(v)) return Status::OK();
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field '" + field.str() + "' is not an object");
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in '" + field.str() + "'");
    od::value val;
    JSON_TRY(f.value().get(val), "bad value in '" + field.str() + "'");
    if (IsNull(val)) continue;  // a null configuration value means "unset"
    (*out)[std::string(key)] = std::string(MapValueText(val));
  }
  return Status::OK();
}

Status ReadStringArray(od::value& v, const Ctx& ctx, const FieldPath& field,
                       std::vector<std::string>* out) {
  od::array arr;
  JSON_TRY(v.get_array().get(arr), "field '" + field.str() + "' is not an array");
  for (auto elem : arr) {
    std::string_view s;
    JSON_TRY(elem.get_string().get(s), "element of '" + field.str() + "' is not a string");
    out->emplace_back(s);
  }
  return Status::OK();
}

// --- table-driven decoding (action_schema.h) ---------------------------------------------------

using action_schema::FieldBit;
using action_schema::InlineStruct;
using action_schema::MemberField;
using action_schema::PointerStruct;
using action_schema::RequiredBits;
using action_schema::UnmappedField;

struct DecodeEnv {
  const Ctx& ctx;
  Arena* arena;
  Scratch* scratch;
};

using action_schema::kIsOptional;

// One field's value into its member. Optional scalars take null as absent; maps and lists
// always do; a required scalar that is null is a type error.
template <typename Owner, typename M>
Status DecodeField(const MemberField<Owner, M>& f, od::value& v, std::string_view where, Owner* o,
                   DecodeEnv& env) {
  const FieldPath path{where, f.name};
  const Ctx& ctx = env.ctx;
  M& m = o->*f.member;
  if constexpr (std::is_same_v<M, std::span<const PartitionValue>>) {
    return ReadStringMapToArena(v, ctx, path, env.arena, &env.scratch->pairs, &m);
  } else if constexpr (std::is_same_v<M, std::span<const KeyValue>>) {
    return ReadTags(v, ctx, env.arena, env.scratch, &m);
  } else if constexpr (std::is_same_v<M, std::map<std::string, std::string>>) {
    return ReadStdStringMap(v, ctx, path, &m);
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    return IsNull(v) ? Status::OK() : ReadStringArray(v, ctx, path, &m);
  } else if constexpr (std::is_same_v<M, std::optional<std::vector<std::string>>>) {
    if (IsNull(v)) return Status::OK();
    m.emplace();
    return ReadStringArray(v, ctx, path, &*m);
  } else if constexpr (std::is_same_v<M, std::optional<int64_t>>) {
    return ReadOptInt64(v, ctx, path, &m);
  } else {
    if (!f.required && IsNull(v)) return Status::OK();
    if constexpr (std::is_same_v<M, std::string_view>) {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, path, &s));
      m = env.arena->Copy(s);
    } else if constexpr (std::is_same_v<M, std::string> ||
                         std::is_same_v<M, std::optional<std::string>>) {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, path, &s));
      m = std::string(s);
    } else if constexpr (std::is_same_v<M, int64_t>) {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, path, &m));
    } else if constexpr (std::is_same_v<M, int32_t>) {
      int64_t x = 0;
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, path, &x));
      m = static_cast<int32_t>(x);
    } else {
      static_assert(std::is_same_v<M, bool>, "no JSON decoder for this member type");
      DELTA_RETURN_NOT_OK(ReadBool(v, ctx, path, &m));
    }
    return Status::OK();
  }
}

template <typename Owner>
Status DecodeField(const UnmappedField&, od::value&, std::string_view, Owner*, DecodeEnv&) {
  return Status::OK();
}

// The tables are template arguments from here on, so each key is compared with a constant
// (as a hand-written if-chain would), also inside nested structs.
template <const auto& kFields, typename Owner>
Status DecodeFields(od::object obj, std::string_view where, Owner* o, DecodeEnv& env,
                    uint32_t* seen);

// Fields are named to templates as (table, index), never as a reference to the tuple element
// itself: GCC 12 mangles a reference to a std::tuple element without its index, so two
// elements' instantiations would get one symbol (the assembler refuses them in unoptimised
// builds). A nested table is named through its one enclosing field, unique in its table.

// A struct whose fields are members of the owner itself (metaData.format).
template <const auto& kFields, size_t I, typename Owner>
Status DecodeInlineStruct(od::value& v, std::string_view where, Owner* o, DecodeEnv& env) {
  constexpr const auto& kField = std::get<I>(kFields);
  const std::string path = FieldPath{where, kField.name}.str();
  const Ctx& ctx = env.ctx;
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field '" + path + "' is not an object");
  uint32_t seen = 0;
  return DecodeFields<kField.fields>(obj, path, o, env, &seen);
}

// The deletion vector: the raw descriptor's fields, then its checks; named without the action.
template <const auto& kFields, size_t I, typename Owner>
Status DecodeDeletionVector(od::value& v, Owner* o, DecodeEnv& env) {
  constexpr const auto& kField = std::get<I>(kFields);
  const Ctx& ctx = env.ctx;
  const DeletionVectorDescriptor*& out = o->*kField.member;
  if (IsNull(v)) {
    out = nullptr;
    return Status::OK();
  }
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field '" + std::string(kField.name) + "' is not an object");
  typename std::remove_cvref_t<decltype(kField.nested)>::Type raw;
  uint32_t seen = 0;
  DELTA_RETURN_NOT_OK(DecodeFields<kField.nested.fields>(obj, kField.name, &raw, env, &seen));
  constexpr uint32_t kRequiredBits = RequiredBits(kField.nested);
  if ((seen & kRequiredBits) != kRequiredBits) {
    std::string names;
    std::apply(
        [&](const auto&... g) {
          ((g.required ? (names += names.empty() ? "" : ", ", names += g.name, 0) : 0), ...);
        },
        kField.nested.fields);
    return ctx.Error(std::string(kField.name) + " lacks a required field (" + names + ")");
  }
  Result<DeletionVectorDescriptor> dv = CheckDeletionVectorDescriptor(raw);
  if (!dv.ok()) return ctx.Error(dv.status().message());
  out = env.arena->New<DeletionVectorDescriptor>(*dv);
  return Status::OK();
}

template <const auto& kFields, size_t I, typename Owner>
Status DecodeAnyField(od::value& v, std::string_view where, Owner* o, DecodeEnv& env) {
  constexpr const auto& kField = std::get<I>(kFields);
  if constexpr (requires { kField.fields; }) {
    return DecodeInlineStruct<kFields, I>(v, where, o, env);
  } else if constexpr (requires { kField.nested; }) {
    return DecodeDeletionVector<kFields, I>(v, o, env);
  } else {
    return DecodeField(kField, v, where, o, env);
  }
}

// Dispatches on the key with a fold over the fields: the if-chain one would write by hand.
template <const auto& kFields, typename Owner, size_t... I>
Status DecodeKey(std::string_view key, od::value& v, std::string_view where, Owner* o,
                 DecodeEnv& env, uint32_t* seen, std::index_sequence<I...>) {
  Status st;
  (void)((std::get<I>(kFields).name == key &&
          (st = DecodeAnyField<kFields, I>(v, where, o, env), *seen |= uint32_t{1} << I, true)) ||
         ...);
  return st;
}

template <const auto& kFields, typename Owner>
Status DecodeFields(od::object obj, std::string_view where, Owner* o, DecodeEnv& env,
                    uint32_t* seen) {
  const Ctx& ctx = env.ctx;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in '" + std::string(where) + "'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in '" + std::string(where) + "'");
    DELTA_RETURN_NOT_OK(DecodeKey<kFields>(
        key, v, where, o, env, seen,
        std::make_index_sequence<std::tuple_size_v<std::remove_cvref_t<decltype(kFields)>>>{}));
  }
  return Status::OK();
}

// Decodes `obj` as action `schema`; `seen` gets the bit of each field present.
template <const auto& kSchema>
Status DecodeAction(od::object obj, DecodeEnv& env,
                    typename std::remove_cvref_t<decltype(kSchema)>::Type* out, uint32_t* seen) {
  return DecodeFields<kSchema.fields>(obj, kSchema.name, out, env, seen);
}

// --- per-action checks (the messages tests and users rely on) -------------------------------

namespace as = action_schema;

Status CheckAdd(const AddFile& add, uint32_t seen, const Ctx& ctx) {
  if (add.path.empty()) return ctx.Error("add action has no path");
  DELTA_RETURN_NOT_OK(CheckActionPath(ctx, "add", add.path));
  if (!(seen & FieldBit(as::kAdd, "size"))) {
    return ctx.Error("add action for '" + std::string(add.path) + "' has no size");
  }
  return Status::OK();
}

Status CheckRemove(const RemoveFile& rm, uint32_t, const Ctx& ctx) {
  if (rm.path.empty()) return ctx.Error("remove action has no path");
  return CheckActionPath(ctx, "remove", rm.path);
}

Status CheckCdc(const AddCdcFile& cdc, uint32_t, const Ctx& ctx) {
  if (cdc.path.empty()) return ctx.Error("cdc action has no path");
  return CheckActionPath(ctx, "cdc", cdc.path);
}

Status CheckProtocol(const Protocol&, uint32_t seen, const Ctx& ctx) {
  constexpr uint32_t kVersions =
      FieldBit(as::kProtocol, "minReaderVersion") | FieldBit(as::kProtocol, "minWriterVersion");
  if ((seen & kVersions) != kVersions) {
    return ctx.Error("protocol action lacks minReaderVersion or minWriterVersion");
  }
  return Status::OK();
}

// A missing schemaString stays empty: old writers produced such logs and the reference
// implementation reads them as an empty schema (see Finish in log/replay.cc).
Status CheckMetadata(const Metadata&, uint32_t seen, const Ctx& ctx) {
  if (!(seen & FieldBit(as::kMetadata, "id"))) return ctx.Error("metaData action has no id");
  return Status::OK();
}

Status CheckTxn(const SetTransaction&, uint32_t seen, const Ctx& ctx) {
  constexpr uint32_t kNeeded = FieldBit(as::kTxn, "appId") | FieldBit(as::kTxn, "version");
  if ((seen & kNeeded) != kNeeded) return ctx.Error("txn action lacks appId or version");
  return Status::OK();
}

Status CheckDomainMetadata(const DomainMetadata&, uint32_t seen, const Ctx& ctx) {
  constexpr uint32_t kNeeded =
      FieldBit(as::kDomainMetadata, "domain") | FieldBit(as::kDomainMetadata, "configuration");
  if ((seen & kNeeded) != kNeeded) {
    return ctx.Error("domainMetadata action lacks domain or configuration");
  }
  return Status::OK();
}

Status CheckCheckpointMetadata(const CheckpointMetadata&, uint32_t seen, const Ctx& ctx) {
  if (!(seen & FieldBit(as::kCheckpointMetadata, "version"))) {
    return ctx.Error("checkpointMetadata action has no version");
  }
  return Status::OK();
}

Status CheckSidecar(const SidecarFile& s, uint32_t seen, const Ctx& ctx) {
  if (s.path.empty() || !(seen & FieldBit(as::kSidecar, "sizeInBytes"))) {
    return ctx.Error("sidecar action lacks path or sizeInBytes");
  }
  return CheckActionPath(ctx, "sidecar", s.path);
}

// Decodes and checks one action object.
template <const auto& kSchema, typename CheckFn>
Status ParseAction(od::object obj, CheckFn check, DecodeEnv& env,
                   typename std::remove_cvref_t<decltype(kSchema)>::Type* out) {
  uint32_t seen = 0;
  DELTA_RETURN_NOT_OK(DecodeAction<kSchema>(obj, env, out, &seen));
  return check(*out, seen, env.ctx);
}

// JSON text of a DOM element: strings unquoted, everything else minified.
std::string ElementText(simdjson::dom::element e) {
  if (e.is_string()) return std::string(std::string_view(e.get_string().value_unsafe()));
  return simdjson::minify(e);
}

Status ParseLine(od::parser& parser, std::string_view line, size_t readable, const Ctx& ctx,
                 ActionBatch* out, Scratch* scratch) {
  od::document doc;
  JSON_TRY(parser.iterate(line.data(), line.size(), readable).get(doc), "invalid JSON");
  od::object obj;
  JSON_TRY(doc.get_object().get(obj), "line is not a JSON object");
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "invalid JSON key");
    od::value v;
    JSON_TRY(f.value().get(v), "invalid JSON value");
    od::json_type type;
    JSON_TRY(v.type().get(type), "invalid JSON value for '" + std::string(key) + "'");
    bool known = key == as::kAdd.name || key == as::kRemove.name || key == as::kMetadata.name ||
                 key == as::kProtocol.name || key == as::kTxn.name || key == as::kCommitInfo.name ||
                 key == as::kCdc.name || key == as::kDomainMetadata.name ||
                 key == as::kCheckpointMetadata.name || key == as::kSidecar.name;
    if (!known) continue;  // forward compatibility: unknown actions are ignored
    if (type == od::json_type::null) continue;
    if (type != od::json_type::object) {
      return ctx.Error("action '" + std::string(key) + "' is not a JSON object");
    }
    od::object a;
    JSON_TRY(v.get_object().get(a), "action '" + std::string(key) + "' is not a JSON object");
    DecodeEnv env{ctx, &out->arena, scratch};
    if (key == as::kAdd.name) {
      AddFile add;
      DELTA_RETURN_NOT_OK(ParseAction<as::kAdd>(a, CheckAdd, env, &add));
      out->file_action_order.push_back(static_cast<int32_t>(out->adds.size()));
      out->adds.push_back(add);
    } else if (key == as::kRemove.name) {
      RemoveFile rm;
      DELTA_RETURN_NOT_OK(ParseAction<as::kRemove>(a, CheckRemove, env, &rm));
      out->file_action_order.push_back(-static_cast<int32_t>(out->removes.size()) - 1);
      out->removes.push_back(rm);
    } else if (key == as::kMetadata.name) {
      if (out->metadata) return ctx.Error("more than one metaData action in one version");
      Metadata m;
      DELTA_RETURN_NOT_OK(ParseAction<as::kMetadata>(a, CheckMetadata, env, &m));
      out->metadata = std::move(m);
    } else if (key == as::kProtocol.name) {
      if (out->protocol) return ctx.Error("more than one protocol action in one version");
      Protocol p;
      DELTA_RETURN_NOT_OK(ParseAction<as::kProtocol>(a, CheckProtocol, env, &p));
      out->protocol = std::move(p);
    } else if (key == as::kTxn.name) {
      SetTransaction t;
      DELTA_RETURN_NOT_OK(ParseAction<as::kTxn>(a, CheckTxn, env, &t));
      out->txns.push_back(std::move(t));
    } else if (key == as::kCdc.name) {
      AddCdcFile c;
      DELTA_RETURN_NOT_OK(ParseAction<as::kCdc>(a, CheckCdc, env, &c));
      out->cdcs.push_back(c);
    } else if (key == as::kDomainMetadata.name) {
      DomainMetadata d;
      DELTA_RETURN_NOT_OK(ParseAction<as::kDomainMetadata>(a, CheckDomainMetadata, env, &d));
      out->domain_metadata.push_back(std::move(d));
    } else if (key == as::kCheckpointMetadata.name) {
      CheckpointMetadata c;
      DELTA_RETURN_NOT_OK(
          ParseAction<as::kCheckpointMetadata>(a, CheckCheckpointMetadata, env, &c));
      out->checkpoint_metadata = std::move(c);
    } else if (key == as::kSidecar.name) {
      SidecarFile s;
      DELTA_RETURN_NOT_OK(ParseAction<as::kSidecar>(a, CheckSidecar, env, &s));
      out->sidecars.push_back(std::move(s));
    } else if (key == as::kCommitInfo.name) {
      std::string_view raw;
      JSON_TRY(a.raw_json().get(raw), "invalid commitInfo");
      auto ci = ParseCommitInfoJson(raw);
      if (!ci.ok()) return ctx.Error(ci.status().message());
      out->commit_info = std::move(*ci);
    }
  }
  return Status::OK();
}

}  // namespace

void PadJsonBuffer(std::string* data) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end of the input.
  if (data->capacity() >= data->size() + simdjson::SIMDJSON_PADDING) return;
  // Not data->reserve(): on a full string libstdc++ at least doubles the capacity, so a 33 MB
  // commit took 66 MB. A fresh string gets exactly what it asks for.
  std::string padded;
  padded.reserve(data->size() + simdjson::SIMDJSON_PADDING);
  padded.append(*data);
  *data = std::move(padded);
}

// One action per line: the biggest real ones (a metaData with a very wide schema, a commitInfo
// with a long predicate) take megabytes. The parser needs several bytes per byte of a line.
constexpr size_t kMaxJsonLineBytes = size_t{256} << 20;
// A pool thread keeps its parser's buffers between files; past this they are given back.
constexpr size_t kMaxRetainedParserBytes = size_t{64} << 20;

Status ParseJsonActionRange(const std::string& data, size_t begin, size_t end, size_t first_line,
                            std::string_view file, ActionBatch* out) {
  thread_local od::parser parser;
  // After a very long line, free the parser's buffers rather than keep them per thread.
  struct Shrink {
    ~Shrink() {
      if (parser.capacity() > kMaxRetainedParserBytes) parser = od::parser();
    }
  } shrink;
  thread_local Scratch scratch;
  Ctx ctx{file, first_line - 1};
  const char* base = data.data();
  size_t pos = begin;
  while (pos < end) {
    ++ctx.line;
    const void* nl = std::memchr(base + pos, '\n', end - pos);
    size_t line_end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : end;
    std::string_view line(base + pos, line_end - pos);
    size_t readable = data.capacity() - pos;
    pos = line_end + 1;
    // Skip blank lines (and a trailing '\r').
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (line.size() > kMaxJsonLineBytes) {
      return ctx.Error("line of " + std::to_string(line.size()) + " bytes, more than the " +
                       std::to_string(kMaxJsonLineBytes) + " an action may take");
    }
    DELTA_RETURN_NOT_OK(ParseLine(parser, line, readable, ctx, out, &scratch));
  }
  return Status::OK();
}

Status ParseJsonActions(std::string* data, std::string_view file, ActionBatch* out) {
  PadJsonBuffer(data);
  return ParseJsonActionRange(*data, 0, data->size(), 1, file, out);
}

Result<CommitInfo> ParseCommitInfoJson(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root); e) {
    return Status::InvalidTable(std::string("invalid commitInfo JSON: ") +
                                simdjson::error_message(e));
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return Status::InvalidTable("commitInfo is not an object");
  CommitInfo ci;
  ci.json = std::string(json);
  for (auto [key, val] : obj) {
    if (key == "timestamp") {
      int64_t t;
      if (!val.get_int64().get(t)) ci.timestamp = t;
    } else if (key == "inCommitTimestamp") {
      int64_t t;
      if (val.get_int64().get(t)) {
        return Status::InvalidTable("commitInfo.inCommitTimestamp is not an integer");
      }
      ci.in_commit_timestamp = t;
    } else if (key == "operation") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.operation = std::string(s);
    } else if (key == "operationParameters") {
      simdjson::dom::object params;
      if (!val.get_object().get(params)) {
        for (auto [pk, pv] : params) ci.operation_parameters[std::string(pk)] = ElementText(pv);
      }
    } else if (key == "engineInfo") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.engine_info = std::string(s);
    } else if (key == "isBlindAppend") {
      bool b;
      if (!val.get_bool().get(b)) ci.is_blind_append = b;
    } else if (key == "readVersion") {
      int64_t v;
      if (!val.get_int64().get(v)) ci.read_version = v;
    } else if (key == "isolationLevel") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.isolation_level = std::string(s);
    }
  }
  return ci;
}

namespace {
template <const auto& kSchema, typename CheckFn>
Result<typename std::remove_cvref_t<decltype(kSchema)>::Type> ParseStandalone(std::string_view json,
                                                                              CheckFn check) {
  if (json.data() == nullptr) json = std::string_view("", 0);  // memcpy(_, NULL, 0) is UB
  simdjson::padded_string padded(json);
  od::parser parser;
  Ctx ctx{kSchema.name, 0};
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc); e) return ctx.JsonError("invalid JSON", e);
  od::object obj;
  if (auto e = doc.get_object().get(obj); e) return ctx.JsonError("not a JSON object", e);
  Arena arena;  // protocol and metaData own their strings; nothing lands here
  Scratch scratch;
  DecodeEnv env{ctx, &arena, &scratch};
  typename std::remove_cvref_t<decltype(kSchema)>::Type out;
  DELTA_RETURN_NOT_OK(ParseAction<kSchema>(obj, check, env, &out));
  return out;
}
}  // namespace

Result<Protocol> ParseProtocolJson(std::string_view json) {
  return ParseStandalone<action_schema::kProtocol>(json, CheckProtocol);
}

Result<Metadata> ParseMetadataJson(std::string_view json) {
  return ParseStandalone<action_schema::kMetadata>(json, CheckMetadata);
}

// --- encoding (the inverse of the decoding above, from the same tables) -----------------------

namespace {

template <typename Entries>
void EncodeEntries(const Entries& entries, JsonWriter* w) {
  w->BeginObject();
  for (const auto& e : entries) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e)>, PartitionValue>) {
      w->Key(e.column);
    } else {
      w->Key(e.key);
    }
    if (e.value) {
      w->String(*e.value);
    } else {
      w->Null();
    }
  }
  w->EndObject();
}

template <typename M>
void EncodeValue(const M& m, JsonWriter* w) {
  if constexpr (kIsOptional<M>) {
    EncodeValue(*m, w);
  } else if constexpr (std::is_same_v<M, std::string_view> || std::is_same_v<M, std::string>) {
    w->String(m);
  } else if constexpr (std::is_same_v<M, bool>) {
    w->Bool(m);
  } else if constexpr (std::is_integral_v<M>) {
    w->Int(m);
  } else if constexpr (std::is_same_v<M, std::map<std::string, std::string>>) {
    w->BeginObject();
    for (const auto& [k, v] : m) w->Key(k).String(v);
    w->EndObject();
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    w->BeginArray();
    for (const std::string& s : m) w->String(s);
    w->EndArray();
  } else {
    EncodeEntries(m, w);  // partition values or tags
  }
}

template <typename Owner, typename... Fields>
void EncodeFields(const std::tuple<Fields...>& fields, const Owner& o, JsonWriter* w);

template <typename Owner, typename M>
void EncodeField(const MemberField<Owner, M>& f, const Owner& o, JsonWriter* w) {
  if (!action_schema::IsWritten(f, o)) return;
  w->Key(f.name);
  EncodeValue(o.*f.member, w);
}

template <typename Owner>
void EncodeField(const UnmappedField& f, const Owner&, JsonWriter* w) {
  if (f.write_empty) w->Key(f.name).BeginObject().EndObject();
}

template <typename Owner, typename... Fields>
void EncodeField(const InlineStruct<Fields...>& f, const Owner& o, JsonWriter* w) {
  w->Key(f.name).BeginObject();
  EncodeFields(f.fields, o, w);
  w->EndObject();
}

template <typename Owner, typename Nested>
void EncodeField(const PointerStruct<Owner, const DeletionVectorDescriptor*, Nested>& f,
                 const Owner& o, JsonWriter* w) {
  const DeletionVectorDescriptor* dv = o.*f.member;
  if (dv == nullptr) return;
  w->Key(f.name).BeginObject();
  EncodeFields(f.nested.fields, action_schema::RawOf(*dv), w);
  w->EndObject();
}

template <typename Owner, typename... Fields>
void EncodeFields(const std::tuple<Fields...>& fields, const Owner& o, JsonWriter* w) {
  std::apply([&](const auto&... f) { (EncodeField(f, o, w), ...); }, fields);
}

template <typename S>
void EncodeBody(const S& schema, const typename S::Type& action, JsonWriter* w) {
  w->BeginObject();
  EncodeFields(schema.fields, action, w);
  w->EndObject();
}

template <typename S>
void EncodeAction(const S& schema, const typename S::Type& action, JsonWriter* w) {
  w->BeginObject().Key(schema.name);
  EncodeBody(schema, action, w);
  w->EndObject();
}

}  // namespace

void EncodeJsonAction(const AddFile& a, JsonWriter* w) { EncodeAction(as::kAdd, a, w); }
void EncodeJsonAction(const RemoveFile& a, JsonWriter* w) { EncodeAction(as::kRemove, a, w); }
void EncodeJsonAction(const AddCdcFile& a, JsonWriter* w) { EncodeAction(as::kCdc, a, w); }
void EncodeJsonAction(const Metadata& a, JsonWriter* w) { EncodeAction(as::kMetadata, a, w); }
void EncodeJsonAction(const Protocol& a, JsonWriter* w) { EncodeAction(as::kProtocol, a, w); }
void EncodeJsonAction(const SetTransaction& a, JsonWriter* w) { EncodeAction(as::kTxn, a, w); }
void EncodeJsonAction(const DomainMetadata& a, JsonWriter* w) {
  EncodeAction(as::kDomainMetadata, a, w);
}
void EncodeJsonAction(const CheckpointMetadata& a, JsonWriter* w) {
  EncodeAction(as::kCheckpointMetadata, a, w);
}
void EncodeJsonAction(const SidecarFile& a, JsonWriter* w) { EncodeAction(as::kSidecar, a, w); }

void EncodeJsonActionBody(const Metadata& a, JsonWriter* w) { EncodeBody(as::kMetadata, a, w); }
void EncodeJsonActionBody(const Protocol& a, JsonWriter* w) { EncodeBody(as::kProtocol, a, w); }
void EncodeJsonActionBody(const SetTransaction& a, JsonWriter* w) { EncodeBody(as::kTxn, a, w); }
void EncodeJsonActionBody(const DomainMetadata& a, JsonWriter* w) {
  EncodeBody(as::kDomainMetadata, a, w);
}

void EncodeJsonAction(const CommitInfo& a, JsonWriter* w) {
  if (a.json.empty()) {
    EncodeAction(as::kCommitInfo, a, w);
    return;
  }
  // As written (it carries what the typed fields leave out).
  w->BeginObject().Key(as::kCommitInfo.name).RawValue(a.json).EndObject();
}

Status WriteJsonActions(const ActionBatch& batch, std::string* out) {
  const size_t file_actions = batch.adds.size() + batch.removes.size();
  const bool ordered = batch.file_action_order.size() == file_actions;
  if (!batch.file_action_order.empty() && !ordered) {
    return Status::InvalidArgument("file_action_order lists " +
                                   std::to_string(batch.file_action_order.size()) +
                                   " actions, the batch has " + std::to_string(file_actions));
  }
  if (batch.commit_info && !batch.commit_info->json.empty()) {
    // It is inserted verbatim: check it is one object, or the commit would be unreadable.
    simdjson::dom::parser parser;
    simdjson::dom::object obj;
    if (parser.parse(batch.commit_info->json).get(obj)) {
      return Status::InvalidArgument("CommitInfo::json is not a JSON object");
    }
  }
  thread_local JsonWriter w;
  auto line = [&](const auto& action) {
    EncodeJsonAction(action, &w);
    out->append(w.str());
    out->push_back('\n');
    (void)w.Take();
  };
  // commitInfo first: in-commit timestamps require it.
  if (batch.commit_info) line(*batch.commit_info);
  if (batch.protocol) line(*batch.protocol);
  if (batch.metadata) line(*batch.metadata);
  if (batch.checkpoint_metadata) line(*batch.checkpoint_metadata);
  for (const SetTransaction& t : batch.txns) line(t);
  for (const DomainMetadata& d : batch.domain_metadata) line(d);
  for (const SidecarFile& s : batch.sidecars) line(s);
  if (ordered) {
    for (int32_t e : batch.file_action_order) {
      if (e >= 0 && static_cast<size_t>(e) < batch.adds.size()) {
        line(batch.adds[static_cast<size_t>(e)]);
      } else if (e < 0 && static_cast<size_t>(-(e + 1)) < batch.removes.size()) {
        line(batch.removes[static_cast<size_t>(-(e + 1))]);
      } else {
        return Status::InvalidArgument("file_action_order entry " + std::to_string(e) +
                                       " names no action of the batch");
      }
    }
  } else {
    for (const AddFile& a : batch.adds) line(a);
    for (const RemoveFile& r : batch.removes) line(r);
  }
  for (const AddCdcFile& c : batch.cdcs) line(c);
  return Status::OK();
}

}  // namespace delta
