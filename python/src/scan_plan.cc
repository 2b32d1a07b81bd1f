// _scan_plan: Scan.plan() over the scan's metadata batches. The batches that select a file are
// kept (shared Arrow buffers, re-exported as often as asked) and the per-file dicts are made
// only when Python asks for ScanPlan.files.
#include <arrow/c/bridge.h>
#include <arrow/record_batch.h>

#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/scan_metadata.h"
#include "scan_file_dict.h"

namespace delta::python {

namespace {

void ThrowIfArrowError(const arrow::Status& st, const char* what) {
  if (!st.ok()) throw StatusError(Status::Internal(std::string(what) + ": " + st.message()));
}

// The planned batches that select at least one file, with their selection vectors.
struct PyScanPlan {
  PyScan scan;
  std::shared_ptr<arrow::Schema> schema;
  std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
  std::vector<std::vector<uint8_t>> selections;
  ScanCounts counts;
};

// Plans the scan (without the GIL): every metadata batch, keeping those that select a file.
PyScanPlan Plan(const PyScan& s) {
  PyScanPlan out;
  out.scan = s;
  ArrowSchemaHandle c_schema = ValueOrThrow(ScanMetadataSchema(*s.scan));
  auto schema = arrow::ImportSchema(c_schema.get());
  ThrowIfArrowError(schema.status(), "planning the scan");
  out.schema = std::move(schema).ValueUnsafe();
  std::unique_ptr<ScanMetadataIterator> it = ValueOrThrow(s.scan->MetadataBatches());
  while (true) {
    std::optional<ScanMetadataBatch> b = ValueOrThrow(it->Next());
    if (!b) break;
    if (b->counts.selected_files == 0) continue;
    auto batch = arrow::ImportRecordBatch(b->array.get(), out.schema);
    ThrowIfArrowError(batch.status(), "planning the scan");
    out.batches.push_back(std::move(batch).ValueUnsafe());
    out.selections.push_back(std::move(b->selection));
  }
  out.counts = it->counts();
  return out;
}

// The ScanFiles of the plan, read back from its batches (without the GIL).
std::vector<ScanFile> Files(const PyScanPlan& p) {
  std::vector<ScanFile> out;
  out.reserve(static_cast<size_t>(p.counts.selected_files));
  for (size_t i = 0; i < p.batches.size(); ++i) {
    ScanMetadataBatch b;
    ThrowIfArrowError(arrow::ExportRecordBatch(*p.batches[i], b.array.get()), "scan plan files");
    b.selection = p.selections[i];
    std::vector<ScanFile> files = ValueOrThrow(SelectedScanFiles(*p.scan.scan, b));
    std::move(files.begin(), files.end(), std::back_inserter(out));
  }
  return out;
}

}  // namespace

void RegisterScanPlan(nb::module_& m) {
  nb::class_<PyScanPlan>(m, "_ScanPlan", "A scan's planned files (see delta_kernel.ScanPlan).")
      .def("files",
           [](const PyScanPlan& p) {
             std::vector<ScanFile> files = WithoutGil([&] { return Files(p); });
             nb::list out;
             for (const ScanFile& f : files) out.append(ScanFileDict(f));
             return out;
           })
      .def("stream",
           [](const PyScanPlan& p) {
             // The kept batches (every column, `selected` included); buffers are shared.
             auto reader = arrow::RecordBatchReader::Make(p.batches, p.schema);
             ThrowIfArrowError(reader.status(), "scan plan stream");
             ArrowStreamHandle out;
             ThrowIfArrowError(
                 arrow::ExportRecordBatchReader(std::move(reader).ValueUnsafe(), out.get()),
                 "scan plan stream");
             return StreamCapsule(std::move(out));
           })
      .def_prop_ro("counts", [](const PyScanPlan& p) {
        nb::dict c;
        c["total_files"] = p.counts.total_files;
        c["pruned_by_partition"] = p.counts.pruned_by_partition;
        c["skipped_by_stats"] = p.counts.skipped_by_stats;
        c["selected_files"] = p.counts.selected_files;
        return c;
      });
  m.def(
      "_scan_plan",
      [](const PyScan& s) {
        // Planning runs on the engine's threads; the GIL is free while it does.
        return WithoutGil([&] { return Plan(s); });
      },
      nb::arg("scan"));
}

}  // namespace delta::python
