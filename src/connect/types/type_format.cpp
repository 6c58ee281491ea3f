// The ways Spark prints a type: simpleString, typeName, SQL/DDL, and the
// tree of printSchema. Spelled as Spark 4 spells them, so output matches
// what PySpark users see.
#include <nlohmann/json.hpp>
#include <ostream>

#include "type_node.hpp"

namespace sparkctl::connect {
namespace {

using Kind = DataType::Kind;

const char* day_time_field(int f) {
  static const char* names[] = {"day", "hour", "minute", "second"};
  return names[f];
}

const char* year_month_field(int f) {
  static const char* names[] = {"year", "month"};
  return names[f];
}

std::string interval_name(const DataType::Node& n, const char* (*field)(int)) {
  std::string out = std::string("interval ") + field(n.first);
  if (n.second != n.first) out += std::string(" to ") + field(n.second);
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Names in backquotes, as Spark's DDL quotes them (a backquote doubled).
std::string quoted(const std::string& name) {
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

// The field's comment, which Spark keeps in its metadata under "comment".
std::string comment_of(const StructField& field) {
  if (field.metadata.empty()) return "";
  const auto metadata = nlohmann::json::parse(field.metadata, nullptr, false);
  if (!metadata.is_object() || !metadata.contains("comment") || !metadata["comment"].is_string()) {
    return "";
  }
  std::string out = " COMMENT '";
  for (char c : metadata["comment"].get<std::string>()) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string field_ddl(const StructField& f, const char* separator) {
  return quoted(f.name) + separator + f.data_type.sql() + (f.nullable ? "" : " NOT NULL") +
         comment_of(f);
}

// The one spelling simpleString and typeName share for a type without children.
std::string leaf_name(const DataType& t) {
  const auto p = [](int v) { return "(" + std::to_string(v) + ")"; };
  switch (t.kind()) {
    case Kind::null:
      return "void";
    case Kind::boolean:
      return "boolean";
    case Kind::float_:
      return "float";
    case Kind::double_:
      return "double";
    case Kind::decimal:
      return "decimal(" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")";
    case Kind::string:
      return t.collation().empty() ? "string" : "string collate " + t.collation();
    case Kind::char_:
      return "char" + p(t.length());
    case Kind::varchar:
      return "varchar" + p(t.length());
    case Kind::binary:
      return "binary";
    case Kind::date:
      return "date";
    case Kind::time:
      return "time" + p(t.precision());
    case Kind::timestamp:
      return "timestamp";
    case Kind::timestamp_ntz:
      return "timestamp_ntz";
    case Kind::calendar_interval:
      return "interval";
    case Kind::variant:
      return "variant";
    default:
      return "";
  }
}

}  // namespace

std::string DataType::simple_string() const {
  const Node& n = node();
  switch (n.kind) {
    case Kind::byte:
      return "tinyint";
    case Kind::short_:
      return "smallint";
    case Kind::integer:
      return "int";
    case Kind::long_:
      return "bigint";
    case Kind::day_time_interval:
      return interval_name(n, day_time_field);
    case Kind::year_month_interval:
      return interval_name(n, year_month_field);
    case Kind::array:
      return "array<" + n.children[0].simple_string() + ">";
    case Kind::map:
      return "map<" + n.children[0].simple_string() + "," + n.children[1].simple_string() + ">";
    case Kind::struct_: {
      std::string out = "struct<";
      for (std::size_t i = 0; i < n.fields.size(); ++i) {
        out += (i ? "," : "") + n.fields[i].simple_string();
      }
      return out + ">";
    }
    default:
      return leaf_name(*this);
  }
}

std::string DataType::type_name() const {
  switch (kind()) {
    case Kind::byte:
      return "byte";
    case Kind::short_:
      return "short";
    case Kind::integer:
      return "integer";
    case Kind::long_:
      return "long";
    case Kind::day_time_interval:
    case Kind::year_month_interval:
      return simple_string();
    case Kind::array:
      return "array";
    case Kind::map:
      return "map";
    case Kind::struct_:
      return "struct";
    default:
      return leaf_name(*this);
  }
}

std::string DataType::sql() const {
  const Node& n = node();
  switch (n.kind) {
    case Kind::string:
      return n.collation.empty() ? "STRING" : "STRING COLLATE " + n.collation;
    case Kind::array:
      return "ARRAY<" + n.children[0].sql() + ">";
    case Kind::map:
      return "MAP<" + n.children[0].sql() + ", " + n.children[1].sql() + ">";
    case Kind::struct_: {
      std::string out = "STRUCT<";
      for (std::size_t i = 0; i < n.fields.size(); ++i) {
        out += (i ? ", " : "") + field_ddl(n.fields[i], ": ");
      }
      return out + ">";
    }
    default:
      return upper(simple_string());
  }
}

std::ostream& operator<<(std::ostream& out, const DataType& type) {
  return out << type.simple_string();
}

std::ostream& operator<<(std::ostream& out, const StructField& field) {
  out << field_ddl(field, " ");
  if (!field.metadata.empty()) out << " (metadata " << field.metadata << ")";
  return out;
}

std::string StructField::simple_string() const { return name + ":" + data_type.simple_string(); }

std::string StructType::ddl() const {
  std::string out;
  for (const auto& f : fields()) out += (out.empty() ? "" : ", ") + field_ddl(f, " ");
  return out;
}

namespace {

// Spark's printTreeString: one line per field, nested types indented
// under "element", "key"/"value" or their fields.
void tree_lines(const DataType& type, const std::string& prefix, std::string& out) {
  const std::string nested = prefix + "    |";
  switch (type.kind()) {
    case Kind::array:
      out += prefix + "-- element: " + type.element_type().type_name() +
             " (containsNull = " + (type.contains_null() ? "true" : "false") + ")\n";
      tree_lines(type.element_type(), nested, out);
      break;
    case Kind::map:
      out += prefix + "-- key: " + type.key_type().type_name() + "\n";
      tree_lines(type.key_type(), nested, out);
      out += prefix + "-- value: " + type.value_type().type_name() +
             " (valueContainsNull = " + (type.value_contains_null() ? "true" : "false") + ")\n";
      tree_lines(type.value_type(), nested, out);
      break;
    case Kind::struct_:
      for (const auto& f : type.fields()) {
        out += prefix + "-- " + f.name + ": " + f.data_type.type_name() +
               " (nullable = " + (f.nullable ? "true" : "false") + ")\n";
        tree_lines(f.data_type, nested, out);
      }
      break;
    default:
      break;
  }
}

}  // namespace

std::string StructType::tree_string() const {
  std::string out = "root\n";
  tree_lines(*this, " |", out);
  return out;
}

}  // namespace sparkctl::connect
