#include "gen_checkpoint.h"

#include <algorithm>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "gen_actions.h"
#include "gen_actions_json.h"
#include "gen_checkpoint_rows.h"
#include "gen_io.h"
#include "gen_time.h"
#include "log/checkpoint_schema.h"

namespace delta::gen {
namespace {

constexpr int64_t kBatchRows = 64 * 1024;

namespace as = delta::action_schema;

// Which action columns a Parquet file has.
enum class FileShape {
  kV1,       // classic / multi-part: txn, add, remove, metaData, protocol
  kV2,       // UUID-named: the V1 columns plus checkpointMetadata and sidecar
  kSidecar,  // add, remove
};

CheckpointActionSet ColumnsOf(FileShape shape) {
  CheckpointActionSet set = CheckpointActionSet::All();
  set.domain_metadata = false;  // the generator writes no domain metadata
  switch (shape) {
    case FileShape::kV1:
      set.checkpoint_metadata = false;
      set.sidecar = false;
      return set;
    case FileShape::kV2:
      return set;
    case FileShape::kSidecar:
      return CheckpointActionSet::FileActionsOnly();
  }
  return set;
}

// The kernel's checkpoint write schema as an Arrow C++ schema.
std::shared_ptr<arrow::Schema> WriteSchema(FileShape shape) {
  ArrowSchemaHandle c_schema = CheckpointWriteSchema(ColumnsOf(shape)).Export();
  // Imported from the kernel's own schema builder: failure would be a bug there.
  return arrow::ImportSchema(c_schema.get()).ValueOrDie();
}

// Builds record batches of checkpoint rows, one action per row, other columns null.
class ActionRows {
 public:
  ActionRows(const TableModel& model, FileShape shape)
      : model_(model), schema_(WriteSchema(shape)) {
    for (const std::shared_ptr<arrow::Field>& f : schema_->fields()) {
      std::unique_ptr<arrow::ArrayBuilder> b;
      // MakeBuilder cannot fail for these types; a failure would surface at Finish.
      (void)arrow::MakeBuilder(arrow::default_memory_pool(), f->type(), &b);
      builders_.push_back(std::move(b));
    }
  }

  const std::shared_ptr<arrow::Schema>& schema() const { return schema_; }
  int64_t rows() const { return rows_; }

  arrow::Status AddProtocol() { return Add(as::kProtocol, ModelProtocol(model_)); }

  arrow::Status AddMetadata(int64_t created_time) {
    return Add(as::kMetadata, ModelMetadata(model_, created_time));
  }

  // Adds in checkpoints carry dataChange=false, as the reference writer stores them.
  arrow::Status AddAdd(const GenFile& f, const std::string& stats) {
    return Add(as::kAdd, ModelAdd(model_, f, stats, false, &scratch_));
  }

  // Removes in checkpoints are tombstones: no stats or tags (PROTOCOL.md, "Checkpoints").
  arrow::Status AddRemove(const GenFile& f) {
    return Add(as::kRemove,
               ModelRemove(model_, f, model_.CommitTimestamp(f.removed_version), false, &scratch_));
  }

  arrow::Status AddCheckpointMetadata(int64_t version) {
    return Add(as::kCheckpointMetadata, CheckpointMetadata{version, {}});
  }

  arrow::Status AddSidecar(const std::string& path, int64_t size, int64_t mtime) {
    return Add(as::kSidecar, SidecarFile{path, size, mtime});
  }

  /// The rows so far as one batch; the builders start over.
  arrow::Result<std::shared_ptr<arrow::RecordBatch>> Finish() {
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    for (auto& b : builders_) {
      std::shared_ptr<arrow::Array> a;
      ARROW_RETURN_NOT_OK(b->Finish(&a));
      arrays.push_back(std::move(a));
    }
    const int64_t n = rows_;
    rows_ = 0;
    return arrow::RecordBatch::Make(schema_, n, std::move(arrays));
  }

