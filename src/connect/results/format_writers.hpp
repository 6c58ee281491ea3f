// The output formats of a streamed result, each a ResultWriter that writes
// batch by batch to an ostream (see sparkctl/connect/result_stream.hpp for
// what each format looks like).
#pragma once

#include <iosfwd>
#include <memory>

#include "result_writer.hpp"
#include "sparkctl/connect/result_stream.hpp"

namespace sparkctl::connect::results {

std::unique_ptr<ResultWriter> make_csv_writer(std::ostream& out);
std::unique_ptr<ResultWriter> make_json_writer(std::ostream& out);
std::unique_ptr<ResultWriter> make_table_writer(std::ostream& out);
std::unique_ptr<ResultWriter> make_arrow_writer(std::ostream& out);

}  // namespace sparkctl::connect::results
