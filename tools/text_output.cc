#include "text_output.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/c/bridge.h>
#include <arrow/record_batch.h>
#include <arrow/scalar.h>

#include "delta/json_writer.h"
#include "delta/value_text.h"

namespace delta::cli {

namespace {

// Rows of a table rendering whose widths are measured before printing; later rows reuse them.
constexpr size_t kTableSampleRows = 1000;

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void AppendBase64(std::string* out, std::string_view bytes) {
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out->push_back(kBase64[(v >> 18) & 63]);
    out->push_back(kBase64[(v >> 12) & 63]);
    out->push_back(kBase64[(v >> 6) & 63]);
    out->push_back(kBase64[v & 63]);
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out->push_back(kBase64[(v >> 18) & 63]);
    out->push_back(kBase64[(v >> 12) & 63]);
    out->push_back(i + 1 < bytes.size() ? kBase64[(v >> 6) & 63] : '=');
    out->push_back('=');
  }
}

void AppendHex(std::string* out, std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (char c : bytes) {
    out->push_back(kDigits[(static_cast<uint8_t>(c) >> 4) & 15]);
    out->push_back(kDigits[static_cast<uint8_t>(c) & 15]);
  }
}

template <typename T>
void AppendFloating(std::string* out, T v) {
  if (std::isnan(v)) {
    out->append("NaN");
  } else if (std::isinf(v)) {
    out->append(v > 0 ? "Infinity" : "-Infinity");
  } else {
    char buf[48];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    if (ec == std::errc()) out->append(buf, end);
  }
}

// Appends one value. `json` renders it as a JSON value; otherwise primitives are plain text
// (nested values are JSON either way).
void AppendValue(const arrow::Array& a, int64_t i, bool json, std::string* out) {
  if (a.IsNull(i)) {
    out->append(json ? "null" : "");
    return;
  }
  const auto quoted = [&](const std::string& s) {
    if (json) {
      AppendJsonString(out, s);
    } else {
      out->append(s);
    }
  };
  switch (a.type_id()) {
    case arrow::Type::NA:
      out->append(json ? "null" : "");
      return;
    case arrow::Type::BOOL:
      out->append(static_cast<const arrow::BooleanArray&>(a).Value(i) ? "true" : "false");
      return;
    case arrow::Type::INT8:
      out->append(std::to_string(static_cast<const arrow::Int8Array&>(a).Value(i)));
      return;
    case arrow::Type::INT16:
      out->append(std::to_string(static_cast<const arrow::Int16Array&>(a).Value(i)));
      return;
    case arrow::Type::INT32:
      out->append(std::to_string(static_cast<const arrow::Int32Array&>(a).Value(i)));
      return;
    case arrow::Type::INT64:
      out->append(std::to_string(static_cast<const arrow::Int64Array&>(a).Value(i)));
      return;
    case arrow::Type::FLOAT:
    case arrow::Type::DOUBLE: {
      double v = a.type_id() == arrow::Type::FLOAT
                     ? static_cast<const arrow::FloatArray&>(a).Value(i)
                     : static_cast<const arrow::DoubleArray&>(a).Value(i);
      std::string text;
      if (a.type_id() == arrow::Type::FLOAT) {
        AppendFloating(&text, static_cast<const arrow::FloatArray&>(a).Value(i));
      } else {
        AppendFloating(&text, v);
      }
      if (json && !std::isfinite(v)) {
        AppendJsonString(out, text);  // JSON has no NaN or infinities
      } else {
        out->append(text);
      }
      return;
    }
    case arrow::Type::DECIMAL128:
      out->append(static_cast<const arrow::Decimal128Array&>(a).FormatValue(i));
      return;
    case arrow::Type::STRING:
      quoted(std::string(static_cast<const arrow::StringArray&>(a).GetView(i)));
      return;
    case arrow::Type::BINARY: {
      std::string_view bytes = static_cast<const arrow::BinaryArray&>(a).GetView(i);
      if (json) {
        out->push_back('"');
        AppendBase64(out, bytes);
        out->push_back('"');
      } else {
        AppendHex(out, bytes);
      }
      return;
    }
    case arrow::Type::DATE32:
      quoted(delta::FormatDate(static_cast<const arrow::Date32Array&>(a).Value(i)));
      return;
    case arrow::Type::TIMESTAMP: {
      const auto& type = static_cast<const arrow::TimestampType&>(*a.type());
      int64_t micros = static_cast<const arrow::TimestampArray&>(a).Value(i);
      std::string text = delta::FormatTimestamp(micros, 'T', false);
      if (!type.timezone().empty()) text += 'Z';
      quoted(text);
      return;
    }
    case arrow::Type::STRUCT: {
      const auto& s = static_cast<const arrow::StructArray&>(a);
      out->push_back('{');
      for (int f = 0; f < s.num_fields(); ++f) {
        if (f > 0) out->push_back(',');
        AppendJsonString(out, s.type()->field(f)->name());
        out->push_back(':');
        AppendValue(*s.field(f), i, true, out);
      }
      out->push_back('}');
      return;
    }
    case arrow::Type::LIST: {
      const auto& l = static_cast<const arrow::ListArray&>(a);
      out->push_back('[');
      auto values = l.values();
      for (int64_t k = l.value_offset(i); k < l.value_offset(i + 1); ++k) {
        if (k > l.value_offset(i)) out->push_back(',');
        AppendValue(*values, k, true, out);
      }
      out->push_back(']');
      return;
    }
    case arrow::Type::MAP: {
      const auto& m = static_cast<const arrow::MapArray&>(a);
      auto keys = m.keys();
      auto items = m.items();
      bool string_keys = keys->type_id() == arrow::Type::STRING;
      out->push_back(string_keys ? '{' : '[');
      for (int64_t k = m.value_offset(i); k < m.value_offset(i + 1); ++k) {
        if (k > m.value_offset(i)) out->push_back(',');
        if (string_keys) {
          AppendValue(*keys, k, true, out);
          out->push_back(':');
          AppendValue(*items, k, true, out);
        } else {
          out->append("{\"key\":");
          AppendValue(*keys, k, true, out);
          out->append(",\"value\":");
          AppendValue(*items, k, true, out);
          out->push_back('}');
        }
      }
      out->push_back(string_keys ? '}' : ']');
      return;
    }
    default: {
      auto scalar = a.GetScalar(i);
      quoted(scalar.ok() ? (*scalar)->ToString() : std::string("?"));
      return;
    }
  }
}

void AppendCsvCell(std::string* out, const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out->append(cell);
    return;
  }
  out->push_back('"');
  for (char c : cell) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

// Writes batches as text, keeping the table layout's widths from a first sample of rows.
class TextWriter {
 public:
  TextWriter(TextFormat format, const arrow::Schema& schema,
             const std::function<Status(std::string_view)>& sink)
      : format_(format), sink_(sink) {
    for (const auto& f : schema.fields()) {
      header_.push_back(f->name());
      right_.push_back(arrow::is_integer(f->type()->id()) || arrow::is_floating(f->type()->id()) ||
                       arrow::is_decimal(f->type()->id()));
    }
  }