 private:
  // A row holding `action` in its column; every other column gets a null.
  template <typename S>
  arrow::Status Add(const S& table, const typename S::Type& action) {
    const int column = schema_->GetFieldIndex(std::string(table.name));
    if (column < 0) return arrow::Status::Invalid("no ", table.name, " column");
    for (int i = 0; i < static_cast<int>(builders_.size()); ++i) {
      if (i != column) ARROW_RETURN_NOT_OK(builders_[static_cast<size_t>(i)]->AppendNull());
    }
    ++rows_;
    return AppendActionRow(
        table, action,
        static_cast<arrow::StructBuilder*>(builders_[static_cast<size_t>(column)].get()));
  }

  const TableModel& model_;
  std::shared_ptr<arrow::Schema> schema_;
  std::vector<std::unique_ptr<arrow::ArrayBuilder>> builders_;
  int64_t rows_ = 0;
  FileActionScratch scratch_;
};

// One Parquet file of checkpoint rows, written batch by batch.
class ParquetActionFile {
 public:
  ParquetActionFile(const TableModel& model, FileShape shape, std::string path)
      : rows_(model, shape), path_(std::move(path)) {}

  Status Open() {
    auto out = arrow::io::FileOutputStream::Open(path_);
    DELTA_RETURN_NOT_OK(FromArrow(out.status(), "cannot create " + path_));
    out_ = *out;
    std::shared_ptr<parquet::WriterProperties> props =
        parquet::WriterProperties::Builder().compression(parquet::Compression::SNAPPY)->build();
    auto writer = parquet::arrow::FileWriter::Open(*rows_.schema(), arrow::default_memory_pool(),
                                                   out_, props);
    DELTA_RETURN_NOT_OK(FromArrow(writer.status(), "cannot start Parquet file " + path_));
    writer_ = std::move(*writer);
    return Status::OK();
  }

  ActionRows& rows() { return rows_; }
  int64_t total_rows() const { return total_rows_ + rows_.rows(); }

  /// Call after appending a row: writes a batch once enough rows are buffered.
  Status MaybeFlush() { return rows_.rows() >= kBatchRows ? Flush() : Status::OK(); }

  Status Flush() {
    if (rows_.rows() == 0) return Status::OK();
    total_rows_ += rows_.rows();
    auto batch = rows_.Finish();
    DELTA_RETURN_NOT_OK(FromArrow(batch.status(), "building checkpoint rows for " + path_));
    return FromArrow(writer_->WriteRecordBatch(**batch), "writing " + path_);
  }

  /// Finishes the file; returns its size.
  Result<int64_t> Close(int64_t mtime) {
    DELTA_RETURN_NOT_OK(Flush());
    DELTA_RETURN_NOT_OK(FromArrow(writer_->Close(), "finishing " + path_));
    DELTA_RETURN_NOT_OK(FromArrow(out_->Close(), "closing " + path_));
    DELTA_RETURN_NOT_OK(SetModificationTime(path_, mtime));
    return FileSize(path_);
  }

