// ParseMergeClauseText: a small tokenizer (words, quoted runs, parentheses, punctuation, each
// with its nesting depth) and a recursive-descent reader of the clause grammar over it.
// Conditions and expressions are the raw text between the grammar's tokens.
#include "merge_clause_text.h"

#include <string>
#include <utility>
#include <vector>

#include "delta/expression.h"

namespace delta::cli {
namespace {

enum class Tok {
  kEnd,
  kWord,
  kQuotedIdent,
  kString,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kStar,
  kEq,
  kOther
};

struct Token {
  Tok kind = Tok::kEnd;
  size_t begin = 0;  // the token's raw text is text[begin, end)
  size_t end = 0;
  int depth = 0;     // parentheses around it ('(' and ')' count as outside their pair)
  std::string name;  // a word, or a `quoted` identifier unquoted
};

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsOperatorChar(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Upper(a[i]) != Upper(b[i])) return false;
  }
  return true;
}

// Names in messages are quoted as the kernel's other messages quote them.
std::string Quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

class ClauseParser {
 public:
  ClauseParser(std::string_view text, std::string_view target_alias)
      : text_(text), target_alias_(target_alias) {}

  Result<MergeClause> Parse() {
    DELTA_RETURN_NOT_OK(Lex());
    AcceptKeyword("WHEN");
    MergeClause clause;
    if (AcceptKeyword("MATCHED")) {
      clause.kind = MergeClauseKind::kMatched;
    } else if (AcceptKeyword("NOT")) {
      if (!AcceptKeyword("MATCHED")) return Expected("MATCHED");
      clause.kind = MergeClauseKind::kNotMatched;
      if (AcceptKeyword("BY")) {
        if (AcceptKeyword("SOURCE")) {
          clause.kind = MergeClauseKind::kNotMatchedBySource;
        } else if (!AcceptKeyword("TARGET")) {
          return Expected("TARGET or SOURCE");
        }
      }
    } else {
      return Expected("MATCHED or NOT MATCHED");
    }
    if (AcceptKeyword("AND")) {
      DELTA_ASSIGN_OR_RETURN(clause.condition, Condition());
    }
    if (!AcceptKeyword("THEN")) return Expected(clause.condition.empty() ? "AND or THEN" : "THEN");
    DELTA_RETURN_NOT_OK(Action(&clause));
    if (Peek().kind != Tok::kEnd) return Expected("the end of the clause");
    return clause;
  }

 private:
  // --- errors ---------------------------------------------------------------------------------

  std::string Prefix() const {
    std::string shown(text_.substr(0, 200));
    if (text_.size() > 200) shown += "...";
    return "cannot parse merge clause \"" + shown + "\": ";
  }
  Status ErrorAt(size_t pos, const std::string& what) const {
    return Status::InvalidArgument(Prefix() + "at position " + std::to_string(pos + 1) + ": " +
                                   what);
  }
  std::string Describe(const Token& t) const {
    if (t.kind == Tok::kEnd) return "the end of the clause";
    return "'" + std::string(text_.substr(t.begin, t.end - t.begin)) + "'";
  }
  Status Expected(const std::string& what) const {
    return ErrorAt(Peek().begin, "expected " + what + " but found " + Describe(Peek()));
  }
  // The expression syntax is checked here so that a bad one names its clause and part.
  Status CheckExpression(std::string_view expression, const std::string& part) const {
    Result<ExprPtr> parsed = ParseExpression(expression);
    if (parsed.ok()) return Status::OK();
    return Status::InvalidArgument(Prefix() + part + ": " + parsed.status().message());
  }

  // --- tokenizer ------------------------------------------------------------------------------

