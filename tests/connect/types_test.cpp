// The DataType model offline: Spark's spellings, parsing, equality,
// nullability and the protocol form. The same types against a real server
// are in types_spark_test.cpp.
#include "sparkctl/connect/types.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "spark/connect/types.pb.h"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect {
namespace {

struct Spelling {
  DataType type;
  const char* simple;
  const char* type_name;
  const char* sql;
};

// Every Spark type, with what Spark 4 prints for it.
std::vector<Spelling> every_type() {
  return {
      {NullType(), "void", "void", "VOID"},
      {BooleanType(), "boolean", "boolean", "BOOLEAN"},
      {ByteType(), "tinyint", "byte", "TINYINT"},
      {ShortType(), "smallint", "short", "SMALLINT"},
      {IntegerType(), "int", "integer", "INT"},
      {LongType(), "bigint", "long", "BIGINT"},
      {FloatType(), "float", "float", "FLOAT"},
      {DoubleType(), "double", "double", "DOUBLE"},
      {DecimalType(), "decimal(10,0)", "decimal(10,0)", "DECIMAL(10,0)"},
      {DecimalType(38, 18), "decimal(38,18)", "decimal(38,18)", "DECIMAL(38,18)"},
      {StringType(), "string", "string", "STRING"},
      {StringType("UTF8_LCASE"), "string collate UTF8_LCASE", "string collate UTF8_LCASE",
       "STRING COLLATE UTF8_LCASE"},
      {CharType(3), "char(3)", "char(3)", "CHAR(3)"},
      {VarcharType(12), "varchar(12)", "varchar(12)", "VARCHAR(12)"},
      {BinaryType(), "binary", "binary", "BINARY"},
      {DateType(), "date", "date", "DATE"},
      {TimeType(), "time(6)", "time(6)", "TIME(6)"},
      {TimestampType(), "timestamp", "timestamp", "TIMESTAMP"},
      {TimestampNTZType(), "timestamp_ntz", "timestamp_ntz", "TIMESTAMP_NTZ"},
      {DayTimeIntervalType(), "interval day to second", "interval day to second",
       "INTERVAL DAY TO SECOND"},
      {DayTimeIntervalType(DayTimeIntervalType::hour), "interval hour", "interval hour",
       "INTERVAL HOUR"},
      {YearMonthIntervalType(), "interval year to month", "interval year to month",
       "INTERVAL YEAR TO MONTH"},
      {YearMonthIntervalType(YearMonthIntervalType::month), "interval month", "interval month",
       "INTERVAL MONTH"},
      {CalendarIntervalType(), "interval", "interval", "INTERVAL"},
      {ArrayType(IntegerType()), "array<int>", "array", "ARRAY<INT>"},
      {MapType(StringType(), DoubleType()), "map<string,double>", "map", "MAP<STRING, DOUBLE>"},
      {StructType({{"a", IntegerType()}, {"b", StringType(), false}}), "struct<a:int,b:string>",
       "struct", "STRUCT<`a`: INT, `b`: STRING NOT NULL>"},
      {StructType(), "struct<>", "struct", "STRUCT<>"},
      {VariantType(), "variant", "variant", "VARIANT"},
  };
}

TEST(DataType, EveryTypeHasSparksSpellings) {
  for (const auto& t : every_type()) {
    EXPECT_EQ(t.type.simple_string(), t.simple);
    EXPECT_EQ(t.type.type_name(), t.type_name) << t.simple;
    EXPECT_EQ(t.type.sql(), t.sql) << t.simple;
  }
}

TEST(DataType, EveryTypeParsesBackFromEachSpelling) {
  for (const auto& t : every_type()) {
    // A simple string carries no nullability; the SQL spelling carries it all.
    EXPECT_EQ(DataType::parse(t.simple).simple_string(), t.simple);
    EXPECT_EQ(DataType::parse(t.sql), t.type) << t.sql;
  }
}

TEST(DataType, EveryTypeSurvivesTheProtocolForm) {
  for (const auto& t : every_type()) {
    spark::connect::DataType proto;
    t.type.to_proto(proto);
    EXPECT_EQ(DataType::from_proto(proto), t.type) << t.simple;
  }
}

TEST(DataType, NestedTypesPrintAndParseAsSparkDoes) {
  const DataType nested = ArrayType(
      StructType({{"a", IntegerType()}, {"b", MapType(StringType(), ArrayType(LongType()))}}));
  EXPECT_EQ(nested.simple_string(), "array<struct<a:int,b:map<string,array<bigint>>>>");
  EXPECT_EQ(DataType::parse("array<struct<a:int,b:map<string,array<bigint>>>>"), nested);
  EXPECT_EQ(DataType::parse("ARRAY< STRUCT< a : INT , b MAP<STRING, ARRAY<BIGINT>> > >"), nested);
  std::ostringstream printed;
  printed << nested;
  EXPECT_EQ(printed.str(), nested.simple_string());
}

TEST(DataType, EqualityCoversNullabilityParametersAndNames) {
  EXPECT_EQ(DecimalType(10, 2), DecimalType(10, 2));
  EXPECT_NE(DecimalType(10, 2), DecimalType(10, 3));
  EXPECT_NE(ArrayType(IntegerType(), true), ArrayType(IntegerType(), false));
  EXPECT_NE(MapType(StringType(), IntegerType(), true),
            MapType(StringType(), IntegerType(), false));
  EXPECT_NE(StructType({{"a", IntegerType(), true}}), StructType({{"a", IntegerType(), false}}));
  EXPECT_NE(StructType({{"a", IntegerType()}}), StructType({{"A", IntegerType()}}));
  EXPECT_NE(DataType(IntegerType()), DataType(LongType()));
  EXPECT_EQ(StringType("UTF8_BINARY"), StringType());
  EXPECT_EQ(DataType(), NullType());
}

TEST(DataType, AccessorsAnswerForTheirKind) {
  const DataType d = DecimalType(12, 4);
  EXPECT_EQ(d.kind(), DataType::Kind::decimal);
  EXPECT_EQ(d.precision(), 12);
  EXPECT_EQ(d.scale(), 4);
  EXPECT_TRUE(d.is_numeric());
  EXPECT_FALSE(d.is_integral());
  const DataType m = MapType(StringType(), ArrayType(IntegerType(), false), false);
  EXPECT_TRUE(m.is_nested());
  EXPECT_EQ(m.key_type(), StringType());
  EXPECT_FALSE(m.value_contains_null());
  EXPECT_FALSE(m.value_type().contains_null());
  EXPECT_EQ(m.value_type().element_type(), IntegerType());
  const DataType i = DayTimeIntervalType(DayTimeIntervalType::hour, DayTimeIntervalType::minute);
  EXPECT_EQ(i.start_field(), 1);
  EXPECT_EQ(i.end_field(), 2);
  EXPECT_EQ(CharType(5).length(), 5);
  EXPECT_EQ(StringType("UNICODE_CI").collation(), "UNICODE_CI");
}

TEST(DataType, MisuseFailsWithAClearJobError) {
  try {
    (void)IntegerType().element_type();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::job_failed);
    EXPECT_STREQ(e.what(), "element_type() is not defined for the Spark type int");
  }
  EXPECT_THROW(DecimalType(39, 0), Error);
  EXPECT_THROW(DecimalType(5, 6), Error);
  EXPECT_THROW(DayTimeIntervalType(3, 1), Error);
  EXPECT_THROW(YearMonthIntervalType(2), Error);
  EXPECT_THROW(CharType(0), Error);
  EXPECT_THROW((void)LongType().as_struct(), Error);
}

