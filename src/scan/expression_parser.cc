// ParseExpression: a recursive-descent parser for the SQL-like predicate syntax.
//
//   or        := and (OR and)*
//   and       := not (AND not)*
//   not       := NOT not | predicate
//   predicate := sum [ cmp sum | IS [NOT] NULL | [NOT] IN '(' literal, ... ')'
//                    | [NOT] BETWEEN sum AND sum ]
//   sum       := product (('+' | '-') product)*
//   product   := unary (('*' | '/' | '%') unary)*
//   unary     := '-' unary | '+' unary | operand      (a sign before a number is a literal)
//   operand   := literal | COALESCE '(' or, ... ')' | column | '(' or ')'
#include <charconv>
#include <limits>
#include <utility>

#include "delta/expression.h"
#include "scan/expression_internal.h"
#include "scan/partition_values.h"

namespace delta {

namespace {

enum class Tok {
  kEnd,
  kIdent,        // plain identifier or keyword
  kQuotedIdent,  // `...`
  kString,       // '...'
  kHexString,    // X'...'
  kNumber,       // digits with optional fraction, exponent and type suffix
  kOp,           // = == != <> < <= > >= <=>
  kLParen,
  kRParen,
  kComma,
  kDot,
  kMinus,
  kPlus,
  kStar,
  kSlash,
  kPercent,
};

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // identifier/string contents (unescaped), number or operator text
  size_t pos = 0;    // 0-based offset in the input
};

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsUpper(std::string_view s, std::string_view upper) {
  if (s.size() != upper.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (Upper(s[i]) != upper[i]) return false;
  }
  return true;
}

std::string Describe(const Token& t) {
  switch (t.kind) {
    case Tok::kEnd:
      return "end of input";
    case Tok::kString:
      return "string '" + t.text + "'";
    case Tok::kQuotedIdent:
      return "`" + t.text + "`";
    default:
      return "'" + t.text + "'";
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<ExprPtr> Parse() {
    DELTA_RETURN_NOT_OK(Lex());
    DELTA_ASSIGN_OR_RETURN(ExprPtr e, ParseOr());
    if (Peek().kind != Tok::kEnd) return Expected("AND, OR or the end of the expression");
    return e;
  }

 private:
  // --- errors ---------------------------------------------------------------------------------

  Status ErrorAt(size_t pos, const std::string& what) const {
    std::string shown(text_.substr(0, 200));
    if (text_.size() > 200) shown += "...";
    return Status::InvalidArgument("cannot parse expression \"" + shown + "\": at position " +
                                   std::to_string(pos + 1) + ": " + what);
  }
  Status Expected(const std::string& what) const {
    return ErrorAt(Peek().pos, "expected " + what + " but found " + Describe(Peek()));
  }

  // --- lexer ----------------------------------------------------------------------------------

  Status Lex() {
    size_t i = 0;
    const size_t n = text_.size();
    while (true) {
      while (i < n &&
             (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r')) {
        ++i;
      }
      Token t;
      t.pos = i;
      if (i >= n) {
        tokens_.push_back(t);
        return Status::OK();
      }
      const char c = text_[i];
      if ((c == 'x' || c == 'X') && i + 1 < n && text_[i + 1] == '\'') {
        t.kind = Tok::kHexString;
        DELTA_ASSIGN_OR_RETURN(t.text, LexQuoted(i + 1, '\'', &i));
      } else if (IsIdentStart(c)) {
        size_t start = i;
        while (i < n && IsIdentChar(text_[i])) ++i;
        t.kind = Tok::kIdent;
        t.text = std::string(text_.substr(start, i - start));
      } else if (c == '`') {
        t.kind = Tok::kQuotedIdent;
        DELTA_ASSIGN_OR_RETURN(t.text, LexQuoted(i, '`', &i));
      } else if (c == '\'') {
        t.kind = Tok::kString;
        DELTA_ASSIGN_OR_RETURN(t.text, LexQuoted(i, '\'', &i));
      } else if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(text_[i + 1]))) {
        size_t start = i;
        while (i < n && IsDigit(text_[i])) ++i;
        if (i < n && text_[i] == '.') {
          ++i;
          while (i < n && IsDigit(text_[i])) ++i;
        }
        if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
          size_t j = i + 1;
          if (j < n && (text_[j] == '+' || text_[j] == '-')) ++j;
          if (j < n && IsDigit(text_[j])) {
            i = j;
            while (i < n && IsDigit(text_[i])) ++i;
          }
        }
        while (i < n && IsIdentChar(text_[i])) ++i;  // a type suffix, validated later
        t.kind = Tok::kNumber;
        t.text = std::string(text_.substr(start, i - start));
      } else if (c == '(' || c == ')' || c == ',' || c == '.' || c == '-' || c == '+' || c == '*' ||
                 c == '/' || c == '%') {
        t.kind = c == '('   ? Tok::kLParen
                 : c == ')' ? Tok::kRParen
                 : c == ',' ? Tok::kComma
                 : c == '.' ? Tok::kDot
                 : c == '-' ? Tok::kMinus
                 : c == '*' ? Tok::kStar
                 : c == '/' ? Tok::kSlash
                 : c == '%' ? Tok::kPercent
                            : Tok::kPlus;
        t.text = std::string(1, c);
        ++i;
      } else {
        static constexpr std::string_view kOps[] = {
            "<=>", "==", "!=", "<>", "<=", ">=", "=", "<", ">"};
        bool found = false;
        for (std::string_view op : kOps) {
          if (text_.substr(i, op.size()) == op) {
            t.kind = Tok::kOp;
            t.text = std::string(op);
            i += op.size();
            found = true;
            break;
          }
        }
        if (!found) {
          return ErrorAt(i, "unexpected character '" + std::string(1, c) + "'");
        }
      }
      tokens_.push_back(std::move(t));
    }
  }

