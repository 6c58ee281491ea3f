// Every output format of the shell, for a table with every Spark type, read
// back by a real parser: Python's json and csv modules, pyarrow for Arrow.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "command_runner.hpp"
#include "in_process.hpp"
#include "shell_test_support.hpp"

namespace shell_test {
namespace {

using sparkctl::testing::CommandOptions;
using sparkctl::testing::CommandResult;
using sparkctl::testing::run_command;
using sparkctl::testing::run_in_process;

// One row of values (with commas, quotes, line breaks and non-ASCII in
// the string), one row of NULLs.
const char* const every_type_query =
    "SELECT 1 AS k, CAST(-8 AS TINYINT) AS i8, CAST(300 AS SMALLINT) AS i16, 70000 AS i32, "
    "9000000000 AS i64, CAST(1.5 AS FLOAT) AS f32, 1.0E10D AS f64, "
    "CAST('12345678901234.567890' AS DECIMAL(20,6)) AS dec, "
    "'comma, \"quote\"\nline é日本' AS s, X'CAFE00' AS bin, true AS b, DATE'2024-02-29' AS d, "
    "TIMESTAMP'2024-02-29 12:34:56.789' AS ts, TIMESTAMP_NTZ'2024-02-29 01:02:03' AS ntz, "
    "INTERVAL '1-2' YEAR TO MONTH AS ym, INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt, "
    "array(1, NULL, 3) AS arr, map('a', 1.5D, 'b', NULL) AS m, "
    "named_struct('x', 1, 'y', 'z, \"w\"') AS st, NULL AS n "
    "UNION ALL SELECT 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, NULL, NULL, NULL, NULL, NULL, NULL "
    "ORDER BY k";

// The shell's output of every_type_query in `format`, parsed by `reader` (Python
// that reads sys.argv[1] and prints what it found).
std::string parsed(const std::string& format, const std::string& reader) {
  TempDir dir;
  CommandResult r =
      run_in_process({"shell", "--remote", remote(), "-o", format, "-e", every_type_query});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ofstream(dir / "result", std::ios::binary) << r.out;
  std::ofstream(dir / "read.py") << reader;
  CommandResult py =
      run_command({SHELL_TEST_PYTHON, (dir / "read.py").string(), (dir / "result").string()});
  EXPECT_EQ(py.exit_code, 0) << py.err;
  return py.out;
}

TEST(OutputFormats, JsonLinesParseWithNestedValuesAsJson) {
  const std::string out = parsed("json",
                                 "import base64, decimal, json, sys\n"
                                 "for line in open(sys.argv[1], encoding='utf-8'):\n"
                                 "    row = json.loads(line, parse_float=decimal.Decimal)\n"
                                 "    if row['bin'] is not None:\n"
                                 "        row['bin'] = base64.b64decode(row['bin'])\n"
                                 "    print(repr(row))\n");
  EXPECT_EQ(out,
            "{'k': 1, 'i8': -8, 'i16': 300, 'i32': 70000, 'i64': 9000000000, 'f32': "
            "Decimal('1.5'), 'f64': Decimal('1.0E+10'), 'dec': Decimal('12345678901234.567890'), "
            "'s': 'comma, \"quote\"\\nline é日本', 'bin': b'\\xca\\xfe\\x00', 'b': True, 'd': "
            "'2024-02-29', 'ts': '2024-02-29T12:34:56.789Z', 'ntz': '2024-02-29T01:02:03', 'ym': "
            "\"INTERVAL '1-2' YEAR TO MONTH\", 'dt': \"INTERVAL '1 02:03:04.5' DAY TO SECOND\", "
            "'arr': [1, None, 3], 'm': {'a': Decimal('1.5'), 'b': None}, 'st': {'x': 1, 'y': "
            "'z, \"w\"'}, 'n': None}\n"
            "{'k': 2, 'i8': None, 'i16': None, 'i32': None, 'i64': None, 'f32': None, 'f64': "
            "None, 'dec': None, 's': None, 'bin': None, 'b': None, 'd': None, 'ts': None, 'ntz': "
            "None, 'ym': None, 'dt': None, 'arr': None, 'm': None, 'st': None, 'n': None}\n");
}

TEST(OutputFormats, CsvParsesWithAHeaderAndQuotedFields) {
  const std::string out = parsed("csv",
                                 "import csv, sys\n"
                                 "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                 "    for row in csv.reader(f):\n"
                                 "        print(repr(row))\n");
  EXPECT_EQ(out,
            "['k', 'i8', 'i16', 'i32', 'i64', 'f32', 'f64', 'dec', 's', 'bin', 'b', 'd', 'ts', "
            "'ntz', 'ym', 'dt', 'arr', 'm', 'st', 'n']\n"
            "['1', '-8', '300', '70000', '9000000000', '1.5', '1.0E10', '12345678901234.567890', "
            "'comma, \"quote\"\\nline é日本', '[CA FE 00]', 'true', '2024-02-29', "
            "'2024-02-29 12:34:56.789', '2024-02-29 01:02:03', \"INTERVAL '1-2' YEAR TO MONTH\", "
            "\"INTERVAL '1 02:03:04.5' DAY TO SECOND\", '[1, NULL, 3]', '{a -> 1.5, b -> NULL}', "
            "'{1, z, \"w\"}', '']\n"
            "['2', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']\n");
}

// The CSV writer writes out blocks of 256 KiB: a quoted cell larger than a
// block and the rows around it come out whole and in order.
TEST(OutputFormats, CsvCellLargerThanTheWritersBlock) {
  CommandResult r = run_in_process({"shell", "--remote", remote(), "-o", "csv", "-e",
                                    "SELECT id, IF(id = 1, repeat('a\"b,', 200000), 'x') AS s, "
                                    "id * 0.5D AS h FROM range(3)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string big = std::string(1, '"') + [] {
    std::string cell;
    for (int i = 0; i < 200000; ++i) cell += "a\"\"b,";
    return cell;
  }() + '"';
  EXPECT_EQ(r.out, "id,s,h\n0,x,0.0\n1," + big + ",0.5\n2,x,1.0\n");
}

TEST(OutputFormats, ArrowStreamReadsWithPyarrow) {
  const std::string out =
      parsed("arrow",
             "import sys, pyarrow.ipc as ipc\n"
             "t = ipc.open_stream(open(sys.argv[1], 'rb').read()).read_all()\n"
             "for f, c in zip(t.schema, t.columns):\n"
             "    # pyarrow has no Python value for month intervals: their null count\n"
             "    print(f.name, f.type, c.to_pylist() if str(f.type) != 'month_interval' else "
             "c.null_count)\n");
  EXPECT_EQ(out,
            "k int32 [1, 2]\n"
            "i8 int8 [-8, None]\n"
            "i16 int16 [300, None]\n"
            "i32 int32 [70000, None]\n"
            "i64 int64 [9000000000, None]\n"
            "f32 float [1.5, None]\n"
            "f64 double [10000000000.0, None]\n"
            "dec decimal128(20, 6) [Decimal('12345678901234.567890'), None]\n"
            "s string ['comma, \"quote\"\\nline é日本', None]\n"
            "bin binary [b'\\xca\\xfe\\x00', None]\n"
            "b bool [True, None]\n"
            "d date32[day] [datetime.date(2024, 2, 29), None]\n"
            "ts timestamp[us, tz=Etc/UTC] [datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, "
            "tzinfo=zoneinfo.ZoneInfo(key='Etc/UTC')), None]\n"
            "ntz timestamp[us] [datetime.datetime(2024, 2, 29, 1, 2, 3), None]\n"
            "ym month_interval 1\n"
            "dt duration[us] [datetime.timedelta(days=1, seconds=7384, microseconds=500000), "
            "None]\n"
            "arr list<element: int32> [[1, None, 3], None]\n"
            "m map<string, double> [[('a', 1.5), ('b', None)], None]\n"
            "st struct<x: int32 not null, y: string not null> [{'x': 1, 'y': 'z, \"w\"'}, "
            "None]\n"
            "n null [None, None]\n");
}

// Spark's show(truncate = false): binary in hex, nested values as Spark
// prints them, the string's line break escaped so the row stays one line.
TEST(OutputFormats, TableIsSparksShow) {
  CommandResult r =
      run_in_process({"shell", "--remote", remote(), "-e",
                      "SELECT X'CAFE' AS bin, array(1, NULL) AS arr, map('a', 1) AS m, "
                      "named_struct('x', 1, 'y', 'z') AS st, 'a\nb' AS s, "
                      "INTERVAL '26' HOUR AS h, CAST(NULL AS INT) AS n"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "+-------+---------+--------+------+----+------------------+----+\n"
            "|bin    |arr      |m       |st    |s   |h                 |n   |\n"
            "+-------+---------+--------+------+----+------------------+----+\n"
            "|[CA FE]|[1, NULL]|{a -> 1}|{1, z}|a\\nb|INTERVAL '26' HOUR|NULL|\n"
            "+-------+---------+--------+------+----+------------------+----+\n");
}

}  // namespace
}  // namespace shell_test