  Status Start() {
    if (format_ == TextFormat::kCsv) {
      std::string line;
      for (size_t c = 0; c < header_.size(); ++c) {
        if (c > 0) line.push_back(',');
        AppendCsvCell(&line, header_[c]);
      }
      line.push_back('\n');
      return sink_(line);
    }
    return Status::OK();
  }

  Status Write(const arrow::RecordBatch& batch) {
    std::string text;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      if (format_ == TextFormat::kJsonLines) {
        text.push_back('{');
        for (int c = 0; c < batch.num_columns(); ++c) {
          if (c > 0) text.push_back(',');
          AppendJsonString(&text, header_[static_cast<size_t>(c)]);
          text.push_back(':');
          AppendValue(*batch.column(c), r, true, &text);
        }
        text.append("}\n");
        continue;
      }
      std::vector<std::string> cells;
      cells.reserve(static_cast<size_t>(batch.num_columns()));
      for (int c = 0; c < batch.num_columns(); ++c) {
        std::string cell;
        if (format_ == TextFormat::kTable && batch.column(c)->IsNull(r)) {
          cell = "NULL";
        } else {
          AppendValue(*batch.column(c), r, false, &cell);
        }
        cells.push_back(std::move(cell));
      }
      if (format_ == TextFormat::kCsv) {
        for (size_t c = 0; c < cells.size(); ++c) {
          if (c > 0) text.push_back(',');
          AppendCsvCell(&text, cells[c]);
        }
        text.push_back('\n');
        continue;
      }
      if (widths_.empty()) {
        sample_.push_back(std::move(cells));
        if (sample_.size() >= kTableSampleRows) DELTA_RETURN_NOT_OK(FlushSample(&text));
      } else {
        AppendTableRow(cells, &text);
      }
    }
    if (text.empty()) return Status::OK();
    return sink_(text);
  }

