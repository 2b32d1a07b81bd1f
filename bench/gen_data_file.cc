#include "gen_data_file.h"

#include <memory>
#include <vector>

#include <arrow/api.h>
#include <arrow/io/file.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "gen_io.h"
#include "gen_values.h"

namespace delta::gen {
namespace {

std::shared_ptr<arrow::DataType> ArrowType(ColumnType t) {
  switch (t) {
    case ColumnType::kLong:
      return arrow::int64();
    case ColumnType::kInt:
      return arrow::int32();
    case ColumnType::kDouble:
      return arrow::float64();
    case ColumnType::kString:
      return arrow::utf8();
    case ColumnType::kDate:
      return arrow::date32();
    case ColumnType::kTimestamp:
      return arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
    case ColumnType::kBoolean:
      return arrow::boolean();
    case ColumnType::kDecimal:
      return arrow::decimal128(10, 2);
  }
  return nullptr;
}

arrow::Status AppendValue(arrow::ArrayBuilder* b, ColumnType t, const Value& v) {
  switch (t) {
    case ColumnType::kLong:
      return static_cast<arrow::Int64Builder*>(b)->Append(v.i);
    case ColumnType::kInt:
      return static_cast<arrow::Int32Builder*>(b)->Append(static_cast<int32_t>(v.i));
    case ColumnType::kDouble:
      return static_cast<arrow::DoubleBuilder*>(b)->Append(v.d);
    case ColumnType::kString:
      return static_cast<arrow::StringBuilder*>(b)->Append(v.s);
    case ColumnType::kDate:
      return static_cast<arrow::Date32Builder*>(b)->Append(static_cast<int32_t>(v.i));
    case ColumnType::kTimestamp:
      return static_cast<arrow::TimestampBuilder*>(b)->Append(v.i);
    case ColumnType::kBoolean:
      return static_cast<arrow::BooleanBuilder*>(b)->Append(v.i != 0);
    case ColumnType::kDecimal:
      return static_cast<arrow::Decimal128Builder*>(b)->Append(arrow::Decimal128(v.i));
  }
  return arrow::Status::Invalid("unknown column type");
}

arrow::Result<std::shared_ptr<arrow::Table>> BuildRows(const TableModel& model, int64_t index,
                                                       std::vector<ColumnStats>* stats) {
  const GenFile& f = model.files()[static_cast<size_t>(index)];
  const int64_t rows = model.rows_per_file();
  const std::vector<Column>& columns = model.columns();
  Rng rng(StreamSeed(model.options().seed, kStreamFileData, static_cast<uint64_t>(index)));
  std::vector<std::shared_ptr<arrow::Field>> fields;
  std::vector<std::shared_ptr<arrow::Array>> arrays;
  stats->assign(columns.size(), ColumnStats{});
  Value v;
  for (size_t ci = 0; ci < columns.size(); ++ci) {
    const Column& c = columns[ci];
    std::shared_ptr<arrow::DataType> type = ArrowType(c.type);
    std::unique_ptr<arrow::ArrayBuilder> builder;
    ARROW_RETURN_NOT_OK(arrow::MakeBuilder(arrow::default_memory_pool(), type, &builder));
    ARROW_RETURN_NOT_OK(builder->Reserve(rows));
    for (int64_t r = 0; r < rows; ++r) {
      if (!c.is_row_id && rng.Chance(c.null_percent)) {
        ARROW_RETURN_NOT_OK(builder->AppendNull());
        (*stats)[ci].Update(c.type, nullptr);
        continue;
      }
      DrawValue(c, f.first_row_id + r, rng, &v);
      ARROW_RETURN_NOT_OK(AppendValue(builder.get(), c.type, v));
      (*stats)[ci].Update(c.type, &v);
    }
    std::shared_ptr<arrow::Array> array;
    ARROW_RETURN_NOT_OK(builder->Finish(&array));
    fields.push_back(arrow::field(c.name, type, /*nullable=*/!c.is_row_id));
    arrays.push_back(std::move(array));
  }
  return arrow::Table::Make(arrow::schema(std::move(fields)), std::move(arrays), rows);
}

}  // namespace

Result<WrittenDataFile> WriteDataFile(const TableModel& model, int64_t index,
                                      const std::string& root) {
  const GenFile& f = model.files()[static_cast<size_t>(index)];
  std::string rel;
  model.AppendPath(f, &rel);  // only unreserved characters: the URI is the file name
  const std::string path = root + "/" + rel;
  if (f.partition >= 0) {
    DELTA_RETURN_NOT_OK(MakeDirectories(path.substr(0, path.rfind('/'))));
  }

  std::vector<ColumnStats> stats;
  arrow::Result<std::shared_ptr<arrow::Table>> table = BuildRows(model, index, &stats);
  DELTA_RETURN_NOT_OK(FromArrow(table.status(), "building the rows of " + path));

  auto out = arrow::io::FileOutputStream::Open(path);
  DELTA_RETURN_NOT_OK(FromArrow(out.status(), "cannot create " + path));
  std::shared_ptr<parquet::WriterProperties> props =
      parquet::WriterProperties::Builder().compression(parquet::Compression::SNAPPY)->build();
  DELTA_RETURN_NOT_OK(FromArrow(parquet::arrow::WriteTable(**table, arrow::default_memory_pool(),
                                                           *out, model.rows_per_file(), props),
                                "writing " + path));
  DELTA_RETURN_NOT_OK(FromArrow((*out)->Close(), "closing " + path));
  DELTA_RETURN_NOT_OK(SetModificationTime(path, f.modification_time));

  WrittenDataFile result;
  DELTA_ASSIGN_OR_RETURN(result.size, FileSize(path));
  AppendStatsJson(model.columns(), model.rows_per_file(), stats, &result.stats_json);
  return result;
}

}  // namespace delta::gen
