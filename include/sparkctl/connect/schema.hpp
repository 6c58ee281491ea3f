// A DataFrame's schema as Spark reports it (AnalyzePlan), with types in
// Spark's SQL spelling: bigint, double, string, decimal(10,2),
// array<int>, struct<a:int,b:string>, ...
#pragma once

#include <string>
#include <vector>

namespace spark::connect {
class DataType;
}

namespace sparkctl::connect {

struct StructField {
  std::string name;
  std::string type;
  bool nullable = true;
};

using Schema = std::vector<StructField>;

// Spark's simpleString of a type ("bigint", "map<string,int>").
std::string type_string(const spark::connect::DataType& type);
// The fields of a struct type (a top-level schema); other types give one
// field named "value".
Schema to_schema(const spark::connect::DataType& type);

}  // namespace sparkctl::connect
