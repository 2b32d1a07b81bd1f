#include "gen_checkpoint.h"

#include <algorithm>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "gen_actions_json.h"
#include "gen_io.h"
#include "gen_time.h"

namespace delta::gen {
namespace {

using arrow::field;
using arrow::int32;
using arrow::int64;
using arrow::utf8;

constexpr int64_t kBatchRows = 64 * 1024;

// --- the Checkpoint Schema --------------------------------------------------------------------

std::shared_ptr<arrow::DataType> StringMap() { return arrow::map(utf8(), utf8()); }

std::shared_ptr<arrow::DataType> DeletionVectorType() {
  return arrow::struct_({field("storageType", utf8()), field("pathOrInlineDv", utf8()),
                         field("offset", int32()), field("sizeInBytes", int32()),
                         field("cardinality", int64())});
}

std::shared_ptr<arrow::DataType> AddType() {
  return arrow::struct_({field("path", utf8()), field("partitionValues", StringMap()),
                         field("size", int64()), field("modificationTime", int64()),
                         field("dataChange", arrow::boolean()), field("stats", utf8()),
                         field("tags", StringMap()), field("deletionVector", DeletionVectorType()),
                         field("baseRowId", int64()), field("defaultRowCommitVersion", int64()),
                         field("clusteringProvider", utf8())});
}

// Removes in checkpoints are tombstones: no stats or tags (PROTOCOL.md, "Checkpoints").
std::shared_ptr<arrow::DataType> RemoveType() {
  return arrow::struct_({field("path", utf8()), field("deletionTimestamp", int64()),
                         field("dataChange", arrow::boolean()),
                         field("extendedFileMetadata", arrow::boolean()),
                         field("partitionValues", StringMap()), field("size", int64()),
                         field("deletionVector", DeletionVectorType()), field("baseRowId", int64()),
                         field("defaultRowCommitVersion", int64())});
}

std::shared_ptr<arrow::DataType> MetadataType() {
  return arrow::struct_(
      {field("id", utf8()), field("name", utf8()), field("description", utf8()),
       field("format", arrow::struct_({field("provider", utf8()), field("options", StringMap())})),
       field("schemaString", utf8()), field("partitionColumns", arrow::list(utf8())),
       field("createdTime", int64()), field("configuration", StringMap())});
}

std::shared_ptr<arrow::DataType> ProtocolType() {
  return arrow::struct_({field("minReaderVersion", int32()), field("minWriterVersion", int32()),
                         field("readerFeatures", arrow::list(utf8())),
                         field("writerFeatures", arrow::list(utf8()))});
}

std::shared_ptr<arrow::DataType> TxnType() {
  return arrow::struct_(
      {field("appId", utf8()), field("version", int64()), field("lastUpdated", int64())});
}

std::shared_ptr<arrow::DataType> CheckpointMetadataType() {
  return arrow::struct_({field("version", int64()), field("tags", StringMap())});
}

std::shared_ptr<arrow::DataType> SidecarType() {
  return arrow::struct_({field("path", utf8()), field("sizeInBytes", int64()),
                         field("modificationTime", int64()), field("tags", StringMap())});
}

// Which action columns a Parquet file has.
enum class FileShape {
  kV1,       // classic / multi-part: txn, add, remove, metaData, protocol
  kV2,       // UUID-named: the V1 columns plus checkpointMetadata and sidecar
  kSidecar,  // add, remove
};

enum Col { kTxn, kAdd, kRemove, kMetadata, kProtocol, kCheckpointMetadata, kSidecar, kNumCols };

std::vector<Col> ColumnsOf(FileShape shape) {
  switch (shape) {
    case FileShape::kV1:
      return {kTxn, kAdd, kRemove, kMetadata, kProtocol};
    case FileShape::kV2:
      return {kTxn, kAdd, kRemove, kMetadata, kProtocol, kCheckpointMetadata, kSidecar};
    case FileShape::kSidecar:
      return {kAdd, kRemove};
  }
  return {};
}

std::shared_ptr<arrow::Field> ColumnField(Col c) {
  switch (c) {
    case kTxn:
      return field("txn", TxnType());
    case kAdd:
      return field("add", AddType());
    case kRemove:
      return field("remove", RemoveType());
    case kMetadata:
      return field("metaData", MetadataType());
    case kProtocol:
      return field("protocol", ProtocolType());
    case kCheckpointMetadata:
      return field("checkpointMetadata", CheckpointMetadataType());
    case kSidecar:
      return field("sidecar", SidecarType());
    case kNumCols:
      break;
  }
  return nullptr;
}

template <typename T>
T* Child(arrow::ArrayBuilder* b, int i) {
  return static_cast<T*>(static_cast<arrow::StructBuilder*>(b)->field_builder(i));
}

arrow::Status AppendStringList(arrow::ArrayBuilder* b, const std::vector<std::string>& items) {
  auto* list = static_cast<arrow::ListBuilder*>(b);
  ARROW_RETURN_NOT_OK(list->Append());
  auto* values = static_cast<arrow::StringBuilder*>(list->value_builder());
  for (const std::string& s : items) ARROW_RETURN_NOT_OK(values->Append(s));
  return arrow::Status::OK();
}

arrow::Status AppendStringMap(arrow::ArrayBuilder* b,
                              const std::vector<std::pair<std::string, std::string>>& entries) {
  auto* map = static_cast<arrow::MapBuilder*>(b);
  ARROW_RETURN_NOT_OK(map->Append());
  auto* keys = static_cast<arrow::StringBuilder*>(map->key_builder());
  auto* items = static_cast<arrow::StringBuilder*>(map->item_builder());
  for (const auto& [k, v] : entries) {
    ARROW_RETURN_NOT_OK(keys->Append(k));
    ARROW_RETURN_NOT_OK(items->Append(v));
  }
  return arrow::Status::OK();
}

arrow::Status AppendPartitionValues(const TableModel& model, const GenFile& f,
                                    arrow::ArrayBuilder* b) {
  auto* map = static_cast<arrow::MapBuilder*>(b);
  ARROW_RETURN_NOT_OK(map->Append());
  if (f.partition >= 0) {
    ARROW_RETURN_NOT_OK(
        static_cast<arrow::StringBuilder*>(map->key_builder())->Append(model.partition_column()));
    ARROW_RETURN_NOT_OK(static_cast<arrow::StringBuilder*>(map->item_builder())
                            ->Append(model.partition_values()[static_cast<size_t>(f.partition)]));
  }
  return arrow::Status::OK();
}

// Builds record batches of checkpoint rows, one action per row, other columns null.
class ActionRows {
 public:
  ActionRows(const TableModel& model, FileShape shape) : model_(model) {
    std::vector<std::shared_ptr<arrow::Field>> fields;
    builders_.resize(kNumCols);
    for (Col c : ColumnsOf(shape)) {
      fields.push_back(ColumnField(c));
      std::unique_ptr<arrow::ArrayBuilder> b;
      // MakeBuilder cannot fail for these types; a failure would surface at Finish.
      (void)arrow::MakeBuilder(arrow::default_memory_pool(), fields.back()->type(), &b);
      builders_[c] = std::move(b);
      order_.push_back(c);
    }
    schema_ = arrow::schema(std::move(fields));
  }