  // Reads a quoted run starting at text_[start] == quote; a doubled quote is one quote.
  Result<std::string> LexQuoted(size_t start, char quote, size_t* end) {
    std::string out;
    size_t i = start + 1;
    while (true) {
      if (i >= text_.size()) {
        return ErrorAt(start, std::string("unterminated ") +
                                  (quote == '`' ? "quoted identifier" : "string literal"));
      }
      if (text_[i] == quote) {
        if (i + 1 < text_.size() && text_[i + 1] == quote) {
          out += quote;
          i += 2;
          continue;
        }
        *end = i + 1;
        return out;
      }
      out += text_[i++];
    }
  }

  // --- token access ---------------------------------------------------------------------------

  const Token& Peek(size_t ahead = 0) const {
    size_t k = pos_ + ahead;
    return k < tokens_.size() ? tokens_[k] : tokens_.back();
  }
  const Token& Next() {
    const Token& t = Peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool IsKeyword(const Token& t, std::string_view upper) const {
    return t.kind == Tok::kIdent && EqualsUpper(t.text, upper);
  }
  bool AcceptKeyword(std::string_view upper) {
    if (!IsKeyword(Peek(), upper)) return false;
    Next();
    return true;
  }
  Status ExpectKind(Tok kind, const std::string& what) {
    if (Peek().kind != kind) return Expected(what);
    Next();
    return Status::OK();
  }

  // --- grammar --------------------------------------------------------------------------------

  // Nesting (parentheses, NOT) is bounded so hostile input cannot exhaust the stack.
  static constexpr int kMaxDepth = 200;
  struct DepthGuard {
    explicit DepthGuard(int* d) : depth(d) { ++*depth; }
    ~DepthGuard() { --*depth; }
    int* depth;
  };
  Status CheckDepth() const {
    if (depth_ <= kMaxDepth) return Status::OK();
    return ErrorAt(Peek().pos,
                   "expression nested more than " + std::to_string(kMaxDepth) + " levels deep");
  }

  Result<ExprPtr> ParseOr() {
    DepthGuard guard(&depth_);
    DELTA_RETURN_NOT_OK(CheckDepth());
    std::vector<ExprPtr> parts;
    DELTA_ASSIGN_OR_RETURN(ExprPtr first, ParseAnd());
    parts.push_back(std::move(first));
    while (AcceptKeyword("OR")) {
      DELTA_ASSIGN_OR_RETURN(ExprPtr next, ParseAnd());
      parts.push_back(std::move(next));
    }
    return expr::Or(std::move(parts));
  }

  Result<ExprPtr> ParseAnd() {
    std::vector<ExprPtr> parts;
    DELTA_ASSIGN_OR_RETURN(ExprPtr first, ParseNot());
    parts.push_back(std::move(first));
    while (AcceptKeyword("AND")) {
      DELTA_ASSIGN_OR_RETURN(ExprPtr next, ParseNot());
      parts.push_back(std::move(next));
    }
    return expr::And(std::move(parts));
  }

  Result<ExprPtr> ParseNot() {
    if (AcceptKeyword("NOT")) {
      DepthGuard guard(&depth_);
      DELTA_RETURN_NOT_OK(CheckDepth());
      DELTA_ASSIGN_OR_RETURN(ExprPtr inner, ParseNot());
      return expr::Not(std::move(inner));
    }
    return ParsePredicate();
  }

  Result<ExprPtr> ParsePredicate() {
    DELTA_ASSIGN_OR_RETURN(ExprPtr left, ParseSum());
    const Token& t = Peek();
    if (t.kind == Tok::kOp) {
      CompareOp op = CompareOp::kEq;
      if (t.text == "=" || t.text == "==")
        op = CompareOp::kEq;
      else if (t.text == "!=" || t.text == "<>")
        op = CompareOp::kNe;
      else if (t.text == "<")
        op = CompareOp::kLt;
      else if (t.text == "<=")
        op = CompareOp::kLe;
      else if (t.text == ">")
        op = CompareOp::kGt;
      else if (t.text == ">=")
        op = CompareOp::kGe;
      else
        op = CompareOp::kNullSafeEq;
      Next();
      DELTA_ASSIGN_OR_RETURN(ExprPtr right, ParseSum());
      return expr::Compare(op, std::move(left), std::move(right));
    }
    if (AcceptKeyword("IS")) {
      bool negated = AcceptKeyword("NOT");
      if (!AcceptKeyword("NULL")) return Expected(negated ? "NULL" : "NULL or NOT NULL");
      return negated ? expr::IsNotNull(std::move(left)) : expr::IsNull(std::move(left));
    }
    bool negated = false;
    if (IsKeyword(t, "NOT") && (IsKeyword(Peek(1), "IN") || IsKeyword(Peek(1), "BETWEEN"))) {
      Next();
      negated = true;
    }
    if (AcceptKeyword("IN")) {
      DELTA_RETURN_NOT_OK(ExpectKind(Tok::kLParen, "'(' after IN"));
      std::vector<ExprPtr> list;
      while (true) {
        DELTA_ASSIGN_OR_RETURN(Literal lit, ParseLiteral("a literal in the IN list"));
        list.push_back(MakeLiteral(std::move(lit)));
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        DELTA_RETURN_NOT_OK(ExpectKind(Tok::kRParen, "',' or ')' in the IN list"));
        break;
      }
      ExprPtr in = expr::In(std::move(left), std::move(list));
      return negated ? expr::Not(std::move(in)) : in;
    }
    if (AcceptKeyword("BETWEEN")) {
      DELTA_ASSIGN_OR_RETURN(ExprPtr low, ParseSum());
      if (!AcceptKeyword("AND")) return Expected("AND in BETWEEN");
      DELTA_ASSIGN_OR_RETURN(ExprPtr high, ParseSum());
      ExprPtr between = expr::And(expr::Ge(left, std::move(low)), expr::Le(left, std::move(high)));
      return negated ? expr::Not(std::move(between)) : between;
    }
    if (negated) return Expected("IN or BETWEEN after NOT");
    return left;
  }

  Result<ExprPtr> ParseSum() {
    DELTA_ASSIGN_OR_RETURN(ExprPtr left, ParseProduct());
    while (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus) {
      ArithmeticOp op = Next().kind == Tok::kPlus ? ArithmeticOp::kAdd : ArithmeticOp::kSubtract;
      DELTA_ASSIGN_OR_RETURN(ExprPtr right, ParseProduct());
      left = expr::Arithmetic(op, std::move(left), std::move(right));
    }
    return left;
  }

  Result<ExprPtr> ParseProduct() {
    DELTA_ASSIGN_OR_RETURN(ExprPtr left, ParseUnary());
    while (Peek().kind == Tok::kStar || Peek().kind == Tok::kSlash ||
           Peek().kind == Tok::kPercent) {
      Tok k = Next().kind;
      ArithmeticOp op = k == Tok::kStar    ? ArithmeticOp::kMultiply
                        : k == Tok::kSlash ? ArithmeticOp::kDivide
                                           : ArithmeticOp::kRemainder;
      DELTA_ASSIGN_OR_RETURN(ExprPtr right, ParseUnary());
      left = expr::Arithmetic(op, std::move(left), std::move(right));
    }
    return left;
  }

  Result<ExprPtr> ParseUnary() {
    const Token& t = Peek();
    if ((t.kind == Tok::kMinus || t.kind == Tok::kPlus) && Peek(1).kind != Tok::kNumber) {
      const bool minus = t.kind == Tok::kMinus;
      Next();
      DepthGuard guard(&depth_);
      DELTA_RETURN_NOT_OK(CheckDepth());
      DELTA_ASSIGN_OR_RETURN(ExprPtr inner, ParseUnary());
      return minus ? expr::Negate(std::move(inner)) : inner;
    }
    return ParseOperand();
  }

  // True when the next tokens start a literal.
  bool AtLiteral() const {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kNumber:
      case Tok::kString:
      case Tok::kHexString:
        return true;
      case Tok::kMinus:
      case Tok::kPlus:
        return Peek(1).kind == Tok::kNumber;
      case Tok::kIdent:
        if (IsKeyword(t, "TRUE") || IsKeyword(t, "FALSE") || IsKeyword(t, "NULL")) return true;
        if (IsKeyword(t, "CAST")) return Peek(1).kind == Tok::kLParen;
        return IsTypedLiteralPrefix(t) && Peek(1).kind == Tok::kString;
      default:
        return false;
    }
  }

