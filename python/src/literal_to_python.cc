#include "literal_to_python.h"

#include <nanobind/stl/string.h>

#include <string>

namespace delta::python {

namespace {

// A date or timestamp as datetime.date / datetime.datetime (aware, UTC, for timestamp).
nb::object TemporalToPython(const Literal& value) {
  nb::object datetime = nb::module_::import_("datetime");
  try {
    if (value.kind() == TypeKind::kDate) {
      return datetime.attr("date")(1970, 1, 1) +
             datetime.attr("timedelta")(nb::arg("days") = value.int_value());
    }
    nb::object epoch =
        value.kind() == TypeKind::kTimestamp
            ? datetime.attr("datetime")(1970, 1, 1,
                                        nb::arg("tzinfo") = datetime.attr("timezone").attr("utc"))
            : datetime.attr("datetime")(1970, 1, 1);
    return epoch + datetime.attr("timedelta")(nb::arg("microseconds") = value.int_value());
  } catch (const nb::python_error& e) {
    // Python's datetime holds years 1-9999 only; the kernel's values reach further.
    if (!e.matches(PyExc_OverflowError)) throw;
    throw StatusError(Status::Unsupported(value.ToString() +
                                          " is outside the years 1-9999 Python's datetime holds"));
  }
}

}  // namespace

nb::object LiteralToPython(const Literal& value) {
  if (value.is_null()) return nb::none();
  switch (value.kind()) {
    case TypeKind::kBoolean:
      return nb::bool_(value.boolean_value());
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
      return nb::int_(value.int_value());
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      return nb::float_(value.floating_value());
    case TypeKind::kString:
      return nb::str(value.string_value().data(), value.string_value().size());
    case TypeKind::kBinary:
      return nb::bytes(value.string_value().data(), value.string_value().size());
    case TypeKind::kDate:
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz:
      return TemporalToPython(value);
    case TypeKind::kDecimal: {
      // Decimal("<unscaled>E-<scale>") is exact and keeps the scale.
      std::string text =
          value.decimal_value().ToString() + "E-" + std::to_string(value.decimal_scale());
      return nb::module_::import_("decimal").attr("Decimal")(text);
    }
    default:
      // Partition values are primitives; anything else is shown as the kernel renders it.
      return nb::str(value.ToString().c_str());
  }
}

}  // namespace delta::python