  const std::shared_ptr<arrow::Schema>& schema() const { return schema_; }
  int64_t rows() const { return rows_; }

  arrow::Status AddProtocol() {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kProtocol));
    ARROW_RETURN_NOT_OK(Child<arrow::Int32Builder>(b, 0)->Append(model_.min_reader_version()));
    ARROW_RETURN_NOT_OK(Child<arrow::Int32Builder>(b, 1)->Append(model_.min_writer_version()));
    // Feature lists must be non-null exactly at reader version 3 / writer version 7.
    auto* rf = Child<arrow::ArrayBuilder>(b, 2);
    auto* wf = Child<arrow::ArrayBuilder>(b, 3);
    ARROW_RETURN_NOT_OK(model_.min_reader_version() >= 3
                            ? AppendStringList(rf, model_.reader_features())
                            : rf->AppendNull());
    return model_.min_writer_version() >= 7 ? AppendStringList(wf, model_.writer_features())
                                            : wf->AppendNull();
  }

  arrow::Status AddMetadata(int64_t created_time) {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kMetadata));
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 0)->Append(model_.table_id()));
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 1)->AppendNull());
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 2)->AppendNull());
    auto* format = Child<arrow::StructBuilder>(b, 3);
    ARROW_RETURN_NOT_OK(format->Append());
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(format, 0)->Append("parquet"));
    ARROW_RETURN_NOT_OK(AppendStringMap(Child<arrow::ArrayBuilder>(format, 1), {}));
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 4)->Append(model_.SchemaString()));
    std::vector<std::string> partition_columns;
    if (!model_.partition_column().empty()) partition_columns.push_back(model_.partition_column());
    ARROW_RETURN_NOT_OK(AppendStringList(Child<arrow::ArrayBuilder>(b, 5), partition_columns));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 6)->Append(created_time));
    std::vector<std::pair<std::string, std::string>> config(model_.configuration().begin(),
                                                            model_.configuration().end());
    return AppendStringMap(Child<arrow::ArrayBuilder>(b, 7), config);
  }

  // Adds in checkpoints carry dataChange=false, as the reference writer stores them.
  arrow::Status AddAdd(const GenFile& f, const std::string& stats) {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kAdd));
    path_.clear();
    model_.AppendPath(f, &path_);
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 0)->Append(path_));
    ARROW_RETURN_NOT_OK(AppendPartitionValues(model_, f, Child<arrow::ArrayBuilder>(b, 1)));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 2)->Append(f.size));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 3)->Append(f.modification_time));
    ARROW_RETURN_NOT_OK(Child<arrow::BooleanBuilder>(b, 4)->Append(false));
    auto* stats_b = Child<arrow::StringBuilder>(b, 5);
    ARROW_RETURN_NOT_OK(stats.empty() ? stats_b->AppendNull() : stats_b->Append(stats));
    for (int i = 6; i <= 10; ++i)
      ARROW_RETURN_NOT_OK(Child<arrow::ArrayBuilder>(b, i)->AppendNull());
    return arrow::Status::OK();
  }

  arrow::Status AddRemove(const GenFile& f) {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kRemove));
    path_.clear();
    model_.AppendPath(f, &path_);
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 0)->Append(path_));
    ARROW_RETURN_NOT_OK(
        Child<arrow::Int64Builder>(b, 1)->Append(model_.CommitTimestamp(f.removed_version)));
    ARROW_RETURN_NOT_OK(Child<arrow::BooleanBuilder>(b, 2)->Append(false));
    ARROW_RETURN_NOT_OK(Child<arrow::BooleanBuilder>(b, 3)->Append(true));
    ARROW_RETURN_NOT_OK(AppendPartitionValues(model_, f, Child<arrow::ArrayBuilder>(b, 4)));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 5)->Append(f.size));
    for (int i = 6; i <= 8; ++i)
      ARROW_RETURN_NOT_OK(Child<arrow::ArrayBuilder>(b, i)->AppendNull());
    return arrow::Status::OK();
  }

  arrow::Status AddCheckpointMetadata(int64_t version) {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kCheckpointMetadata));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 0)->Append(version));
    return AppendStringMap(Child<arrow::ArrayBuilder>(b, 1), {});
  }

  arrow::Status AddSidecar(const std::string& path, int64_t size, int64_t mtime) {
    ARROW_ASSIGN_OR_RAISE(arrow::ArrayBuilder * b, Begin(kSidecar));
    ARROW_RETURN_NOT_OK(Child<arrow::StringBuilder>(b, 0)->Append(path));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 1)->Append(size));
    ARROW_RETURN_NOT_OK(Child<arrow::Int64Builder>(b, 2)->Append(mtime));
    return AppendStringMap(Child<arrow::ArrayBuilder>(b, 3), {});
  }

  /// The rows so far as one batch; the builders start over.
  arrow::Result<std::shared_ptr<arrow::RecordBatch>> Finish() {
    std::vector<std::shared_ptr<arrow::Array>> arrays;
    for (Col c : order_) {
      std::shared_ptr<arrow::Array> a;
      ARROW_RETURN_NOT_OK(builders_[c]->Finish(&a));
      arrays.push_back(std::move(a));
    }
    const int64_t n = rows_;
    rows_ = 0;
    return arrow::RecordBatch::Make(schema_, n, std::move(arrays));
  }

 private:
  // Starts a row holding action `c`: every other column gets a null.
  arrow::Result<arrow::ArrayBuilder*> Begin(Col c) {
    if (!builders_[c]) return arrow::Status::Invalid("no ", ColumnField(c)->name(), " column");
    for (Col other : order_) {
      if (other != c) ARROW_RETURN_NOT_OK(builders_[other]->AppendNull());
    }
    ++rows_;
    auto* b = static_cast<arrow::StructBuilder*>(builders_[c].get());
    ARROW_RETURN_NOT_OK(b->Append());
    return b;
  }

  const TableModel& model_;
  std::vector<std::unique_ptr<arrow::ArrayBuilder>> builders_;
  std::vector<Col> order_;
  std::shared_ptr<arrow::Schema> schema_;
  int64_t rows_ = 0;
  std::string path_;
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
    buf.append("{\"checkpointMetadata\":{\"version\":");
    buf.append(std::to_string(version));
    buf.append(",\"tags\":{}}}\n");
    AppendProtocolJson(model, &buf);
    AppendMetadataJson(model, model.CommitTimestamp(0), &buf);
    summary->actions += 3;
    for (const Sidecar& sc : sidecars) {
      buf.append("{\"sidecar\":{\"path\":\"" + sc.name +
                 "\",\"sizeInBytes\":" + std::to_string(sc.size) +
                 ",\"modificationTime\":" + std::to_string(mtime) + ",\"tags\":{}}}\n");
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