TEST(DataType, MalformedTypeStringsNameTheProblemAndColumn) {
  const auto message = [](const char* text) {
    try {
      DataType::parse(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("array<int"),
            "cannot parse the Spark type \"array<int\": expected '>' at column 10");
  EXPECT_EQ(message("map<string>"),
            "cannot parse the Spark type \"map<string>\": expected ',' at column 11");
  EXPECT_EQ(message("integr"),
            "cannot parse the Spark type \"integr\": unknown type \"integr\" at column 1");
  EXPECT_EQ(message("struct<a:int"),
            "cannot parse the Spark type \"struct<a:int\": expected ',' or '>' at column 13");
  EXPECT_EQ(message(""), "cannot parse the Spark type \"\": expected a type at column 1");
  EXPECT_EQ(message("decimal(40,2)"),
            "DecimalType(40, 2): precision must be 1 to 38 and scale 0 to the precision");
}

TEST(StructType, DdlFieldListsParseToAStruct) {
  const DataType parsed = DataType::parse(
      "id BIGINT NOT NULL, `full name` STRING COMMENT 'as written', tags array<string>");
  const StructType s = parsed.as_struct();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], StructField("id", LongType(), false));
  EXPECT_EQ(s[1].name, "full name");
  EXPECT_EQ(s[1].metadata, R"({"comment":"as written"})");
  EXPECT_EQ(s[2].data_type, ArrayType(StringType()));
  EXPECT_EQ(s.ddl(),
            "`id` BIGINT NOT NULL, `full name` STRING COMMENT 'as written', `tags` ARRAY<STRING>");
  EXPECT_EQ(DataType::parse(s.ddl()), s);
}