  Status Lex() {
    const size_t n = text_.size();
    size_t i = 0;
    int depth = 0;
    std::vector<size_t> open;  // positions of the unclosed '('
    while (true) {
      while (i < n && IsSpace(text_[i])) ++i;
      Token t;
      t.begin = i;
      t.depth = depth;
      if (i >= n) {
        if (!open.empty()) return ErrorAt(open.back(), "'(' is never closed");
        t.end = n;
        tokens_.push_back(std::move(t));
        return Status::OK();
      }
      const char c = text_[i];
      if (IsIdentStart(c)) {
        while (i < n && IsIdentChar(text_[i])) ++i;
        t.kind = Tok::kWord;
        t.name = std::string(text_.substr(t.begin, i - t.begin));
      } else if (IsDigit(c)) {  // a number, with any fraction, exponent and type suffix
        while (i < n && (IsIdentChar(text_[i]) || text_[i] == '.' ||
                         ((text_[i] == '+' || text_[i] == '-') &&
                          (text_[i - 1] == 'e' || text_[i - 1] == 'E')))) {
          ++i;
        }
        t.kind = Tok::kOther;
      } else if (c == '\'' || c == '"' || c == '`') {
        DELTA_ASSIGN_OR_RETURN(i, QuotedEnd(i));
        t.kind = c == '`' ? Tok::kQuotedIdent : Tok::kString;
        if (c == '`') t.name = Unquoted(text_.substr(t.begin, i - t.begin));
      } else if (c == '(') {
        open.push_back(i++);
        ++depth;
        t.kind = Tok::kLParen;
      } else if (c == ')') {
        if (open.empty()) return ErrorAt(i, "')' without its '('");
        open.pop_back();
        t.depth = --depth;
        ++i;
        t.kind = Tok::kRParen;
      } else if (IsOperatorChar(c)) {
        while (i < n && IsOperatorChar(text_[i])) ++i;
        t.kind = i - t.begin == 1 && c == '=' ? Tok::kEq : Tok::kOther;
      } else {
        t.kind = c == ','   ? Tok::kComma
                 : c == '.' ? Tok::kDot
                 : c == '*' ? Tok::kStar
                            : Tok::kOther;
        ++i;
      }
      t.end = i;
      tokens_.push_back(std::move(t));
    }
  }

  // The end of the quoted run opening at text_[start]: a doubled quote stands for one (as in
  // the expressions), so the run ends at a quote that is not followed by another.
  Result<size_t> QuotedEnd(size_t start) const {
    const char quote = text_[start];
    for (size_t i = start + 1; i < text_.size(); ++i) {
      if (text_[i] != quote) continue;
      if (i + 1 < text_.size() && text_[i + 1] == quote) {
        ++i;
        continue;
      }
      return i + 1;
    }
    return ErrorAt(start,
                   quote == '`' ? "unterminated quoted identifier" : "unterminated string literal");
  }

  // A `quoted` identifier's name: the text between the quotes with `` read as `.
  static std::string Unquoted(std::string_view run) {
    std::string name;
    for (size_t i = 1; i + 1 < run.size(); ++i) {
      name += run[i];
      if (run[i] == '`') ++i;
    }
    return name;
  }

  // --- token access ---------------------------------------------------------------------------

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool AcceptKeyword(std::string_view upper) {
    if (Peek().kind != Tok::kWord || !EqualsIgnoreCase(Peek().name, upper)) return false;
    Next();
    return true;
  }
  bool Accept(Tok kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }
  // The raw text of tokens [from, pos_).
  std::string_view Since(size_t from) const {
    if (from == pos_) return {};
    return text_.substr(tokens_[from].begin, tokens_[pos_ - 1].end - tokens_[from].begin);
  }

  // --- grammar --------------------------------------------------------------------------------

  // The AND condition: everything up to THEN outside parentheses.
  Result<std::string> Condition() {
    const size_t from = pos_;
    while (Peek().kind != Tok::kEnd && !(Peek().kind == Tok::kWord && Peek().depth == 0 &&
                                         EqualsIgnoreCase(Peek().name, "THEN"))) {
      Next();
    }
    if (from == pos_) return Expected("a condition after AND");
    if (Peek().kind == Tok::kEnd) return Expected("THEN after the condition");
    std::string condition(Since(from));
    DELTA_RETURN_NOT_OK(CheckExpression(condition, "the condition"));
    return condition;
  }

  // An expression of a list at `depth`: up to its ',' or closing ')' (or the end).
  Result<std::string> ListExpression(int depth, const std::string& part) {
    const size_t from = pos_;
    while (Peek().kind != Tok::kEnd && !(Peek().kind == Tok::kComma && Peek().depth == depth) &&
           !(Peek().kind == Tok::kRParen && Peek().depth == depth - 1)) {
      Next();
    }
    if (from == pos_) return Expected("an expression for " + part);
    std::string expression(Since(from));
    DELTA_RETURN_NOT_OK(CheckExpression(expression, part));
    return expression;
  }

