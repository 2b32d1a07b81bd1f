#include "arrow_capsules.h"

#include <Python.h>

#include <string>

namespace delta::python {

namespace {

constexpr const char* kSchemaName = "arrow_schema";
constexpr const char* kStreamName = "arrow_array_stream";
constexpr const char* kArrayName = "arrow_array";

void DestroySchema(PyObject* capsule) {
  auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, kSchemaName));
  if (schema == nullptr) {
    PyErr_Clear();
    return;
  }
  if (schema->release != nullptr) schema->release(schema);
  delete schema;
}

void DestroyStream(PyObject* capsule) {
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, kStreamName));
  if (stream == nullptr) {
    PyErr_Clear();
    return;
  }
  // An unconsumed stream: releasing it stops the scan's readers.
  if (stream->release != nullptr) stream->release(stream);
  delete stream;
}

template <typename T, typename Handle>
nb::object MakeCapsule(Handle handle, const char* name, PyCapsule_Destructor destroy) {
  auto* raw = new T;
  handle.MoveTo(raw);
  PyObject* capsule = PyCapsule_New(raw, name, destroy);
  if (capsule == nullptr) {
    if (raw->release != nullptr) raw->release(raw);
    delete raw;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

template <typename T, typename Handle>
Handle TakeFromCapsule(nb::handle capsule, const char* name, const char* what) {
  if (!PyCapsule_IsValid(capsule.ptr(), name)) {
    throw StatusError(
        Status::InvalidArgument(std::string(what) + " is not an Arrow PyCapsule \"" + name + "\""));
  }
  auto* raw = static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
  if (raw == nullptr || raw->release == nullptr) {
    PyErr_Clear();
    throw StatusError(
        Status::InvalidArgument(std::string(what) + " was consumed already (an empty capsule)"));
  }
  return Handle(raw);  // moves the struct out and marks the capsule's copy released
}

}  // namespace

ArrowStreamHandle StreamFromCapsule(nb::handle capsule, const char* what) {
  return TakeFromCapsule<ArrowArrayStream, ArrowStreamHandle>(capsule, kStreamName, what);
}

ArrowSchemaHandle SchemaFromCapsule(nb::handle capsule, const char* what) {
  return TakeFromCapsule<ArrowSchema, ArrowSchemaHandle>(capsule, kSchemaName, what);
}

ArrowArrayHandle ArrayFromCapsule(nb::handle capsule, const char* what) {
  return TakeFromCapsule<ArrowArray, ArrowArrayHandle>(capsule, kArrayName, what);
}

nb::object SchemaCapsule(ArrowSchemaHandle schema) {
  return MakeCapsule<ArrowSchema>(std::move(schema), kSchemaName, &DestroySchema);
}

nb::object StreamCapsule(ArrowStreamHandle stream) {
  return MakeCapsule<ArrowArrayStream>(std::move(stream), kStreamName, &DestroyStream);
}

}  // namespace delta::python
