#include "txn/write_constraints.h"

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "delta/table_features.h"
#include "util/ascii.h"

namespace delta {
namespace {

constexpr std::string_view kConstraintPrefix = "delta.constraints.";
constexpr std::string_view kInvariantsKey = "delta.invariants";
constexpr std::string_view kGenerationKey = "delta.generationExpression";
constexpr std::string_view kIdentityPrefix = "delta.identity.";
// Spark keeps a CHAR(n)/VARCHAR(n) column's declared type here and checks lengths on write.
constexpr std::string_view kCharVarcharKey = "__CHAR_VARCHAR_TYPE_STRING";

std::string DottedPath(const std::vector<std::string>& path) { return expr::Col(path)->ToString(); }

// What a constraint with SQL `text` is called in errors raised while collecting it.
std::string Describe(const WriteConstraint& c, std::string_view text) {
  const std::string sql(text);
  switch (c.kind) {
    case WriteConstraint::Kind::kCheck:
      return "CHECK constraint " + c.name + " (" + sql + ")";
    case WriteConstraint::Kind::kInvariant:
      return "invariant (" + sql + ") of column " + DottedPath(c.column);
    case WriteConstraint::Kind::kGeneratedColumn:
      break;
  }
  return "generation expression (" + sql + ") of column " + DottedPath(c.column);
}

// `c.predicate` from `text` bound to `schema`. Whatever this kernel cannot parse or bind (Spark
// SQL functions, arithmetic, implicit casts) is Unsupported: the rule cannot be enforced.
Status ParseAndBind(WriteConstraint& c, std::string_view text, const StructType& schema) {
  Result<ExprPtr> parsed = ParseExpression(text);
  if (!parsed.ok()) {
    return Status::Unsupported(Describe(c, text) +
                               " cannot be enforced by this writer: " + parsed.status().message());
  }
  ExprPtr e = *parsed;
  if (c.kind == WriteConstraint::Kind::kGeneratedColumn) {
    e = expr::NullSafeEq(expr::Col(c.column), std::move(e));
  }
  Result<ExprPtr> bound = BindExpression(e, schema);
  if (!bound.ok()) {
    return Status::Unsupported(Describe(c, text) +
                               " cannot be enforced by this writer: " + bound.status().message());
  }
  c.predicate = *bound;
  return Status::OK();
}

// The SQL text of an invariant: delta.invariants holds {"expression":{"expression":"<sql>"}}
// (as a JSON string in the field metadata).
Result<std::string> InvariantText(const StructField& field, const std::string& column) {
  std::string json =
      field.MetadataString(kInvariantsKey).value_or(field.metadata.at(std::string(kInvariantsKey)));
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  std::string_view text;
  if (parser.parse(json).get(root) == simdjson::SUCCESS &&
      root["expression"]["expression"].get(text) == simdjson::SUCCESS) {
    return std::string(text);
  }
  return Status::Unsupported("column " + column +
                             " has an invariant this writer does not know: " + json);
}

bool HasIdentity(const StructField& field) {
  for (const auto& [key, value] : field.metadata) {
    if (key.rfind(kIdentityPrefix, 0) == 0) return true;
  }
  return false;
}

// Invariants, identity and CHAR/VARCHAR markers of `st`'s fields and of structs nested in them.
Status CollectFromFields(const StructType& st, std::vector<std::string>& path,
                         const StructType& schema, std::vector<WriteConstraint>& out) {
  for (const StructField& f : st.fields()) {
    path.push_back(f.name);
    const std::string column = DottedPath(path);
    if (HasIdentity(f)) {
      return Status::Unsupported("column " + column +
                                 " is an identity column (delta.identity.*): this writer does "
                                 "not generate identity values");
    }
    if (f.metadata.count(std::string(kCharVarcharKey)) != 0) {
      return Status::Unsupported("column " + column + " is " +
                                 f.MetadataString(kCharVarcharKey).value_or("CHAR/VARCHAR") +
                                 ": this writer does not enforce its length");
    }
    if (f.metadata.count(std::string(kInvariantsKey)) != 0) {
      DELTA_ASSIGN_OR_RETURN(std::string text, InvariantText(f, column));
      WriteConstraint c;
      c.kind = WriteConstraint::Kind::kInvariant;
      c.name = "EXPRESSION(" + text + ")";
      c.sql = text;
      c.column = path;
      DELTA_RETURN_NOT_OK(ParseAndBind(c, text, schema));
      out.push_back(std::move(c));
    }
    // Spark looks for invariants through structs only, never inside arrays or maps.
    if (const StructType* child = f.type->as_struct()) {
      DELTA_RETURN_NOT_OK(CollectFromFields(*child, path, schema, out));
    }
    path.pop_back();
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<WriteConstraint>> CollectWriteConstraints(const Metadata& metadata,
                                                             const StructType& schema,
                                                             const Protocol* protocol) {
  std::vector<WriteConstraint> out;
  for (const auto& [key, text] : metadata.configuration) {
    // Spark matches the prefix in any case.
    if (key.size() <= kConstraintPrefix.size() ||
        !EqualsIgnoreCase(std::string_view(key).substr(0, kConstraintPrefix.size()),
                          kConstraintPrefix)) {
      continue;
    }
    WriteConstraint c;
    c.kind = WriteConstraint::Kind::kCheck;
    c.name = key.substr(kConstraintPrefix.size());
    c.sql = text;
    DELTA_RETURN_NOT_OK(ParseAndBind(c, text, schema));
    out.push_back(std::move(c));
  }
  std::vector<std::string> path;
  DELTA_RETURN_NOT_OK(CollectFromFields(schema, path, schema, out));
  const bool generated =
      protocol == nullptr || IsFeatureEnabled(*protocol, feature::kGeneratedColumns);
  for (const StructField& f : schema.fields()) {
    if (!generated) break;
    std::optional<std::string> text = f.MetadataString(kGenerationKey);
    if (!text) continue;
    WriteConstraint c;
    c.kind = WriteConstraint::Kind::kGeneratedColumn;
    c.name = "Generated Column";
    c.column = {f.name};
    c.sql = DottedPath(c.column) + " <=> (" + *text + ")";
    DELTA_RETURN_NOT_OK(ParseAndBind(c, *text, schema));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace delta
