// Just enough XML for object-store responses (Azure's List Blobs and error bodies): the text
// of elements found by name in order, entities decoded. No namespaces, DTDs or CDATA, which
// those responses do not use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace delta::cloud {

/// One element found by XmlElements: its attributes' raw text and its inner content.
struct XmlMatch {
  std::string_view attributes;  ///< e.g. ` Encoded="true"`, empty when none
  std::string_view inner;       ///< raw content between the tags; empty for <tag/>
};

/// The elements named `tag` in `xml`, in document order, not looking inside one found
/// element for another of the same name.
std::vector<XmlMatch> XmlElements(std::string_view xml, std::string_view tag);

/// The decoded text of the first element named `tag`, or empty.
std::string XmlFirstText(std::string_view xml, std::string_view tag);

/// `text` with the five predefined entities and numeric character references decoded.
std::string XmlUnescape(std::string_view text);

}  // namespace delta::cloud