  bool IsTypedLiteralPrefix(const Token& t) const {
    return IsKeyword(t, "DATE") || IsKeyword(t, "TIMESTAMP") || IsKeyword(t, "TIMESTAMP_NTZ") ||
           IsKeyword(t, "TIMESTAMP_LTZ");
  }

  Result<ExprPtr> ParseOperand() {
    const Token& t = Peek();
    if (t.kind == Tok::kLParen) {
      Next();
      DELTA_ASSIGN_OR_RETURN(ExprPtr inner, ParseOr());
      DELTA_RETURN_NOT_OK(ExpectKind(Tok::kRParen, "')'"));
      return inner;
    }
    if (AtLiteral()) {
      DELTA_ASSIGN_OR_RETURN(Literal lit, ParseLiteral("a literal"));
      return MakeLiteral(std::move(lit));
    }
    if (IsKeyword(t, "COALESCE") && Peek(1).kind == Tok::kLParen) {
      Next();
      Next();
      std::vector<ExprPtr> operands;
      while (true) {
        DELTA_ASSIGN_OR_RETURN(ExprPtr e, ParseOr());
        operands.push_back(std::move(e));
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        DELTA_RETURN_NOT_OK(ExpectKind(Tok::kRParen, "',' or ')' in COALESCE"));
        break;
      }
      return expr::Coalesce(std::move(operands));
    }
    if (t.kind == Tok::kIdent || t.kind == Tok::kQuotedIdent) return ParseColumn();
    return Expected("a column, a literal or '('");
  }