 private:
  ActionRows rows_;
  std::string path_;
  std::shared_ptr<arrow::io::FileOutputStream> out_;
  std::unique_ptr<parquet::arrow::FileWriter> writer_;
  int64_t total_rows_ = 0;
};

// The state at `version`: live files and tombstones, in file order.
struct State {
  std::vector<int64_t> adds;
  std::vector<int64_t> removes;
};

State StateAt(const TableModel& model, int64_t version) {
  State s;
  const auto& files = model.files();
  for (size_t i = 0; i < files.size(); ++i) {
    const GenFile& f = files[i];
    if (f.added_version > version) continue;
    if (f.removed_version >= 0 && f.removed_version <= version) {
      s.removes.push_back(static_cast<int64_t>(i));
    } else {
      s.adds.push_back(static_cast<int64_t>(i));
    }
  }
  return s;
}

std::string VersionPrefix(const std::string& log_dir, int64_t version) {
  std::string p = log_dir + "/";
  AppendDigits(&p, version, 20);
  return p;
}

// Rows for the given adds and removes (tombstones) of the state.
Status AppendFileRows(const TableModel& model, std::span<const int64_t> adds,
                      std::span<const int64_t> removes, const StatsSource& stats,
                      Executor* executor, ParquetActionFile* file) {
  Status st;
  ForEachStats(adds, stats, executor, [&](size_t k, const std::string& s) {
    if (!st.ok()) return;
    st = FromArrow(file->rows().AddAdd(model.files()[static_cast<size_t>(adds[k])], s), "add row");
    if (st.ok()) st = file->MaybeFlush();
  });
  DELTA_RETURN_NOT_OK(st);
  for (int64_t idx : removes) {
    DELTA_RETURN_NOT_OK(
        FromArrow(file->rows().AddRemove(model.files()[static_cast<size_t>(idx)]), "remove row"));
    DELTA_RETURN_NOT_OK(file->MaybeFlush());
  }
  return Status::OK();
}

// Classic (parts == 1) or multi-part V1 checkpoint.
Status WriteV1(const TableModel& model, int64_t version, const std::string& log_dir,
               const State& state, const StatsSource& stats, Executor* executor,
               CheckpointSummary* summary) {
  const int parts = model.options().checkpoint == CheckpointKind::kMultiPart
                        ? model.options().multipart_parts
                        : 1;
  const int64_t mtime = model.CommitTimestamp(version);
  // Multi-part checkpoints are clustered like Spark's repartition(parts, path): Murmur3 of the
  // path, pmod the number of parts; non-file actions have a null key, which hashes to the seed.
  auto part_of = [parts](std::string_view key, bool null_key) {
    if (parts == 1) return 0;
    const int32_t h = null_key ? 42 : SparkMurmur3(key);
    return ((h % parts) + parts) % parts;
  };
  std::vector<State> by_part(static_cast<size_t>(parts));
  if (parts == 1) {
    by_part[0] = state;
  } else {
    std::string path;
    auto assign = [&](const std::vector<int64_t>& from, std::vector<int64_t> State::*to) {
      for (int64_t idx : from) {
        path.clear();
        model.AppendPath(model.files()[static_cast<size_t>(idx)], &path);
        (by_part[static_cast<size_t>(part_of(path, false))].*to).push_back(idx);
      }
    };
    assign(state.adds, &State::adds);
    assign(state.removes, &State::removes);
  }
  const int non_file_part = part_of({}, true);

  for (int p = 0; p < parts; ++p) {
    std::string name = VersionPrefix(log_dir, version) + ".checkpoint.";
    if (parts > 1) {
      AppendDigits(&name, p + 1, 10);
      name.push_back('.');
      AppendDigits(&name, parts, 10);
      name.push_back('.');
    }
    name += "parquet";
    ParquetActionFile file(model, FileShape::kV1, name);
    DELTA_RETURN_NOT_OK(file.Open());
    if (p == non_file_part) {
      DELTA_RETURN_NOT_OK(FromArrow(file.rows().AddProtocol(), "protocol row"));
      DELTA_RETURN_NOT_OK(
          FromArrow(file.rows().AddMetadata(model.CommitTimestamp(0)), "metaData row"));
    }
    const State& mine = by_part[static_cast<size_t>(p)];
    DELTA_RETURN_NOT_OK(AppendFileRows(model, mine.adds, mine.removes, stats, executor, &file));
    DELTA_RETURN_NOT_OK(file.Flush());
    summary->actions += file.total_rows();
    DELTA_ASSIGN_OR_RETURN(int64_t size, file.Close(mtime));
    summary->size_in_bytes += size;
  }
  summary->parts = parts;
  return Status::OK();
}

// UUID-named V2 checkpoint, JSON or Parquet, with its file actions in sidecars (or embedded
// when --sidecars 0).
Status WriteV2(const TableModel& model, int64_t version, const std::string& log_dir,
               const State& state, const StatsSource& stats, Executor* executor,
               CheckpointSummary* summary) {
  const GenOptions& o = model.options();
  const int64_t mtime = model.CommitTimestamp(version);
  Rng rng(StreamSeed(o.seed, kStreamCheckpoint, static_cast<uint64_t>(version)));
  const std::string checkpoint_uuid = Uuid::Random(rng).ToString();
  const int64_t n_file_actions = static_cast<int64_t>(state.adds.size() + state.removes.size());

  struct Sidecar {
    std::string name;
    int64_t size;
  };
  std::vector<Sidecar> sidecars;
  if (o.sidecars > 0) {
    const std::string dir = log_dir + "/_sidecars";
    DELTA_RETURN_NOT_OK(MakeDirectories(dir));
    for (int s = 0; s < o.sidecars; ++s) {
      Sidecar sc{Uuid::Random(rng).ToString() + ".parquet", 0};
      ParquetActionFile file(model, FileShape::kSidecar, dir + "/" + sc.name);
      DELTA_RETURN_NOT_OK(file.Open());
      // Sidecar s holds file actions [begin, end) of adds-then-removes.
      const int64_t begin = s * n_file_actions / o.sidecars;
      const int64_t end = (s + 1) * n_file_actions / o.sidecars;
      const int64_t n_adds = static_cast<int64_t>(state.adds.size());
      auto slice = [](const std::vector<int64_t>& v, int64_t b, int64_t e) {
        const int64_t n = static_cast<int64_t>(v.size());
        b = std::clamp<int64_t>(b, 0, n);
        e = std::clamp<int64_t>(e, 0, n);
        return std::span<const int64_t>(v.data() + b, static_cast<size_t>(e - b));
      };
      DELTA_RETURN_NOT_OK(AppendFileRows(model, slice(state.adds, begin, end),
                                         slice(state.removes, begin - n_adds, end - n_adds), stats,
                                         executor, &file));
      DELTA_RETURN_NOT_OK(file.Flush());
      summary->actions += file.total_rows();
      DELTA_ASSIGN_OR_RETURN(sc.size, file.Close(mtime));
      summary->size_in_bytes += sc.size;
      sidecars.push_back(std::move(sc));
    }
  }
  const bool embed = o.sidecars == 0;
  const std::string path = VersionPrefix(log_dir, version) + ".checkpoint." + checkpoint_uuid +
                           (o.checkpoint == CheckpointKind::kV2Json ? ".json" : ".parquet");

  if (o.checkpoint == CheckpointKind::kV2Json) {
    BufferedFile out;
    DELTA_RETURN_NOT_OK(out.Open(path));
    std::string& buf = out.buffer();
    AppendJsonLine(CheckpointMetadata{version, {}}, &buf);
    AppendProtocolJson(model, &buf);
    AppendMetadataJson(model, model.CommitTimestamp(0), &buf);
    summary->actions += 3;
    for (const Sidecar& sc : sidecars) {
      AppendJsonLine(SidecarFile{sc.name, sc.size, mtime}, &buf);
      ++summary->actions;
    }
    if (embed) {
      Status st;
      ForEachStats(state.adds, stats, executor, [&](size_t k, const std::string& s) {
        AppendAddJson(model, model.files()[static_cast<size_t>(state.adds[k])], s, false, &buf);
        if (st.ok()) st = out.MaybeFlush();
      });
      DELTA_RETURN_NOT_OK(st);
      for (int64_t idx : state.removes) {
        const GenFile& f = model.files()[static_cast<size_t>(idx)];
        AppendRemoveJson(model, f, model.CommitTimestamp(f.removed_version), false, &buf);
        DELTA_RETURN_NOT_OK(out.MaybeFlush());
      }
      summary->actions += n_file_actions;
    }
    DELTA_RETURN_NOT_OK(out.Close());
    DELTA_RETURN_NOT_OK(SetModificationTime(path, mtime));
    summary->size_in_bytes += out.bytes_written();
  } else {
    ParquetActionFile file(model, FileShape::kV2, path);
    DELTA_RETURN_NOT_OK(file.Open());
    DELTA_RETURN_NOT_OK(
        FromArrow(file.rows().AddCheckpointMetadata(version), "checkpointMetadata"));
    DELTA_RETURN_NOT_OK(FromArrow(file.rows().AddProtocol(), "protocol row"));
    DELTA_RETURN_NOT_OK(
        FromArrow(file.rows().AddMetadata(model.CommitTimestamp(0)), "metaData row"));
    for (const Sidecar& sc : sidecars) {
      DELTA_RETURN_NOT_OK(
          FromArrow(file.rows().AddSidecar(sc.name, sc.size, mtime), "sidecar row"));
    }
    if (embed) {
      DELTA_RETURN_NOT_OK(AppendFileRows(model, state.adds, state.removes, stats, executor, &file));
    }
    DELTA_RETURN_NOT_OK(file.Flush());
    summary->actions += file.total_rows();
    DELTA_ASSIGN_OR_RETURN(int64_t size, file.Close(mtime));
    summary->size_in_bytes += size;
  }
  summary->sidecars = static_cast<int>(sidecars.size());
  return Status::OK();
}

}  // namespace

int32_t SparkMurmur3(std::string_view bytes, int32_t seed) {
  constexpr uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
  auto rotl = [](uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
  auto mix_k1 = [&](uint32_t k1) { return rotl(k1 * c1, 15) * c2; };
  auto mix_h1 = [&](uint32_t h1, uint32_t k1) { return rotl(h1 ^ k1, 13) * 5 + 0xe6546b64; };
  uint32_t h1 = static_cast<uint32_t>(seed);
  const size_t aligned = bytes.size() - bytes.size() % 4;
  for (size_t i = 0; i < aligned; i += 4) {
    const uint32_t word = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i])) |
                          static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1])) << 8 |
                          static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 2])) << 16 |
                          static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 3])) << 24;
    h1 = mix_h1(h1, mix_k1(word));
  }
  // Spark mixes each trailing byte as a whole (sign-extended) int, unlike reference Murmur3.
  for (size_t i = aligned; i < bytes.size(); ++i) {
    const int32_t b = static_cast<int8_t>(bytes[i]);
    h1 = mix_h1(h1, mix_k1(static_cast<uint32_t>(b)));
  }
  h1 ^= static_cast<uint32_t>(bytes.size());
  h1 ^= h1 >> 16;
  h1 *= 0x85ebca6b;
  h1 ^= h1 >> 13;
  h1 *= 0xc2b2ae35;
  h1 ^= h1 >> 16;
  return static_cast<int32_t>(h1);
}

