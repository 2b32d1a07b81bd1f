// _Transaction: a delta::Transaction driven from Python (see delta_kernel.Transaction), and the
// CommitResult as Python sees it.
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/unique_ptr.h>
#include <nanobind/stl/vector.h>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/expression.h"
#include "delta/transaction.h"

namespace delta::python {

namespace {

struct PyTransaction {
  std::unique_ptr<Transaction> txn;
  std::shared_ptr<const Snapshot> snapshot;
  // Live files by path, built on the first remove_file.
  std::unordered_map<std::string_view, const AddFile*> live;
  // Set while a call runs without the GIL, so a second Python thread is refused rather than
  // racing it (a Transaction is not thread-safe).
  std::atomic<bool> busy{false};
};

// Marks the transaction busy for one call; raises when another thread is in it.
class Busy {
 public:
  explicit Busy(PyTransaction& t) : t_(t) {
    if (t_.busy.exchange(true)) {
      throw StatusError(
          Status::InvalidArgument("the transaction is busy with another call (it is not "
                                  "thread-safe: build and commit it from one thread)"));
    }
  }
  ~Busy() { t_.busy.store(false); }
  Busy(const Busy&) = delete;
  Busy& operator=(const Busy&) = delete;

 private:
  PyTransaction& t_;
};

nb::dict WrittenFileDict(const WrittenFile& f) {
  nb::dict d;
  d["path"] = f.path;
  d["partition_values"] = f.partition_values;
  d["size"] = f.size;
  d["modification_time"] = f.modification_time;
  d["num_records"] = f.num_records;
  d["stats"] = f.stats;
  return d;
}

// A data file an engine describes: the keys WrittenFileDict returns (stats and
// modification_time optional).
WrittenFile WrittenFileFrom(const nb::handle& obj, size_t index) {
  std::string where = "add_files: file " + std::to_string(index);
  if (!nb::isinstance<nb::dict>(obj)) {
    throw StatusError(Status::InvalidArgument(where + " is not a dict"));
  }
  nb::dict d = nb::borrow<nb::dict>(obj);
  auto required = [&](const char* key) -> nb::object {
    if (!d.contains(key)) {
      throw StatusError(Status::InvalidArgument(where + " has no '" + key + "'"));
    }
    return d[key];
  };
  WrittenFile f;
  try {
    f.path = nb::cast<std::string>(required("path"));
    f.size = nb::cast<int64_t>(required("size"));
    f.num_records = nb::cast<int64_t>(required("num_records"));
    if (d.contains("modification_time")) {
      f.modification_time = nb::cast<int64_t>(d["modification_time"]);
    }
    if (d.contains("stats") && !d["stats"].is_none()) f.stats = nb::cast<std::string>(d["stats"]);
    if (d.contains("partition_values") && !d["partition_values"].is_none()) {
      f.partition_values =
          nb::cast<std::map<std::string, std::optional<std::string>>>(d["partition_values"]);
    }
  } catch (const nb::cast_error&) {
    throw StatusError(Status::InvalidArgument(
        where + " (" + f.path +
        "): path and stats must be str, size, num_records and modification_time int, "
        "partition_values a dict of str to str or None"));
  }
  if (f.path.empty()) throw StatusError(Status::InvalidArgument(where + " has an empty path"));
  if (f.size < 0 || f.num_records < 0) {
    throw StatusError(
        Status::InvalidArgument(where + " (" + f.path + ") has a negative size or num_records"));
  }
  return f;
}

TransactionOptions MakeOptions(std::optional<std::string> isolation_level, int max_attempts,
                               std::optional<std::string> engine_info) {
  TransactionOptions o;
  if (isolation_level) o.isolation_level = ValueOrThrow(ParseIsolationLevel(*isolation_level));
  if (max_attempts < 1) {
    throw StatusError(Status::InvalidArgument("max_attempts must be at least 1, got " +
                                              std::to_string(max_attempts)));
  }
  o.max_attempts = max_attempts;
  if (engine_info) o.engine_info = *engine_info;
  return o;
}

}  // namespace

nb::dict CommitResultDict(const CommitResult& r) {
  nb::dict d;
  d["version"] = r.version;
  d["committed"] = r.committed;
  d["attempts"] = r.attempts;
  d["rebased_over"] = r.rebased_over;
  d["timestamp_ms"] = r.timestamp;
  d["in_commit_timestamp_ms"] =
      r.in_commit_timestamp ? nb::object(nb::int_(*r.in_commit_timestamp)) : nb::none();
  d["recovered_lost_response"] = r.recovered_lost_response;
  d["warnings"] = r.warnings;
  return d;
}

void RegisterTransaction(nb::module_& m) {
  nb::class_<PyTransaction>(m, "_Transaction",
                            "A transaction on one snapshot (see delta_kernel.Transaction).")
      .def_prop_ro("read_version", [](const PyTransaction& t) { return t.txn->read_version(); })
      .def_prop_ro("isolation_level",
                   [](const PyTransaction& t) {
                     return std::string(IsolationLevelName(t.txn->isolation_level()));
                   })
      .def("schema_json", [](const PyTransaction& t) { return t.txn->schema()->ToJson(); })
      .def("partition_columns",
           [](const PyTransaction& t) { return t.txn->metadata().partition_columns; })
      .def("record_read_whole_table",
           [](PyTransaction& t) {
             Busy busy(t);
             t.txn->RecordReadWholeTable();
           })
      .def(
          "record_read_predicate",
          [](PyTransaction& t, const std::string& predicate) {
            Busy busy(t);
            ExprPtr expr = ValueOrThrow(ParseExpression(predicate));
            ThrowIfError(t.txn->RecordReadPredicate(expr));
          },
          nb::arg("predicate"))
      .def(
          "record_read_file",
          [](PyTransaction& t, const std::string& path) {
            Busy busy(t);
            t.txn->RecordReadFile(path);
          },
          nb::arg("path"))
      .def(
          "read_app_version",
          [](PyTransaction& t, const std::string& app_id) {
            Busy busy(t);
            return t.txn->ReadAppVersion(app_id);
          },
          nb::arg("app_id"))
      .def(
          "read_domain_metadata",
          [](PyTransaction& t, const std::string& domain) -> std::optional<std::string> {
            Busy busy(t);
            std::optional<DomainMetadata> d = t.txn->ReadDomainMetadata(domain);
            if (!d || d->removed) return std::nullopt;
            return d->configuration;
          },
          nb::arg("domain"))
      .def(
          "write_files",
          [](PyTransaction& t, nb::handle capsule, std::optional<int64_t> target_file_size,
             std::optional<int64_t> row_group_rows, std::optional<std::string> compression) {
            Busy busy(t);
            ArrowStreamHandle stream = StreamFromCapsule(capsule, "data");
            ParquetWriteOptions options;
            if (target_file_size) options.target_file_size = *target_file_size;
            if (row_group_rows) options.row_group_rows = *row_group_rows;
            if (compression) options.compression = *compression;
            std::vector<WrittenFile> files =
                ValueOrThrow(WithoutGil([&] { return t.txn->WriteFiles(stream.get(), &options); }));
            nb::list out;
            for (const WrittenFile& f : files) out.append(WrittenFileDict(f));
            return out;
          },
          nb::arg("data"), nb::arg("target_file_size") = nb::none(),
          nb::arg("row_group_rows") = nb::none(), nb::arg("compression") = nb::none())
      .def(
          "add_files",
          [](PyTransaction& t, const nb::list& files, bool data_change) {
            Busy busy(t);
            std::vector<WrittenFile> parsed;
            parsed.reserve(files.size());
            for (size_t i = 0; i < files.size(); ++i)
              parsed.push_back(WrittenFileFrom(files[i], i));
            ThrowIfError(t.txn->AddFiles(parsed, data_change));
          },
          nb::arg("files"), nb::arg("data_change") = true)
      .def(
          "remove_file",
          [](PyTransaction& t, const std::string& path, bool data_change) {
            Busy busy(t);
            const Snapshot& snap = *t.snapshot;
            if (!snap.has_file_list()) {
              throw StatusError(Status::InvalidArgument(
                  "remove_file needs a snapshot with its file list (file_list='in-memory')"));
            }
            if (t.live.empty()) {
              for (const AddFile& f : snap.files()) t.live.emplace(f.path, &f);
            }
            auto it = t.live.find(path);
            if (it == t.live.end()) {
              throw StatusError(Status::NotFound("remove_file: '" + path +
                                                 "' is not a live file of version " +
                                                 std::to_string(snap.version())));
            }
            ThrowIfError(t.txn->RemoveLiveFile(*it->second, data_change));
          },
          nb::arg("path"), nb::arg("data_change") = true)
      .def(
          "update_metadata",
          [](PyTransaction& t, std::optional<std::map<std::string, std::string>> configuration,
             std::optional<std::string> name, std::optional<std::string> description) {
            Busy busy(t);
            Metadata md = t.txn->metadata();
            if (configuration) md.configuration = std::move(*configuration);
            if (name) md.name = std::move(*name);
            if (description) md.description = std::move(*description);
            ThrowIfError(t.txn->UpdateMetadata(std::move(md)));
          },
          nb::arg("configuration") = nb::none(), nb::arg("name") = nb::none(),
          nb::arg("description") = nb::none())
      .def(
          "set_app_transaction",
          [](PyTransaction& t, std::string app_id, int64_t version) {
            Busy busy(t);
            ThrowIfError(t.txn->SetAppTransaction(std::move(app_id), version));
          },
          nb::arg("app_id"), nb::arg("version"))
      .def(
          "set_domain_metadata",
          [](PyTransaction& t, std::string domain, std::string configuration, bool removed) {
            Busy busy(t);
            ThrowIfError(t.txn->SetDomainMetadata(
                DomainMetadata{std::move(domain), std::move(configuration), removed}));
          },
          nb::arg("domain"), nb::arg("configuration"), nb::arg("removed") = false)
      .def(
          "set_operation",
          [](PyTransaction& t, std::string operation,
             std::map<std::string, std::string> parameters) {
            Busy busy(t);
            t.txn->SetOperation(std::move(operation), std::move(parameters));
          },
          nb::arg("operation"), nb::arg("parameters") = std::map<std::string, std::string>{})
      .def(
          "set_operation_metric",
          [](PyTransaction& t, std::string name, int64_t value) {
            Busy busy(t);
            t.txn->SetOperationMetric(std::move(name), value);
          },
          nb::arg("name"), nb::arg("value"))
      .def("commit", [](PyTransaction& t) {
        Busy busy(t);
        return CommitResultDict(ValueOrThrow(WithoutGil([&] { return t.txn->Commit(); })));
      });

  m.def(
      "_begin_transaction",
      [](const PySnapshot& s, std::optional<std::string> isolation_level, int max_attempts,
         std::optional<std::string> engine_info) {
        TransactionOptions options =
            MakeOptions(std::move(isolation_level), max_attempts, std::move(engine_info));
        auto t = std::make_unique<PyTransaction>();
        t->txn = ValueOrThrow(Transaction::Begin(s.snapshot, std::move(options)));
        t->snapshot = s.snapshot;
        return t;
      },
      nb::arg("snapshot"), nb::arg("isolation_level") = nb::none(), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none());
}

}  // namespace delta::python
