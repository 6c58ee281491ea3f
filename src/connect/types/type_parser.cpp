// DataType::parse: the type strings Spark prints and reads. Accepts
// Spark's simpleString ("array<struct<a:int>>"), DDL types ("STRUCT<a: INT
// NOT NULL COMMENT 'x'>", "DECIMAL(10, 2)", "INTERVAL DAY TO SECOND") and a
// DDL field list ("id BIGINT, name STRING"), which is a struct. Keywords
// are case-insensitive, as in Spark; names keep their case.
#include <cctype>
#include <nlohmann/json.hpp>

#include "sparkctl/core/error.hpp"
#include "type_node.hpp"

namespace sparkctl::connect {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class TypeParser {
 public:
  explicit TypeParser(std::string_view text) : text_(text) {}

  // A lone type, else a field list ("a INT" is not a type but a field);
  // when both fail, the error of the reading that got further.
  DataType parse_all() {
    std::string type_error;
    std::size_t type_error_at = 0;
    try {
      DataType whole = type();
      expect_end();
      return whole;
    } catch (const Error& e) {
      type_error = e.what();
      type_error_at = pos_;
    }
    pos_ = 0;
    try {
      StructType fields = field_list(/*in_struct=*/false);
      expect_end();
      return std::move(fields);
    } catch (const Error&) {
      if (pos_ > type_error_at) throw;
      throw Error::job(type_error);
    }
  }

 private:
  // Reports `what` at `where` (default: here). pos_ stays where reading
  // stopped, which is how parse_all() tells which reading got further.
  [[noreturn]] void fail(const std::string& what, std::optional<std::size_t> where = {}) const {
    throw Error::job("cannot parse the Spark type \"" + std::string(text_) + "\": " + what +
                     " at column " + std::to_string(where.value_or(pos_) + 1));
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool at(char c) {
    skip_space();
    return pos_ < text_.size() && text_[pos_] == c;
  }

  bool accept(char c) {
    if (!at(c)) return false;
    ++pos_;
    return true;
  }

  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }

  void expect_end() {
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text");
  }

  // A bare word: letters, digits and underscores.
  std::string word() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  bool accept_word(const char* keyword) {
    const std::size_t start = pos_;
    if (lower(word()) == keyword) return true;
    pos_ = start;
    return false;
  }

  int number() {
    const std::string digits = word();
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      fail("expected a number");
    }
    return std::stoi(digits);
  }

  // A field name: a word or a `quoted name` (`` inside is one backquote).
  std::string name() {
    skip_space();
    if (!accept('`')) {
      std::string w = word();
      if (w.empty()) fail("expected a field name");
      return w;
    }
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated `name`");
      const char c = text_[pos_++];
      if (c != '`') {
        out += c;
      } else if (pos_ < text_.size() && text_[pos_] == '`') {
        out += '`';
        ++pos_;
      } else {
        return out;
      }
    }
  }

  std::string string_literal() {
    skip_space();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
      fail("expected a quoted comment");
    }
    const char quote = text_[pos_++];
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("unterminated comment");
    ++pos_;
    return out;
  }

  // "(n)" after a type name, or `fallback` when absent.
  int optional_argument(int fallback) {
    if (!accept('(')) return fallback;
    const int n = number();
    expect(')');
    return n;
  }

  int interval_field(const std::vector<std::string>& names) {
    const std::size_t start = pos_;
    const std::string w = lower(word());
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == w) return static_cast<int>(i);
    }
    pos_ = start;
    return -1;
  }

  DataType interval() {
    static const std::vector<std::string> day_time = {"day", "hour", "minute", "second"};
    static const std::vector<std::string> year_month = {"year", "month"};
    for (const auto* fields : {&day_time, &year_month}) {
      const int start = interval_field(*fields);
      if (start < 0) continue;
      int end = start;
      if (accept_word("to")) {
        end = interval_field(*fields);
        if (end < 0) fail("expected the interval's end field");
      }
      if (fields == &day_time) return DayTimeIntervalType(start, end);
      return YearMonthIntervalType(start, end);
    }
    return CalendarIntervalType();
  }

  DataType type() {
    skip_space();
    const std::size_t start = pos_;
    const std::string w = lower(word());
    if (w.empty()) fail("expected a type");
    if (w == "boolean" || w == "bool") return BooleanType();
    if (w == "tinyint" || w == "byte") return ByteType();
    if (w == "smallint" || w == "short") return ShortType();
    if (w == "int" || w == "integer") return IntegerType();
    if (w == "bigint" || w == "long") return LongType();
    if (w == "float" || w == "real") return FloatType();
    if (w == "double") return DoubleType();
    if (w == "binary") return BinaryType();
    if (w == "date") return DateType();
    if (w == "timestamp" || w == "timestamp_ltz") return TimestampType();
    if (w == "timestamp_ntz") return TimestampNTZType();
    if (w == "void" || w == "null") return NullType();
    if (w == "variant") return VariantType();
    if (w == "time") return TimeType(optional_argument(6));
    if (w == "char" || w == "character") return CharType(optional_argument(1));
    if (w == "varchar") return VarcharType(optional_argument(1));
    if (w == "interval") return interval();
    if (w == "string") return accept_word("collate") ? StringType(word()) : StringType();
    if (w == "decimal" || w == "dec" || w == "numeric") {
      if (!accept('(')) return DecimalType();
      const int precision = number();
      const int scale = accept(',') ? number() : 0;
      expect(')');
      return DecimalType(precision, scale);
    }
    if (w == "array") {
      expect('<');
      DataType element = type();
      expect('>');
      return ArrayType(std::move(element));
    }
    if (w == "map") {
      expect('<');
      DataType key = type();
      expect(',');
      DataType value = type();
      expect('>');
      return MapType(std::move(key), std::move(value));
    }
    if (w == "struct") {
      expect('<');
      StructType fields = at('>') ? StructType() : field_list(/*in_struct=*/true);
      expect('>');
      return std::move(fields);
    }
    fail("unknown type \"" + w + "\"", start);
  }

  // name [:] type [NOT NULL] [COMMENT 'text'], ...
  StructType field_list(bool in_struct) {
    StructType out;
    do {
      std::string field_name = name();
      accept(':');
      DataType field_type = type();
      bool nullable = true;
      if (accept_word("not")) {
        if (!accept_word("null")) fail("expected NULL after NOT");
        nullable = false;
      }
      std::string metadata;
      if (accept_word("comment")) metadata = nlohmann::json{{"comment", string_literal()}}.dump();
      out.add(StructField(std::move(field_name), std::move(field_type), nullable, metadata));
    } while (accept(','));
    if (in_struct && !at('>')) fail("expected ',' or '>'");
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

DataType DataType::parse(std::string_view text) { return TypeParser(text).parse_all(); }

}  // namespace sparkctl::connect
