#include "input_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <utility>

#include <arrow/c/bridge.h>
#include <arrow/csv/api.h>
#include <arrow/io/file.h>
#include <arrow/record_batch.h>
#include <arrow/table.h>
#include <parquet/arrow/reader.h>
#include <parquet/exception.h>

namespace delta::cli {
namespace {

// An Arrow error reading `path`: storage failures stay IoError, anything else is bad input.
Status FileError(const std::string& path, const arrow::Status& st) {
  std::string message = path + ": " + st.message();
  return st.IsIOError() ? Status::IoError(message) : Status::InvalidArgument(message);
}

arrow::Status ToArrow(const Status& st) {
  return st.code() == StatusCode::kIoError ? arrow::Status::IOError(st.message())
                                           : arrow::Status::Invalid(st.message());
}

bool IsCsvPath(const std::string& path) {
  if (path.size() < 4) return false;
  std::string ext = path.substr(path.size() - 4);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}

// One input file, opened far enough to know its schema; its batches are read on demand.
struct InputFile {
  std::string path;
  std::shared_ptr<arrow::Schema> schema;
  std::unique_ptr<parquet::arrow::FileReader> parquet;  // a Parquet file
  std::shared_ptr<arrow::Table> csv;                    // a CSV file, read whole
};

Result<InputFile> OpenParquet(const std::string& path) {
  InputFile in{path, nullptr, nullptr, nullptr};
  auto file = arrow::io::ReadableFile::Open(path);
  if (!file.ok()) return FileError(path, file.status());
  auto reader = parquet::arrow::OpenFile(*file, arrow::default_memory_pool());
  if (!reader.ok()) return FileError(path, reader.status());
  in.parquet = std::move(*reader);
  arrow::Status st = in.parquet->GetSchema(&in.schema);
  if (!st.ok()) return FileError(path, st);
  return in;
}

Result<InputFile> OpenCsv(const std::string& path, const arrow::Schema* types) {
  InputFile in{path, nullptr, nullptr, nullptr};
  auto file = arrow::io::ReadableFile::Open(path);
  if (!file.ok()) return FileError(path, file.status());
  auto read = arrow::csv::ReadOptions::Defaults();
  auto parse = arrow::csv::ParseOptions::Defaults();
  auto convert = arrow::csv::ConvertOptions::Defaults();
  // An empty field is null, in every column; every other text is a value.
  convert.null_values = {""};
  convert.strings_can_be_null = true;
  if (types != nullptr) {
    for (const auto& field : types->fields()) {
      if (field->type()->num_fields() == 0) convert.column_types[field->name()] = field->type();
    }
  }
  auto reader =
      arrow::csv::TableReader::Make(arrow::io::default_io_context(), *file, read, parse, convert);
  if (!reader.ok()) return FileError(path, reader.status());
  auto table = (*reader)->Read();
  if (!table.ok()) return FileError(path, table.status());
  in.csv = std::move(*table);
  in.schema = in.csv->schema();
  return in;
}

// The first column (by position) in which two schemas differ, as text.
std::string FirstDifference(const arrow::Schema& a, const arrow::Schema& b) {
  for (int i = 0; i < std::max(a.num_fields(), b.num_fields()); ++i) {
    if (i >= a.num_fields()) return "extra column '" + b.field(i)->name() + "'";
    if (i >= b.num_fields()) return "missing column '" + a.field(i)->name() + "'";
    const auto& fa = a.field(i);
    const auto& fb = b.field(i);
    if (fa->name() != fb->name()) {
      return "column " + std::to_string(i + 1) + " is '" + fb->name() + "', not '" + fa->name() +
             "'";
    }
    if (!fa->type()->Equals(*fb->type())) {
      return "column '" + fa->name() + "' is " + fb->type()->ToString() + ", not " +
             fa->type()->ToString();
    }
  }
  return "schemas differ";
}

// The batches of every file in turn.
class ConcatenatedReader : public arrow::RecordBatchReader {
 public:
  explicit ConcatenatedReader(std::vector<InputFile> files) : files_(std::move(files)) {}

  std::shared_ptr<arrow::Schema> schema() const override { return files_.front().schema; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* batch) override {
    while (true) {
      if (current_ == nullptr) {
        if (next_ == files_.size()) {
          *batch = nullptr;
          return arrow::Status::OK();
        }
        InputFile& file = files_[next_++];
        path_ = file.path;
        if (file.parquet != nullptr) {
          auto reader = file.parquet->GetRecordBatchReader();
          if (!reader.ok()) return ToArrow(FileError(path_, reader.status()));
          current_ = std::move(*reader);
        } else {
          current_ = std::make_shared<arrow::TableBatchReader>(file.csv);
        }
      }
      arrow::Status st = current_->ReadNext(batch);
      if (!st.ok()) return ToArrow(FileError(path_, st));
      if (*batch != nullptr) {
        // Parquet metadata (e.g. pandas') differs between files and means nothing here.
        if (!(*batch)->schema()->Equals(*schema(), /*check_metadata=*/false)) {
          return arrow::Status::Invalid(path_ + ": " +
                                        FirstDifference(*schema(), *(*batch)->schema()));
        }
        *batch = (*batch)->ReplaceSchemaMetadata(nullptr);
        return arrow::Status::OK();
      }
      current_.reset();
    }
  }

 private:
  std::vector<InputFile> files_;
  size_t next_ = 0;
  std::string path_;
  std::shared_ptr<arrow::RecordBatchReader> current_;
};

}  // namespace

Result<ArrowStreamHandle> OpenInputFiles(const std::vector<std::string>& paths, InputFormat format,
                                         ArrowSchemaHandle csv_schema) {
  if (paths.empty()) return Status::InvalidArgument("no input files given");
  std::shared_ptr<arrow::Schema> types;
  if (csv_schema.valid()) {
    auto imported = arrow::ImportSchema(csv_schema.get());
    if (!imported.ok()) return Status::Internal("table schema: " + imported.status().message());
    types = std::move(*imported);
  }
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::InvalidArgument(path + ": not a regular file");
    }
    bool csv = format == InputFormat::kCsv || (format == InputFormat::kAuto && IsCsvPath(path));
    Result<InputFile> file = csv ? OpenCsv(path, types.get()) : OpenParquet(path);
    DELTA_RETURN_NOT_OK(file.status());
    if (!files.empty() && !file->schema->Equals(*files.front().schema, false)) {
      return Status::InvalidArgument(path + ": " +
                                     FirstDifference(*files.front().schema, *file->schema) +
                                     " as in " + files.front().path);
    }
    files.push_back(std::move(*file));
  }
  auto schema = files.front().schema->RemoveMetadata();
  files.front().schema = schema;
  auto reader = std::make_shared<ConcatenatedReader>(std::move(files));
  ArrowArrayStream out;
  arrow::Status st = arrow::ExportRecordBatchReader(reader, &out);
  if (!st.ok()) return Status::Internal("exporting the input stream: " + st.message());
  return ArrowStreamHandle(&out);
}

}  // namespace delta::cli