  Status Finish() {
    if (format_ != TextFormat::kTable || !widths_.empty()) return Status::OK();
    std::string text;
    DELTA_RETURN_NOT_OK(FlushSample(&text));
    return sink_(text);
  }

 private:
  static size_t DisplayWidth(const std::string& s) {
    size_t n = 0;
    for (char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80 ? 1 : 0;  // code points
    return n;
  }

  Status FlushSample(std::string* text) {
    widths_.assign(header_.size(), 0);
    for (size_t c = 0; c < header_.size(); ++c) widths_[c] = DisplayWidth(header_[c]);
    for (const auto& row : sample_) {
      for (size_t c = 0; c < row.size(); ++c) {
        widths_[c] = std::max(widths_[c], DisplayWidth(row[c]));
      }
    }
    AppendTableRow(header_, text);
    for (const auto& row : sample_) AppendTableRow(row, text);
    sample_.clear();
    return Status::OK();
  }

  void AppendTableRow(const std::vector<std::string>& cells, std::string* out) const {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out->append("  ");
      size_t pad = widths_[c] > DisplayWidth(cells[c]) ? widths_[c] - DisplayWidth(cells[c]) : 0;
      bool last = c + 1 == cells.size();
      if (right_[c]) out->append(pad, ' ');
      out->append(cells[c]);
      if (!right_[c] && !last) out->append(pad, ' ');
    }
    out->push_back('\n');
  }

  TextFormat format_;
  const std::function<Status(std::string_view)>& sink_;
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<size_t> widths_;
  std::vector<std::vector<std::string>> sample_;
};

// Arrow's error from importing an exported batch or schema (a bug if it ever happens).
Status ImportStatus(const arrow::Status& st, std::string_view what) {
  return Status::Internal("importing the scan's " + std::string(what) + ": " + st.ToString());
}

}  // namespace

Result<int64_t> WriteScanAsText(const std::shared_ptr<const Scan>& scan,
                                const std::shared_ptr<Engine>& engine, TextFormat format,
                                const std::function<Status(std::string_view)>& sink,
                                const ExecuteOptions& options) {
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<ScanBatchReader> reader,
                         ReadScanBatches(scan, engine, options));
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle schema_c, reader->Schema());
  auto schema = arrow::ImportSchema(schema_c.get());
  if (!schema.ok()) return ImportStatus(schema.status(), "schema");
  TextWriter writer(format, **schema, sink);
  DELTA_RETURN_NOT_OK(writer.Start());
  int64_t rows = 0;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<ArrowArrayHandle> array, reader->Next());
    if (!array) break;
    auto batch = arrow::ImportRecordBatch(array->get(), *schema);
    if (!batch.ok()) return ImportStatus(batch.status(), "batch");
    DELTA_RETURN_NOT_OK(writer.Write(**batch));
    rows += (*batch)->num_rows();
  }
  DELTA_RETURN_NOT_OK(writer.Finish());
  return rows;
}

}  // namespace delta::cli
