// Shared pieces of the delta_kernel._core bindings: Status -> Python exception, the process
// engine, the objects bound to Python, and the registration functions of each file.
#pragma once

#include <nanobind/nanobind.h>

#include <exception>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::python {

namespace nb = nanobind;

/// A failed Status on its way to Python. The translator installed by RegisterErrors raises it
/// as the delta_kernel.exceptions class of its code, with the message as its text.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status status) : status_(std::move(status)), what_(status_.ToString()) {}
  const char* what() const noexcept override { return what_.c_str(); }
  const Status& status() const { return status_; }

 private:
  Status status_;
  std::string what_;
};

inline void ThrowIfError(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

template <typename T>
T ValueOrThrow(Result<T>&& result) {
  if (!result.ok()) throw StatusError(result.status());
  return std::move(result).value();
}

/// Runs `fn` without the GIL (for calls that read storage or wait on threads) and returns its
/// result; the GIL is held again before the caller inspects it or raises.
template <typename Fn>
auto WithoutGil(Fn&& fn) {
  nb::gil_scoped_release release;
  return fn();
}

/// The default engine every table of this process shares, created on first use.
std::shared_ptr<Engine> ProcessEngine();
/// The engine for tables opened with these storage options (object-store credentials,
/// endpoint, region); the default one when there are none.
std::shared_ptr<Engine> ProcessEngine(const std::map<std::string, std::string>& storage_options);

/// A snapshot as Python holds it.
struct PySnapshot {
  std::shared_ptr<const Snapshot> snapshot;
  std::shared_ptr<Engine> engine;
};

/// A planned scan plus the engine that executes it.
struct PyScan {
  std::shared_ptr<const Scan> scan;
  std::shared_ptr<Engine> engine;
};

/// A CommitResult as the dict delta_kernel.CommitResult is built from.
nb::dict CommitResultDict(const CommitResult& result);

void RegisterErrors(nb::module_& m);
void RegisterTable(nb::module_& m);
void RegisterSnapshot(nb::module_& m);
void RegisterScan(nb::module_& m);
void RegisterChanges(nb::module_& m);
void RegisterTransaction(nb::module_& m);
void RegisterCheckpoint(nb::module_& m);
void RegisterWriteTable(nb::module_& m);
void RegisterDelete(nb::module_& m);
void RegisterUpdate(nb::module_& m);
void RegisterMerge(nb::module_& m);
void RegisterOptimize(nb::module_& m);
void RegisterMaintenance(nb::module_& m);
void RegisterLogCleanup(nb::module_& m);
void RegisterPlainStream(nb::module_& m);
void RegisterScanMetadata(nb::module_& m);
void RegisterScanPlan(nb::module_& m);
void RegisterScanTask(nb::module_& m);
void RegisterPlanningTask(nb::module_& m);

}  // namespace delta::python
