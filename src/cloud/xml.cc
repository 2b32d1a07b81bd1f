#include "cloud/xml.h"

#include <cstdint>

namespace delta::cloud {

const XmlElement* XmlElement::Child(std::string_view child) const {
  for (const XmlElement& c : children) {
    if (c.name == child) return &c;
  }
  return nullptr;
}

std::string_view XmlElement::ChildText(std::string_view child) const {
  const XmlElement* c = Child(child);
  return c == nullptr ? std::string_view() : std::string_view(c->text);
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<XmlElement> Document() {
    DELTA_RETURN_NOT_OK(SkipMisc());
    if (!Peek('<')) return Error("expected the root element");
    XmlElement root;
    DELTA_RETURN_NOT_OK(Element(root, 0));
    DELTA_RETURN_NOT_OK(SkipMisc());
    if (pos_ != s_.size()) return Error("content after the root element");
    return root;
  }

 private:
  Status Error(std::string_view why) const {
    return Status::InvalidArgument("malformed XML at offset " + std::to_string(pos_) + ": " +
                                   std::string(why));
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool StartsWith(std::string_view p) const { return s_.substr(pos_).starts_with(p); }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  Status SkipPast(std::string_view end) {
    size_t at = s_.find(end, pos_);
    if (at == std::string_view::npos) return Error("unterminated markup");
    pos_ = at + end.size();
    return Status::OK();
  }
  // Declarations, comments, processing instructions and white space between elements.
  Status SkipMisc() {
    for (;;) {
      SkipSpace();
      if (StartsWith("<?")) {
        DELTA_RETURN_NOT_OK(SkipPast("?>"));
      } else if (StartsWith("<!--")) {
        DELTA_RETURN_NOT_OK(SkipPast("-->"));
      } else if (StartsWith("<!")) {
        DELTA_RETURN_NOT_OK(SkipPast(">"));
      } else {
        return Status::OK();
      }
    }
  }
  std::string_view Name() {
    size_t start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>' || c == '=') {
        break;
      }
      ++pos_;
    }
    return s_.substr(start, pos_ - start);
  }
  Status AppendText(std::string_view raw, std::string& out) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      size_t semi = raw.find(';', i);
      if (semi == std::string_view::npos) return Error("unterminated entity");
      std::string_view e = raw.substr(i + 1, semi - i - 1);
      if (e == "amp") {
        out += '&';
      } else if (e == "lt") {
        out += '<';
      } else if (e == "gt") {
        out += '>';
      } else if (e == "quot") {
        out += '"';
      } else if (e == "apos") {
        out += '\'';
      } else if (e.size() > 1 && e[0] == '#') {
        uint32_t cp = 0;
        bool hex = e[1] == 'x' || e[1] == 'X';
        std::string_view digits = e.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 8) return Error("bad character reference");
        for (char c : digits) {
          int d = c >= '0' && c <= '9'          ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : -1;
          if (d < 0) return Error("bad character reference");
          cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
        }
        if (cp > 0x10FFFF) return Error("bad character reference");
        AppendUtf8(cp, out);
      } else {
        return Error("unknown entity '&" + std::string(e) + ";'");
      }
      i = semi;
    }
    return Status::OK();
  }
  static void AppendUtf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  Status Element(XmlElement& el, int depth) {
    if (depth > kMaxDepth) return Error("elements nested too deeply");
    ++pos_;  // '<'
    el.name = std::string(Name());
    if (el.name.empty()) return Error("element without a name");
    // Attributes are skipped (quoted values may hold '>').
    for (;;) {
      SkipSpace();
      if (pos_ >= s_.size()) return Error("unterminated start tag");
      if (StartsWith("/>")) {
        pos_ += 2;
        return Status::OK();
      }
      if (Peek('>')) {
        ++pos_;
        break;
      }
      if (Name().empty()) return Error("bad attribute");
      SkipSpace();
      if (!Peek('=')) return Error("attribute without a value");
      ++pos_;
      SkipSpace();
      if (!Peek('"') && !Peek('\'')) return Error("unquoted attribute value");
      char quote = s_[pos_++];
      size_t end = s_.find(quote, pos_);
      if (end == std::string_view::npos) return Error("unterminated attribute value");
      pos_ = end + 1;
    }
    for (;;) {
      size_t lt = s_.find('<', pos_);
      if (lt == std::string_view::npos) return Error("unterminated element <" + el.name + ">");
      DELTA_RETURN_NOT_OK(AppendText(s_.substr(pos_, lt - pos_), el.text));
      pos_ = lt;
      if (StartsWith("</")) {
        pos_ += 2;
        std::string_view closing = Name();
        if (closing != el.name) {
          return Error("</" + std::string(closing) + "> closes <" + el.name + ">");
        }
        SkipSpace();
        if (!Peek('>')) return Error("bad end tag");
        ++pos_;
        return Status::OK();
      }
      if (StartsWith("<![CDATA[")) {
        size_t end = s_.find("]]>", pos_);
        if (end == std::string_view::npos) return Error("unterminated CDATA");
        el.text.append(s_.substr(pos_ + 9, end - pos_ - 9));
        pos_ = end + 3;
      } else if (StartsWith("<!--")) {
        DELTA_RETURN_NOT_OK(SkipPast("-->"));
      } else if (StartsWith("<?")) {
        DELTA_RETURN_NOT_OK(SkipPast("?>"));
      } else {
        el.children.emplace_back();
        DELTA_RETURN_NOT_OK(Element(el.children.back(), depth + 1));
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<XmlElement> ParseXml(std::string_view text) { return Parser(text).Document(); }

}  // namespace delta::cloud