  Result<ExprPtr> ParseColumn() {
    std::vector<std::string> path;
    while (true) {
      const Token& t = Peek();
      if (t.kind == Tok::kQuotedIdent) {
        path.push_back(t.text);
      } else if (t.kind == Tok::kIdent) {
        if (IsReservedWord(t.text)) {
          return ErrorAt(t.pos, "'" + t.text + "' is a keyword; write `" + t.text +
                                    "` for a column of that name");
        }
        path.push_back(t.text);
      } else {
        return Expected("a column name");
      }
      Next();
      if (Peek().kind != Tok::kDot) break;
      Next();
    }
    return MakeColumn(std::move(path));
  }

  Result<Literal> ParseLiteral(const std::string& what) {
    const Token& t = Peek();
    const size_t pos = t.pos;
    switch (t.kind) {
      case Tok::kNumber: {
        std::string text = t.text;
        Next();
        return NumberLiteral(text, pos);
      }
      case Tok::kMinus:
      case Tok::kPlus: {
        bool minus = t.kind == Tok::kMinus;
        Next();
        if (Peek().kind != Tok::kNumber) return Expected("a number after the sign");
        std::string text = (minus ? "-" : "") + Peek().text;
        Next();
        return NumberLiteral(text, pos);
      }
      case Tok::kString: {
        std::string s = t.text;
        Next();
        return Literal::String(std::move(s));
      }
      case Tok::kHexString: {
        std::string hex = t.text;
        Next();
        return HexLiteral(hex, pos);
      }
      case Tok::kIdent:
        break;
      default:
        return Expected(what);
    }
    if (AcceptKeyword("TRUE")) return Literal::Boolean(true);
    if (AcceptKeyword("FALSE")) return Literal::Boolean(false);
    if (AcceptKeyword("NULL")) return Literal();
    if (IsKeyword(t, "CAST") && Peek(1).kind == Tok::kLParen) return ParseCast();
    if (IsTypedLiteralPrefix(t) && Peek(1).kind == Tok::kString) {
      std::string prefix = t.text;
      Next();
      std::string body = Peek().text;
      size_t body_pos = Peek().pos;
      Next();
      return TypedLiteral(prefix, body, body_pos);
    }
    return Expected(what);
  }

