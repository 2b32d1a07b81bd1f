// A small XML reader for object-store responses (S3 listings and errors, Azure listings):
// elements, text and entities; attributes, comments, processing instructions and DOCTYPEs
// are skipped. Namespaces are kept in names as written (prefixes are rare in these replies).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta::cloud {

struct XmlElement {
  std::string name;
  std::string text;  ///< the element's own character data, entities decoded
  std::vector<XmlElement> children;

  /// The first child named `name`, or null.
  const XmlElement* Child(std::string_view name) const;
  /// The text of the first child named `name`, or empty.
  std::string_view ChildText(std::string_view name) const;
};

/// The document's root element; InvalidArgument naming the offset of malformed input.
Result<XmlElement> ParseXml(std::string_view text);

}  // namespace delta::cloud
