// `delta-kernel info`: what a table is at one version.
#include <memory>
#include <string>

#include "commands.h"
#include "delta/timestamp_text.h"
#include "output.h"

namespace delta::cli {
namespace {

struct InfoOptions {
  TableArgs table;
  bool json = false;
};

std::string Join(const std::vector<std::string>& items) {
  if (items.empty()) return "(none)";
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

void WriteInfoJson(const Snapshot& snap, std::string* out) {
  const Metadata& md = snap.metadata();
  JsonWriter w(2);
  w.BeginObject();
  w.Key("table").String(snap.table_location());
  w.Key("version").Int(snap.version());
  w.Key("timestamp").Int(snap.timestamp());
  w.Key("timestampIso").String(FormatTimestampMillis(snap.timestamp()));
  if (auto cp = snap.checkpoint_version()) w.Key("checkpointVersion").Int(*cp);
  WriteProtocolMembers(w, snap.protocol());
  w.Key("id").String(md.id);
  if (md.name) w.Key("name").String(*md.name);
  if (md.description) w.Key("description").String(*md.description);
  w.Key("format").BeginObject().Key("provider").String(md.format_provider).Key("options");
  WriteStringMap(w, md.format_options);
  w.EndObject();
  if (md.created_time) w.Key("createdTime").Int(*md.created_time);
  w.Key("partitionColumns").BeginArray();
  for (const std::string& c : snap.partition_columns()) w.String(c);
  w.EndArray();
  w.Key("configuration");
  WriteStringMap(w, snap.properties());
  // The parsed schema in the protocol's JSON form: always a valid object, even when the log's
  // schemaString is absent (read as an empty schema).
  w.Key("schema").RawValue(snap.schema()->ToJson());
  w.Key("numFiles").Int(static_cast<int64_t>(snap.files().size()));
  w.Key("sizeInBytes").Int(snap.total_bytes());
  w.Key("setTransactions").BeginArray();
  for (const auto& [app_id, txn] : snap.set_transactions()) {
    w.BeginObject().Key("appId").String(app_id).Key("version").Int(txn.version);
    if (txn.last_updated) w.Key("lastUpdated").Int(*txn.last_updated);
    w.EndObject();
  }
  w.EndArray();
  w.Key("domainMetadata").BeginArray();
  for (const auto& [domain, dm] : snap.domain_metadata()) {
    w.BeginObject().Key("domain").String(domain);
    w.Key("configuration").String(dm.configuration).EndObject();
  }
  w.EndArray();
  w.Key("warnings").BeginArray();
  for (const std::string& warning : snap.warnings()) w.String(warning);
  w.EndArray();
  w.EndObject();
  out->append(w.Take()).push_back('\n');
}

void WriteInfoText(const Snapshot& snap, std::string* out) {
  const Protocol& p = snap.protocol();
  const Metadata& md = snap.metadata();
  TextTable t({"", ""}, {});
  t.AddRow({"Table:", snap.table_location()});
  t.AddRow({"Version:", std::to_string(snap.version())});
  t.AddRow({"Timestamp:", FormatTimestampMillis(snap.timestamp())});
  if (auto cp = snap.checkpoint_version()) t.AddRow({"Checkpoint:", std::to_string(*cp)});
  t.AddRow({"Table id:", md.id});
  if (md.name) t.AddRow({"Name:", *md.name});
  if (md.description) t.AddRow({"Description:", *md.description});
  t.AddRow({"Protocol:", "reader " + std::to_string(p.min_reader_version) + ", writer " +
                             std::to_string(p.min_writer_version)});
  if (p.reader_features) t.AddRow({"Reader features:", Join(*p.reader_features)});
  if (p.writer_features) t.AddRow({"Writer features:", Join(*p.writer_features)});
  t.AddRow({"Partition columns:", Join(snap.partition_columns())});
  t.AddRow({"Files:", std::to_string(snap.files().size())});
  t.AddRow({"Size:", FormatBytes(snap.total_bytes()) + " (" + std::to_string(snap.total_bytes()) +
                         " bytes)"});
  t.Render(out, /*with_header=*/false);

  out->append("Properties:");
  if (snap.properties().empty()) out->append(" (none)");
  out->push_back('\n');
  for (const auto& [k, v] : snap.properties()) out->append("  ").append(k + " = " + v + "\n");
  out->append("Schema:\n");
  out->append(SchemaTree(*snap.schema()));
  if (!snap.warnings().empty()) {
    out->append("Warnings:\n");
    for (const std::string& warning : snap.warnings()) out->append("  " + warning + "\n");
  }
}

Status RunInfo(const InfoOptions& opts) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snap, LoadSnapshot(opts.table));
  StdoutBuffer out;
  if (opts.json) {
    WriteInfoJson(*snap, &out.buffer());
  } else {
    WriteInfoText(*snap, &out.buffer());
  }
  return out.Flush();
}

}  // namespace

void AddInfoCommand(CLI::App& app, Action* action) {
  auto opts = std::make_shared<InfoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Version, timestamp, protocol, schema, partitioning, properties and size");
  AddTableArgs(cmd, &opts->table, /*with_version=*/true);
  cmd->add_flag("--json", opts->json, "Print one JSON object with the protocol's field names");
  cmd->callback([opts, action] { *action = [opts] { return RunInfo(*opts); }; });
}

}  // namespace delta::cli