  Result<Literal> TypedLiteral(const std::string& prefix, const std::string& body, size_t pos) {
    if (EqualsUpper(prefix, "DATE")) {
      auto d = ParseDateText(body);
      if (!d.ok()) return ErrorAt(pos, d.status().message());
      return Literal::Date(*d);
    }
    auto ts = ParseTimestampText(body);
    if (!ts.ok()) return ErrorAt(pos, ts.status().message());
    if (EqualsUpper(prefix, "TIMESTAMP_NTZ")) {
      if (ts->has_zone) return ErrorAt(pos, "a TIMESTAMP_NTZ literal cannot carry a time zone");
      return Literal::TimestampNtz(ts->micros);
    }
    return Literal::Timestamp(ts->micros);  // no zone: UTC
  }

  Result<Literal> HexLiteral(const std::string& hex, size_t pos) {
    if (hex.size() % 2 != 0)
      return ErrorAt(pos, "a binary literal needs an even number of hex digits");
    std::string bytes;
    for (size_t i = 0; i < hex.size(); i += 2) {
      int v = 0;
      for (size_t k = i; k < i + 2; ++k) {
        char c = hex[k];
        int d = IsDigit(c)                             ? c - '0'
                : (Upper(c) >= 'A' && Upper(c) <= 'F') ? Upper(c) - 'A' + 10
                                                       : -1;
        if (d < 0) return ErrorAt(pos, "'" + std::string(1, c) + "' is not a hex digit");
        v = v * 16 + d;
      }
      bytes.push_back(static_cast<char>(v));
    }
    return Literal::Binary(std::move(bytes));
  }

  // CAST(<literal> AS <type>)
  Result<Literal> ParseCast() {
    Next();  // CAST
    Next();  // (
    const size_t value_pos = Peek().pos;
    DELTA_ASSIGN_OR_RETURN(Literal value, ParseLiteral("a literal to cast"));
    if (!AcceptKeyword("AS")) return Expected("AS");
    const size_t type_pos = Peek().pos;
    if (Peek().kind != Tok::kIdent) return Expected("a type name");
    std::string type_name = Next().text;
    if (Peek().kind == Tok::kLParen) {
      type_name += Next().text;
      while (Peek().kind != Tok::kRParen) {
        if (Peek().kind != Tok::kNumber && Peek().kind != Tok::kComma) {
          return Expected("type parameters");
        }
        type_name += Next().text;
      }
      type_name += Next().text;
    }
    DELTA_RETURN_NOT_OK(ExpectKind(Tok::kRParen, "')' closing CAST"));
    auto type = ParseSqlTypeName(type_name);
    if (!type.ok()) return ErrorAt(type_pos, type.status().message());
    if (value.is_null()) return Literal::Null(*type);
    Result<Literal> cast = value.kind() == TypeKind::kString
                               ? ParseLiteralText(value.string_value(), **type)
                               : CoerceLiteral(value, *type, "CAST target");
    if (!cast.ok()) return ErrorAt(value_pos, cast.status().message());
    if (!cast->type()->Equals(**type)) {
      return ErrorAt(value_pos, "cannot cast " + value.ToString() + " to " + (*type)->ToString() +
                                    " without changing its value");
    }
    return std::move(*cast);
  }