TEST(StructType, FieldsByIndexAndNameAndIteration) {
  StructType s;
  s.add("a", IntegerType()).add(StructField("b", StringType(), false));
  EXPECT_EQ(s.names(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s.index_of("b"), 1u);
  EXPECT_FALSE(s.index_of("c").has_value());
  EXPECT_FALSE(s.field("b").nullable);
  std::vector<std::string> seen;
  for (const StructField& f : s) seen.push_back(f.simple_string());
  EXPECT_EQ(seen, (std::vector<std::string>{"a:int", "b:string"}));
  try {
    (void)s.field("c");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no field \"c\" in the schema (fields: a, b)");
  }
  // add() on a copy leaves the original alone: types are values.
  StructType copy = s;
  copy.add("c", DateType());
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(copy.size(), 3u);
}

TEST(StructType, TreeStringIsSparksPrintSchema) {
  const StructType s({{"id", LongType(), false},
                      {"tags", ArrayType(StringType(), false)},
                      {"scores", MapType(StringType(), DoubleType())},
                      {"address", StructType({{"city", StringType()}})}});
  EXPECT_EQ(s.tree_string(),
            "root\n"
            " |-- id: long (nullable = false)\n"
            " |-- tags: array (nullable = true)\n"
            " |    |-- element: string (containsNull = false)\n"
            " |-- scores: map (nullable = true)\n"
            " |    |-- key: string\n"
            " |    |-- value: double (valueContainsNull = true)\n"
            " |-- address: struct (nullable = true)\n"
            " |    |-- city: string (nullable = true)\n");
}

TEST(DataType, ProtocolDefaultsAndUnparsedTypesAreRead) {
  spark::connect::DataType p;
  p.mutable_decimal();
  EXPECT_EQ(DataType::from_proto(p), DecimalType(10, 0));
  p.mutable_day_time_interval()->set_start_field(1);
  EXPECT_EQ(DataType::from_proto(p), DayTimeIntervalType(1, 1));
  p.mutable_day_time_interval()->Clear();
  EXPECT_EQ(DataType::from_proto(p), DayTimeIntervalType());
  p.mutable_unparsed()->set_data_type_string("array<date>");
  EXPECT_EQ(DataType::from_proto(p), ArrayType(DateType()));
  p.mutable_udt()->set_type("udt");
  ArrayType(DoubleType(), false).to_proto(*p.mutable_udt()->mutable_sql_type());
  EXPECT_EQ(DataType::from_proto(p), ArrayType(DoubleType(), false));
  p.mutable_geometry()->set_srid(4326);
  try {
    DataType::from_proto(p);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);
    EXPECT_STREQ(e.what(), "the Spark server sent a data type sparkctl does not support: geometry");
  }
}

}  // namespace
}  // namespace sparkctl::connect