  // A SET or INSERT column: `name`, `target.name` or a `quoted` identifier in either place.
  Result<std::string> Column(MergeClause* clause) {
    const Token& first = Peek();
    if (first.kind != Tok::kWord && first.kind != Tok::kQuotedIdent) return Expected("a column");
    Next();
    std::string name = first.name;
    if (Accept(Tok::kDot)) {
      const Token& second = Peek();
      if (second.kind != Tok::kWord && second.kind != Tok::kQuotedIdent) {
        return Expected("a column after '" + first.name + ".'");
      }
      Next();
      if (!EqualsIgnoreCase(first.name, target_alias_) || Peek().kind == Tok::kDot) {
        return ErrorAt(first.begin, "the column " + Quoted(Since(pos_ - 3)) +
                                        " is not one of the table's: write COLUMN or " +
                                        std::string(target_alias_) + ".COLUMN");
      }
      name = second.name;
    }
    for (const auto& [column, expression] : clause->assignments) {
      if (EqualsIgnoreCase(column, name)) {
        return ErrorAt(first.begin, "the column " + Quoted(name) + " is assigned twice");
      }
    }
    return name;
  }

  Status Action(MergeClause* clause) {
    const bool insert_kind = clause->kind == MergeClauseKind::kNotMatched;
    if (insert_kind) {
      if (!AcceptKeyword("INSERT")) return Expected("INSERT (WHEN NOT MATCHED)");
      clause->action = MergeAction::kInsert;
      return Insert(clause);
    }
    const char* const expected = clause->kind == MergeClauseKind::kMatched
                                     ? "UPDATE or DELETE (WHEN MATCHED)"
                                     : "UPDATE or DELETE (WHEN NOT MATCHED BY SOURCE)";
    if (AcceptKeyword("DELETE")) {
      clause->action = MergeAction::kDelete;
      return Status::OK();
    }
    if (!AcceptKeyword("UPDATE")) return Expected(expected);
    clause->action = MergeAction::kUpdate;
    if (!AcceptKeyword("SET")) return Expected("SET");
    if (Peek().kind == Tok::kStar) {
      if (clause->kind != MergeClauseKind::kMatched) {
        return ErrorAt(Peek().begin,
                       "UPDATE SET * is only for WHEN MATCHED (no source row here): name the "
                       "columns");
      }
      Next();
      clause->star = true;
      return Status::OK();
    }
    do {
      DELTA_ASSIGN_OR_RETURN(std::string column, Column(clause));
      if (!Accept(Tok::kEq)) return Expected("'=' after the column " + Quoted(column));
      DELTA_ASSIGN_OR_RETURN(std::string value,
                             ListExpression(0, "the value of " + Quoted(column)));
      clause->assignments.emplace_back(std::move(column), std::move(value));
    } while (Accept(Tok::kComma));
    return Status::OK();
  }

  Status Insert(MergeClause* clause) {
    if (Accept(Tok::kStar)) {
      clause->star = true;
      return Status::OK();
    }
    if (!Accept(Tok::kLParen)) return Expected("'(' or '*' after INSERT");
    std::vector<std::string> columns;
    do {
      DELTA_ASSIGN_OR_RETURN(std::string column, Column(clause));
      for (const std::string& seen : columns) {
        if (EqualsIgnoreCase(seen, column)) {
          return ErrorAt(tokens_[pos_ - 1].begin,
                         "the column " + Quoted(column) + " is listed twice");
        }
      }
      columns.push_back(std::move(column));
    } while (Accept(Tok::kComma));
    if (!Accept(Tok::kRParen)) return Expected("',' or ')' in the column list");
    if (!AcceptKeyword("VALUES")) return Expected("VALUES");
    const Token& values = Peek();
    if (!Accept(Tok::kLParen)) return Expected("'(' after VALUES");
    const int depth = values.depth + 1;
    std::vector<std::string> exprs;
    do {
      const std::string part = exprs.size() < columns.size()
                                   ? "the value of " + Quoted(columns[exprs.size()])
                                   : "value " + std::to_string(exprs.size() + 1);
      DELTA_ASSIGN_OR_RETURN(std::string value, ListExpression(depth, part));
      exprs.push_back(std::move(value));
    } while (Accept(Tok::kComma));
    if (!Accept(Tok::kRParen)) return Expected("',' or ')' in the VALUES list");
    if (exprs.size() != columns.size()) {
      return ErrorAt(values.begin, "INSERT lists " + std::to_string(columns.size()) +
                                       " columns but " + std::to_string(exprs.size()) + " values");
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      clause->assignments.emplace_back(std::move(columns[i]), std::move(exprs[i]));
    }
    return Status::OK();
  }

  std::string_view text_;
  std::string_view target_alias_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

Result<MergeClause> ParseMergeClauseText(std::string_view text, std::string_view target_alias) {
  return ClauseParser(text, target_alias).Parse();
}

}  // namespace delta::cli
