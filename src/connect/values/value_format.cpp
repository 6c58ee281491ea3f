// to_string(): values rendered the way Spark's show() prints them.
#include "spark_text.hpp"
#include "sparkctl/connect/arrow_reader.hpp"

namespace sparkctl::arrow {

std::string to_string(const Value& v) {
  namespace text = connect::text;
  struct Formatter {
    std::string out;
    void operator()(std::monostate) { out = "NULL"; }
    void operator()(bool b) { out = b ? "true" : "false"; }
    void operator()(int64_t i) { text::append_int(out, i); }
    void operator()(double d) { text::append_double(out, d); }
    void operator()(const std::string& s) { out = s; }
    void operator()(const Decimal& d) { text::append_decimal(out, d.unscaled, d.scale); }
    void operator()(const Date& d) { text::append_date(out, d.days); }
    void operator()(const Timestamp& t) { text::append_local_timestamp(out, t.micros); }
  } formatter;
  std::visit(formatter, v);
  return formatter.out;
}

}  // namespace sparkctl::arrow
