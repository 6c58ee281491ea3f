// The representation behind a DataType, shared by the files that build,
// print, parse and convert types. One immutable node per type; copies of a
// DataType share it, so a type is cheap to pass around and to nest.
#pragma once

#include <string>
#include <vector>

#include "sparkctl/connect/types.hpp"

namespace sparkctl::connect {

struct DataType::Node {
  Kind kind = Kind::null;
  int first = 0;                   // decimal precision, time precision, char length, interval start
  int second = 0;                  // decimal scale, interval end
  bool contains_null = true;       // array elements, map values
  std::string collation;           // string
  std::vector<DataType> children;  // array: element; map: key, value
  std::vector<StructField> fields;
};

// The shared node of a type without parameters (boolean, date, ...).
std::shared_ptr<const DataType::Node> simple_node(DataType::Kind kind);

}  // namespace sparkctl::connect
