// delta::Status -> the Python exception class of its code (delta_kernel/exceptions.py).
#include <Python.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdint>
#include <new>
#include <string>
#include <vector>

#include "common.h"

namespace delta::python {

namespace {

// Sets `name` on `exc` to `value` (a new reference, consumed); false if Python failed.
bool SetAttr(PyObject* exc, const char* name, PyObject* value) {
  if (value == nullptr) return false;
  int rc = PyObject_SetAttrString(exc, name, value);
  Py_DECREF(value);
  return rc == 0;
}

// The exception's detail attributes (see DeltaError): left at their class defaults (None)
// when the status has no detail.
bool SetDetail(PyObject* exc, const ErrorDetail& detail) {
  std::string_view kind = ErrorDetailKindName(detail.kind);
  return SetAttr(exc, "detail_kind",
                 PyUnicode_FromStringAndSize(kind.data(), static_cast<Py_ssize_t>(kind.size()))) &&
         (detail.version < 0 ||
          SetAttr(exc, "detail_version", PyLong_FromLongLong(detail.version))) &&
         (detail.subject.empty() ||
          SetAttr(exc, "detail_subject",
                  PyUnicode_FromStringAndSize(detail.subject.data(),
                                              static_cast<Py_ssize_t>(detail.subject.size()))));
}

void RaiseStatus(const Status& status) {
  // The classes live in pure Python so they carry docstrings and inherit from the matching
  // builtin exceptions; look the class up by the code's stable name.
  PyObject* cls = nullptr;
  PyObject* mod = PyImport_ImportModule("delta_kernel.exceptions");
  if (mod != nullptr) {
    std::string name(StatusCodeName(status.code()));
    cls = PyObject_CallMethod(mod, "_class_for", "s", name.c_str());
    Py_DECREF(mod);
  }
  if (cls == nullptr) {
    // The package is broken; still report the original error.
    PyErr_Clear();
    PyErr_SetString(PyExc_RuntimeError, status.ToString().c_str());
    return;
  }
  const ErrorDetail* detail = status.detail();
  if (detail == nullptr) {
    PyErr_SetString(cls, status.message().c_str());
    Py_DECREF(cls);
    return;
  }
  // With a detail the exception object is made here, to carry it as attributes.
  PyObject* exc = PyObject_CallFunction(cls, "s", status.message().c_str());
  if (exc != nullptr && SetDetail(exc, *detail)) {
    PyErr_SetObject(cls, exc);
  } else if (!PyErr_Occurred()) {
    PyErr_SetString(cls, status.message().c_str());
  }
  Py_XDECREF(exc);
  Py_DECREF(cls);
}

// The library's names of every value of an enum, indexed by value.
template <typename Enum, typename NameFn>
std::vector<std::string> AllNames(Enum last, NameFn name) {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(last); ++i) out.emplace_back(name(static_cast<Enum>(i)));
  return out;
}

}  // namespace

void RegisterErrors(nb::module_& m) {
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const StatusError& e) {
      RaiseStatus(e.status());
    } catch (const std::bad_alloc&) {
      // The bindings' own allocations: a DeltaError too (ResourceExhaustedError is a MemoryError).
      RaiseStatus(Status::ResourceExhausted("out of memory"));
    }
  });
  m.def(
      "_raise_status",
      [](int code, const std::string& message, int detail_kind, int64_t detail_version,
         const std::string& detail_subject) {
        ErrorDetail detail{static_cast<ErrorDetailKind>(detail_kind), detail_version,
                           detail_subject};
        ThrowIfError(Status(static_cast<StatusCode>(code), message, std::move(detail)));
      },
      nb::arg("code"), nb::arg("message"), nb::arg("detail_kind") = 0,
      nb::arg("detail_version") = -1, nb::arg("detail_subject") = "",
      "Raises the exception of a delta::StatusCode, with an optional delta::ErrorDetail (tests "
      "the error mapping).");
  m.def(
      "_status_code_names", [] { return AllNames(kLastStatusCode, StatusCodeName); },
      "delta::StatusCodeName of every code, indexed by code: the kinds of the exception classes.");
  m.def(
      "_error_detail_names", [] { return AllNames(kLastErrorDetailKind, ErrorDetailKindName); },
      "delta::ErrorDetailKindName of every detail kind, indexed by kind.");
}

}  // namespace delta::python
