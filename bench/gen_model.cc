#include "gen_model.h"

#include <algorithm>
#include <memory>

#include "delta/json_writer.h"
#include "delta/schema.h"
#include "gen_time.h"

namespace delta::gen {
namespace {

struct ColumnKind {
  const char* name;
  ColumnType type;
  int null_percent;
  int approx_bytes;  // encoded bytes per value, for --data fake file sizes
};

// The cycle --columns walks through; names read well in the sample table.
constexpr ColumnKind kColumnKinds[kNumColumnTypes] = {
    {"id", ColumnType::kLong, 0, 8},         {"quantity", ColumnType::kInt, 0, 2},
    {"price", ColumnType::kDouble, 10, 6},   {"name", ColumnType::kString, 5, 9},
    {"event_date", ColumnType::kDate, 0, 2}, {"event_time", ColumnType::kTimestamp, 5, 6},
    {"active", ColumnType::kBoolean, 5, 1},  {"amount", ColumnType::kDecimal, 10, 4},
};

constexpr const char* kRegions[] = {"us-east",  "us-west",      "eu-west", "eu-central",
                                    "ap-south", "ap-northeast", "sa-east", "af-south"};

DataTypePtr DeltaType(ColumnType t) {
  switch (t) {
    case ColumnType::kLong:
      return PrimitiveType::Make(TypeKind::kLong);
    case ColumnType::kInt:
      return PrimitiveType::Make(TypeKind::kInteger);
    case ColumnType::kDouble:
      return PrimitiveType::Make(TypeKind::kDouble);
    case ColumnType::kString:
      return PrimitiveType::Make(TypeKind::kString);
    case ColumnType::kDate:
      return PrimitiveType::Make(TypeKind::kDate);
    case ColumnType::kTimestamp:
      return PrimitiveType::Make(TypeKind::kTimestamp);
    case ColumnType::kBoolean:
      return PrimitiveType::Make(TypeKind::kBoolean);
    case ColumnType::kDecimal:
      return std::make_shared<DecimalType>(10, 2);
  }
  return nullptr;
}

}  // namespace

TableModel::TableModel(const GenOptions& options) : options_(options) {
  for (int i = 0; i < options_.columns; ++i) {
    const ColumnKind& k = kColumnKinds[i % kNumColumnTypes];
    const int round = i / kNumColumnTypes;
    Column c;
    c.name = round == 0 ? k.name : std::string(k.name) + "_" + std::to_string(round + 1);
    c.type = k.type;
    c.null_percent = k.null_percent;
    c.is_row_id = i == 0;
    AppendJsonString(&c.json_key, c.name);
    c.json_key.push_back(':');
    columns_.push_back(std::move(c));
  }
  if (options_.partitions > 0) {
    partition_column_ = "region";
    for (int i = 0; i < options_.partitions; ++i) {
      partition_values_.push_back(i < 8 ? kRegions[i] : "region-" + std::to_string(i));
    }
  }

  Rng table_rng(StreamSeed(options_.seed, kStreamTable, 0));
  table_id_ = Uuid::Random(table_rng).ToString();

  if (options_.v2_checkpoints()) {
    min_reader_version_ = 3;
    min_writer_version_ = 7;
    reader_features_ = {"v2Checkpoint"};
    writer_features_ = {"v2Checkpoint"};
    configuration_["delta.checkpointPolicy"] = "v2";
  } else if (options_.in_commit_timestamps) {
    min_writer_version_ = 7;
  }
  if (options_.in_commit_timestamps) {
    writer_features_.push_back("inCommitTimestamp");
    configuration_["delta.enableInCommitTimestamps"] = "true";
  }
  if (options_.checkpoint_interval > 0) {
    configuration_["delta.checkpointInterval"] = std::to_string(options_.checkpoint_interval);
  }
  PlanCommits();
}

void TableModel::PlanCommits() {
  const int64_t n = options_.files;
  const int64_t m = options_.commits;
  commits_.resize(static_cast<size_t>(m));
  files_.resize(static_cast<size_t>(n));

  int64_t bytes_per_row = 0;
  for (const Column& c : columns_) {
    bytes_per_row += kColumnKinds[static_cast<int>(c.type)].approx_bytes;
  }
  for (int64_t v = 0; v < m; ++v) {
    // Files spread evenly: commit v adds files [v*n/m, (v+1)*n/m).
    const int64_t begin = v * n / m;
    const int64_t end = (v + 1) * n / m;
    CommitPlan& plan = commits_[static_cast<size_t>(v)];
    plan.adds.reserve(static_cast<size_t>(end - begin));
    for (int64_t i = begin; i < end; ++i) {
      GenFile& f = files_[static_cast<size_t>(i)];
      Rng rng(StreamSeed(options_.seed, kStreamFileId, static_cast<uint64_t>(i)));
      f.uuid = Uuid::Random(rng);
      f.first_row_id = i * options_.rows_per_file;
      f.partition = options_.partitions > 0 ? static_cast<int32_t>(i % options_.partitions) : -1;
      f.part = static_cast<int32_t>(i - begin);
      f.added_version = static_cast<int32_t>(v);
      f.modification_time = std::max<int64_t>(0, CommitTimestamp(v) - 1000);
      // A plausible Parquet size for --data fake (real files overwrite it): footer and
      // per-column overhead plus encoded values, +-10%.
      const int64_t estimate = 600 + 150 * static_cast<int64_t>(columns_.size()) +
                               options_.rows_per_file * bytes_per_row;
      f.size = estimate - estimate / 10 +
               static_cast<int64_t>(rng.Below(static_cast<uint64_t>(estimate / 5 + 1)));
      plan.adds.push_back(i);
    }
  }

  // Removes: floor(n * removes%) files, spread over commits 1..m-1, each picked at random
  // among the files still live that earlier commits added.
  const int64_t total_removes =
      static_cast<int64_t>(static_cast<double>(n) * options_.removes_percent / 100.0 + 1e-9);
  if (total_removes == 0 || m < 2) return;
  Rng rng(StreamSeed(options_.seed, kStreamRemoves, 0));
  std::vector<int64_t> live;
  for (int64_t v = 1; v < m; ++v) {
    const auto& prev = commits_[static_cast<size_t>(v - 1)].adds;
    live.insert(live.end(), prev.begin(), prev.end());
    const int64_t want = total_removes * v / (m - 1) - total_removes * (v - 1) / (m - 1);
    CommitPlan& plan = commits_[static_cast<size_t>(v)];
    for (int64_t k = 0; k < want && !live.empty(); ++k) {
      const size_t pick = static_cast<size_t>(rng.Below(live.size()));
      const int64_t idx = live[pick];
      live[pick] = live.back();
      live.pop_back();
      files_[static_cast<size_t>(idx)].removed_version = static_cast<int32_t>(v);
      plan.removes.push_back(idx);
    }
    std::sort(plan.removes.begin(), plan.removes.end());
  }
}

bool TableModel::CheckpointAt(int64_t v) const {
  if (options_.checkpoint == CheckpointKind::kNone) return false;
  if (options_.checkpoint_interval > 0) return v > 0 && v % options_.checkpoint_interval == 0;
  return v == last_version();
}

std::string TableModel::SchemaString() const {
  std::vector<StructField> fields;
  for (const Column& c : columns_) {
    fields.push_back(StructField{c.name, DeltaType(c.type), !c.is_row_id, {}});
  }
  if (!partition_column_.empty()) {
    fields.push_back(
        StructField{partition_column_, PrimitiveType::Make(TypeKind::kString), true, {}});
  }
  return StructType(std::move(fields)).ToJson();
}

void TableModel::AppendPath(const GenFile& f, std::string* out) const {
  if (f.partition >= 0) {
    out->append(partition_column_).push_back('=');
    out->append(partition_values_[static_cast<size_t>(f.partition)]).push_back('/');
  }
  out->append("part-");
  AppendDigits(out, f.part % 100000, 5);
  out->push_back('-');
  f.uuid.AppendTo(out);
  out->append("-c000.snappy.parquet");
}

}  // namespace delta::gen
