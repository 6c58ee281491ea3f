// A Spark Connect session: the entry point of the DataFrame API, like
// pyspark's SparkSession. It creates DataFrames (range, sql, read) and
// session-wide operations; it never exposes gRPC.
//
//   auto spark = Session::open("sc://localhost:15002");
//   spark.range(0, 1000).filter(col("id") % 2 == 0).count();
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sparkctl/connect/catalog.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/dataframe_reader.hpp"
#include "sparkctl/connect/runtime_config.hpp"

namespace sparkctl::connect {

class Client;
struct ChannelOptions;

class Session {
 public:
  // Parses the sc:// string (Error::usage when malformed) and prepares
  // the channel. Nothing is sent until the first call that needs the server.
  static Session open(const std::string& connection_string);
  static Session open(const ChannelOptions& options);

  DataFrame range(std::int64_t end) const;
  DataFrame range(std::int64_t start, std::int64_t end, std::int64_t step = 1,
                  std::optional<int> num_partitions = std::nullopt) const;
  // Runs the statement (DDL and commands take effect now) and returns its
  // result as a DataFrame; queries stay lazy. Parameters are bound by the
  // server, never spliced into the text: named ones as :name,
  //   spark.sql("SELECT * FROM t WHERE age > :min", {{"min", 18}})
  // positional ones as ?,
  //   spark.sql("SELECT * FROM t WHERE age > ? AND sex = ?", {18, "female"})
  DataFrame sql(const std::string& query) const;
  DataFrame sql(const std::string& query, const std::map<std::string, ColumnOrLiteral>& args) const;
  DataFrame sql(const std::string& query, const std::vector<ColumnOrLiteral>& args) const;
  // The same for braces, as above (an initializer list is taken before a container).
  DataFrame sql(const std::string& query,
                std::initializer_list<std::pair<const std::string, ColumnOrLiteral>> args) const {
    return sql(query, std::map<std::string, ColumnOrLiteral>(args));
  }
  DataFrame sql(const std::string& query, std::initializer_list<ColumnOrLiteral> args) const {
    return sql(query, std::vector<ColumnOrLiteral>(args));
  }
  DataFrame table(const std::string& name) const;  // a table or view by name
  // Local rows as a DataFrame, sent to the server as one Arrow IPC stream:
  //   spark.create_data_frame({{1, "first"}, {2, "second"}},
  //                           StructType({{"class", IntegerType()}, {"name", StringType()}}))
  // Each value must fit its field (Error::job naming the row and column).
  DataFrame create_data_frame(const std::vector<Row>& rows, const StructType& schema) const;
  DataFrame create_data_frame(const Rows& rows) const;
  DataFrameReader read() const;
  RuntimeConfig conf() const;
  Catalog catalog() const;

  std::string spark_version() const;
  // Cancels every running operation of this session; callable from any
  // thread (e.g. on Ctrl-C). The interrupted call throws Error::interrupted.
  void interrupt_all() const;
  // Forgets earlier interrupts (they stick until then, see Client).
  void clear_interrupt() const;
  // Frees the session on the server (also done by the server on timeout).
  void close() const;

  const std::string& session_id() const;
  Client& client() const { return *client_; }

 private:
  explicit Session(std::shared_ptr<Client> client);
  std::shared_ptr<Client> client_;
};

}  // namespace sparkctl::connect
