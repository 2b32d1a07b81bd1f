// delta::Status -> the Python exception class of its code (delta_kernel/exceptions.py).
#include <Python.h>
#include <nanobind/stl/string.h>

#include <new>
#include <string>

#include "common.h"

namespace delta::python {

namespace {

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
  PyErr_SetString(cls, status.message().c_str());
  Py_DECREF(cls);
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
      [](int code, const std::string& message) {
        ThrowIfError(Status(static_cast<StatusCode>(code), message));
      },
      "Raises the exception of a delta::StatusCode (tests the error mapping).");
}

}  // namespace delta::python