Result<CheckpointSummary> WriteCheckpoint(const TableModel& model, int64_t version,
                                          const std::string& log_dir, const StatsSource& stats,
                                          Executor* executor) {
  const State state = StateAt(model, version);
  CheckpointSummary summary;
  summary.version = version;
  summary.add_files = static_cast<int64_t>(state.adds.size());
  if (model.options().v2_checkpoints()) {
    DELTA_RETURN_NOT_OK(WriteV2(model, version, log_dir, state, stats, executor, &summary));
  } else {
    DELTA_RETURN_NOT_OK(WriteV1(model, version, log_dir, state, stats, executor, &summary));
  }

  std::string last =
      "{\"version\":" + std::to_string(version) + ",\"size\":" + std::to_string(summary.actions);
  if (summary.parts > 1) last += ",\"parts\":" + std::to_string(summary.parts);
  last += ",\"sizeInBytes\":" + std::to_string(summary.size_in_bytes) +
          ",\"numOfAddFiles\":" + std::to_string(summary.add_files) + "}";
  const std::string last_path = log_dir + "/_last_checkpoint";
  DELTA_RETURN_NOT_OK(WriteWholeFile(last_path, last));
  DELTA_RETURN_NOT_OK(SetModificationTime(last_path, model.CommitTimestamp(version)));
  return summary;
}

}  // namespace delta::gen
