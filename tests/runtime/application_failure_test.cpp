// The cause of a user's failed application, read from what it wrote on
// stderr: Python tracebacks (plain, chained, and pyspark's errors from the
// server), a JVM's main-thread exception, and the classic-API hint.
#include "sparkctl/runtime/application_failure.hpp"

#include <gtest/gtest.h>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/application_runner.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace sparkctl::runtime {
namespace {

TEST(ApplicationFailure, LastLineOfAPythonTraceback) {
  const auto failure = read_application_failure({
      "some output",
      "Traceback (most recent call last):",
      "  File \"/x/app.py\", line 6, in <module>",
      "    raise ValueError(\"no data for 2026-12-01\")",
      "ValueError: no data for 2026-12-01",
  });
  EXPECT_EQ(failure.cause, "ValueError: no data for 2026-12-01");
  EXPECT_FALSE(failure.needs_classic_api);
}

TEST(ApplicationFailure, TheLastOfChainedTracebacks) {
  const auto failure = read_application_failure({
      "Traceback (most recent call last):",
      "  File \"a.py\", line 1, in <module>",
      "KeyError: 'x'",
      "",
      "During handling of the above exception, another exception occurred:",
      "",
      "Traceback (most recent call last):",
      "  File \"a.py\", line 3, in <module>",
      "RuntimeError: lookup failed",
  });
  EXPECT_EQ(failure.cause, "RuntimeError: lookup failed");
}

TEST(ApplicationFailure, ServerErrorsNameTheInnermostException) {
  const auto failure = read_application_failure({
      "Traceback (most recent call last):",
      "  File \"/x/app.py\", line 9, in <module>",
      "pyspark.errors.exceptions.connect.PythonException: ",
      "  An exception was thrown from the Python worker. Please see the stack trace below.",
      "[PYTHON_EXCEPTION] An exception was thrown from the Python worker: Traceback (most recent "
      "call last):",
      "  File \"worker.py\", line 2845, in read_udfs",
      "ModuleNotFoundError: No module named 'mylib'",
      " SQLSTATE: 38000",
  });
  EXPECT_EQ(failure.cause, "ModuleNotFoundError: No module named 'mylib'");
}

TEST(ApplicationFailure, JvmMainThreadException) {
  const auto failure = read_application_failure({
      "26/12/06 INFO SparkContext: Running Spark",
      "Exception in thread \"main\" java.lang.IllegalStateException: no input",
      "\tat example.Etl.main(Etl.java:12)",
  });
  EXPECT_EQ(failure.cause, "java.lang.IllegalStateException: no input");
}

TEST(ApplicationFailure, SparkContextOnConnectNeedsClassic) {
  const auto failure = read_application_failure({
      "Traceback (most recent call last):",
      "pyspark.errors.exceptions.base.PySparkAttributeError: [JVM_ATTRIBUTE_NOT_SUPPORTED] "
      "Attribute `sparkContext` is not supported in Spark Connect",
  });
  EXPECT_TRUE(failure.needs_classic_api);
}

TEST(ApplicationFailure, NothingToReadIsNoCause) {
  EXPECT_EQ(read_application_failure({"killed"}).cause, "");
}

TEST(UserApplicationFiles, LanguageAndNames) {
  EXPECT_EQ(language_of("dir/App.PY"), AppLanguage::python);
  EXPECT_EQ(language_of("s3a://b/etl.jar"), AppLanguage::jvm);
  EXPECT_THROW(language_of("notes.txt"), Error);
  EXPECT_EQ(file_name_of("s3a://b/x/app.py"), "app.py");
  EXPECT_EQ(file_name_of("mylib/"), "mylib");
  EXPECT_EQ(remote_for_pyspark("sc://127.0.0.1:15002/;token=t"), "sc://localhost:15002/;token=t");
  EXPECT_EQ(remote_for_pyspark("sc://spark.example:443"), "sc://spark.example:443");
}

}  // namespace
}  // namespace sparkctl::runtime