  Result<Literal> NumberLiteral(const std::string& text, size_t pos) {
    // The number is digits[.digits][e[+-]digits]; letters after it are a type suffix.
    size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
    while (i < text.size() && IsDigit(text[i])) ++i;
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && IsDigit(text[i])) ++i;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      size_t j = i + 1;
      if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
      if (j < text.size() && IsDigit(text[j])) {
        i = j;
        while (i < text.size() && IsDigit(text[i])) ++i;
      }
    }
    std::string number = text.substr(0, i);
    std::string suffix = text.substr(i);
    for (char& c : suffix) c = Upper(c);
    const bool has_point = number.find('.') != std::string::npos;
    const bool has_exp = number.find_first_of("eE") != std::string::npos;
    auto bad = [&](const std::string& why) { return ErrorAt(pos, "'" + text + "' " + why); };
    auto parse_as = [&](TypeKind kind) -> Result<Literal> {
      auto lit = ParseLiteralText(number, *PrimitiveType::Make(kind));
      if (!lit.ok()) return bad("is out of range for " + std::string(TypeKindName(kind)));
      return lit;
    };
    if (suffix == "L" || suffix == "S" || suffix == "Y") {
      if (has_point || has_exp) return bad("is not an integer");
      return parse_as(suffix == "L"   ? TypeKind::kLong
                      : suffix == "S" ? TypeKind::kShort
                                      : TypeKind::kByte);
    }
    if (suffix == "D") return parse_as(TypeKind::kDouble);
    if (suffix == "F") return parse_as(TypeKind::kFloat);
    if (suffix == "BD") {
      if (has_exp) return bad("cannot use an exponent with BD");
      return DecimalLiteral(number, pos);
    }
    if (!suffix.empty()) return bad("has an unknown type suffix '" + suffix + "'");
    if (has_exp) return parse_as(TypeKind::kDouble);
    if (has_point) return DecimalLiteral(number, pos);
    int64_t v = 0;
    auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
    if (ec == std::errc() && p == number.data() + number.size()) {
      if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) {
        return Literal::Integer(static_cast<int32_t>(v));
      }
      return Literal::Long(v);
    }
    return DecimalLiteral(number, pos);  // beyond a long
  }

  // "9.99" -> decimal(3,2); more than 38 digits falls back to double.
  Result<Literal> DecimalLiteral(const std::string& number, size_t pos) {
    size_t point = number.find('.');
    int scale = point == std::string::npos ? 0 : static_cast<int>(number.size() - point - 1);
    int int_digits = 0;
    bool leading = true;
    for (size_t i = 0; i < number.size() && i != point; ++i) {
      if (!IsDigit(number[i])) continue;
      if (leading && number[i] == '0') continue;
      leading = false;
      ++int_digits;
    }
    int precision = std::max(int_digits + scale, 1);
    if (precision > DecimalType::kMaxPrecision) {
      auto d = ParseLiteralText(number, *PrimitiveType::Make(TypeKind::kDouble));
      if (!d.ok()) return ErrorAt(pos, "'" + number + "' is not a number");
      return d;
    }
    auto v = ParseDecimalText(number, precision, scale);
    if (!v.ok()) return ErrorAt(pos, v.status().message());
    auto lit = Literal::Decimal(FromInt128(*v), precision, scale);
    if (!lit.ok()) return ErrorAt(pos, lit.status().message());
    return lit;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

Result<DataTypePtr> ParseSqlTypeName(std::string_view name) {
  std::string lower;
  for (char c : name) {
    if (c == ' ') continue;
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"tinyint", "byte"},
      {"smallint", "short"},
      {"int", "integer"},
      {"bigint", "long"},
      {"real", "float"},
      {"bool", "boolean"},
      {"decimal", "decimal(10,0)"},
      {"dec", "decimal(10,0)"},
      {"numeric", "decimal(10,0)"},
      {"timestamp_ltz", "timestamp"}};
  for (const auto& [alias, delta_name] : kAliases) {
    if (lower == alias) {
      lower = std::string(delta_name);
      break;
    }
  }
  for (std::string_view prefix : {"dec(", "numeric("}) {
    if (lower.rfind(prefix, 0) == 0) lower = "decimal(" + lower.substr(prefix.size());
  }
  auto type = ParsePrimitiveTypeName(lower);
  if (!type.ok()) return Status::InvalidArgument("unknown type '" + std::string(name) + "'");
  return type;
}

Result<ExprPtr> ParseExpression(std::string_view text) {
  Parser parser(text);
  return parser.Parse();
}

}  // namespace delta
