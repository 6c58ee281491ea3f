// Offline tests of the transport pieces: sc:// parsing, error mapping,
// show() rendering. No server needed.
#include "sparkctl/connect/channel.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sparkctl/connect/errors.hpp"
#include "sparkctl/connect/session.hpp"
#include "sparkctl/connect/show.hpp"
#include "sparkctl/connect/token_source.hpp"

namespace sparkctl::connect {
namespace {

TEST(ConnectionString, DefaultsToPort15002WithoutTls) {
  const ChannelOptions o = parse_connection_string("sc://spark.example");
  EXPECT_EQ(o.host, "spark.example");
  EXPECT_EQ(o.port, 15002);
  EXPECT_FALSE(o.use_ssl);
  EXPECT_EQ(o.target(), "spark.example:15002");
}

TEST(ConnectionString, ReadsAllParameters) {
  const ChannelOptions o = parse_connection_string(
      "sc://h:443/;token=abc;user_id=ann;user_agent=ci;"
      "session_id=0d2b7b5e-57b7-4b3c-9f0a-7d1b3c0c9e11;x-trace=1");
  EXPECT_EQ(o.port, 443);
  EXPECT_EQ(o.token, "abc");
  EXPECT_TRUE(o.use_ssl);  // a token implies TLS
  EXPECT_EQ(o.user_id, "ann");
  EXPECT_EQ(o.user_agent, "ci");
  EXPECT_EQ(o.session_id, "0d2b7b5e-57b7-4b3c-9f0a-7d1b3c0c9e11");
  EXPECT_EQ(o.headers.at("x-trace"), "1");
}

TEST(ConnectionString, Ipv6AndExplicitTls) {
  const ChannelOptions o = parse_connection_string("sc://[::1]:15003/;use_ssl=true");
  EXPECT_EQ(o.host, "::1");
  EXPECT_EQ(o.port, 15003);
  EXPECT_TRUE(o.use_ssl);
  EXPECT_EQ(o.target(), "[::1]:15003");
}

TEST(ConnectionString, PlainTextTokenOnlyToLoopback) {
  EXPECT_FALSE(parse_connection_string("sc://localhost/;token=t;use_ssl=false").use_ssl);
  EXPECT_THROW(parse_connection_string("sc://remote/;token=t;use_ssl=false"), Error);
}

TEST(ConnectionString, ATokenToLoopbackGoesInPlainTextLikePyspark) {
  // A local server speaks no TLS; pyspark sends a token in plain text to localhost.
  for (const char* url :
       {"sc://localhost:1/;token=t", "sc://127.0.0.1:1/;token=t", "sc://[::1]:1/;token=t"}) {
    const ChannelOptions o = parse_connection_string(url);
    EXPECT_EQ(o.token, "t") << url;
    EXPECT_FALSE(o.use_ssl) << url;
  }
  EXPECT_TRUE(parse_connection_string("sc://localhost/;token=t;use_ssl=true").use_ssl);
}

TEST(ConnectionString, TheFallbackTokenServesAStringWithoutOne) {
  EXPECT_EQ(parse_connection_string("sc://localhost:1", "env").token, "env");
  EXPECT_FALSE(parse_connection_string("sc://localhost:1", "env").use_ssl);
  EXPECT_TRUE(parse_connection_string("sc://spark.example", "env").use_ssl);
  EXPECT_EQ(parse_connection_string("sc://localhost:1/;token=url", "env").token, "url");
  EXPECT_EQ(parse_connection_string("sc://localhost:1", "").token, "");
}

TEST(TokenSource, AFileElseTheEnvironmentVariable) {
  const std::string file = ::testing::TempDir() + "channel_test_token";
  std::ofstream(file) << "  from-file \n";
  ::setenv(token_environment_variable, "from-env", 1);
  EXPECT_EQ(token_from_file_or_environment(file), "from-file");
  EXPECT_EQ(token_from_file_or_environment(""), "from-env");
  ::unsetenv(token_environment_variable);
  EXPECT_EQ(token_from_file_or_environment(""), "");
  std::ofstream(file) << "\n";
  EXPECT_THROW(token_from_file_or_environment(file), Error);
  std::remove(file.c_str());
  try {
    token_from_file_or_environment(file);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

TEST(ConnectionString, BadStringsAreUsageErrors) {
  for (const char* bad : {"http://h:1", "sc://", "sc://h:0", "sc://h:99999", "sc://h:x",
                          "sc://h:", "sc://h/path", "sc://h/;novalue", "sc://h/;use_ssl=maybe",
                          "sc://h/;session_id=123", "sc://[::1", "sc://h/;Bad Header=1"}) {
    try {
      parse_connection_string(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::usage) << bad;
    }
  }
  EXPECT_THROW(Session::open("sc:/oops"), Error);
}

TEST(ConnectionString, TokenNeverAppearsInErrors) {
  try {
    parse_connection_string("sc://h:bad/;token=s3cret;user_id=x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("token=***"), std::string::npos) << e.what();
  }
  EXPECT_EQ(redacted("sc://h/;user_id=a;token=xyz;use_ssl=true"),
            "sc://h/;user_id=a;token=***;use_ssl=true");
}

TEST(Client, UnreachableServerIsAClusterError) {
  ChannelOptions o = parse_connection_string("sc://127.0.0.1:1");
  o.retry.max_retries = 1;
  o.retry.initial_backoff = std::chrono::milliseconds(10);
  const Session s = Session::open(o);
  try {
    s.spark_version();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster) << e.what();
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:1"), std::string::npos) << e.what();
  }
}

// A parse error's message starts with a line break and ends with the SQL.
TEST(SparkError, ParseErrorShowsTheLineAndTheCaret) {
  const SparkError e("PARSE_SYNTAX_ERROR", "42601",
                     "\n[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 "
                     "(line 1, pos 10)\n\n== SQL ==\nSELECT 1 +\n----------^^^\n");
  EXPECT_STREQ(e.what(),
               "[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. SQLSTATE: 42601 "
               "(line 1, pos 10)\n\n== SQL ==\nSELECT 1 +\n----------^^^");
  EXPECT_EQ(e.kind(), ErrorKind::job_failed);
  EXPECT_EQ(e.error_class(), "PARSE_SYNTAX_ERROR");
  EXPECT_EQ(SparkError("X", "", "boom").what(), std::string("[X] boom"));
  EXPECT_EQ(SparkError("X", "", "").what(),
            std::string("[X] Spark reported an error without a message"));
}

// An analysis error: the first line, then Spark's query context; the plan
// dump that follows the first line stays out.
TEST(SparkError, AnalysisErrorShowsTheQueryContextNotThePlan) {
  const SparkError e("UNRESOLVED_COLUMN.WITH_SUGGESTION", "42703",
                     "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `no_such` cannot be "
                     "resolved. SQLSTATE: 42703; line 1 pos 7;\n'Project ['no_such]\n+- Range\n",
                     "== SQL (line 1, position 8) ==\nSELECT no_such FROM range(3)\n       "
                     "^^^^^^^\n");
  EXPECT_STREQ(e.what(),
               "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `no_such` cannot be resolved. "
               "SQLSTATE: 42703; line 1 pos 7;\n\n== SQL (line 1, position 8) ==\n"
               "SELECT no_such FROM range(3)\n       ^^^^^^^");
  EXPECT_NE(e.message().find("'Project"), std::string::npos);
}

TEST(Show, RendersLikeSpark) {
  Rows t(StructType({{"id", LongType()}, {"comment", StringType()}}), {});
  t.push_back({1, "short"});
  t.push_back({22, "a comment that is far too long"});
  t.push_back({3, nullptr});
  std::ostringstream out;
  print_show(t, 2, true, true, out);
  EXPECT_EQ(out.str(),
            "+---+--------------------+\n"
            "| id|             comment|\n"
            "+---+--------------------+\n"
            "|  1|               short|\n"
            "| 22|a comment that is...|\n"
            "+---+--------------------+\n"
            "only showing top 2 rows\n");
  std::ostringstream whole;
  print_show(t, 5, false, false, whole);
  EXPECT_NE(whole.str().find("|3  |NULL "), std::string::npos) << whole.str();
}

}  // namespace
}  // namespace sparkctl::connect
