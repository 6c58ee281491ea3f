#include "sparkctl/connect/result_stream.hpp"

#include "format_writers.hpp"
#include "result_pipeline.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {

ResultFormat parse_result_format(const std::string& name) {
  if (name == "table") return ResultFormat::table;
  if (name == "csv") return ResultFormat::csv;
  if (name == "json") return ResultFormat::json;
  if (name == "arrow") return ResultFormat::arrow;
  throw Error::usage("unknown output format '" + name + "': use table, csv, json or arrow");
}

std::int64_t stream_result(Client& client, const spark::connect::Relation& relation,
                           ResultFormat format, std::ostream& out) {
  std::unique_ptr<results::ResultWriter> writer;
  switch (format) {
    case ResultFormat::table:
      writer = results::make_table_writer(out);
      break;
    case ResultFormat::csv:
      writer = results::make_csv_writer(out);
      break;
    case ResultFormat::json:
      writer = results::make_json_writer(out);
      break;
    case ResultFormat::arrow:
      writer = results::make_arrow_writer(out);
      break;
  }
  spark::connect::Plan plan;
  *plan.mutable_root() = relation;
  return results::run_pipeline(client, plan, *writer);
}

}  // namespace sparkctl::connect
