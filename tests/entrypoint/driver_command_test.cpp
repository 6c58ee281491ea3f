// Splitting the driver container's arguments, reading Spark's properties
// file, and the server command built from them. No Spark needed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "sparkctl/core/error.hpp"
#include "sparkctl/runtime/driver_entrypoint.hpp"
#include "sparkctl/runtime/port.hpp"

namespace sparkctl::runtime {
namespace {

namespace fs = std::filesystem;

class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    std::string pattern = (fs::temp_directory_path() / "sparkctl-props-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    close(fd);
    path_ = pattern;
    std::ofstream(path_) << text;
  }
  ~TempFile() { fs::remove(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The SparkApplication's stand-in class becomes the Connect server here.
TEST(DriverCommand, SplitsTheOperatorsShape) {
  TempFile props("spark.app.name=pi-1\nspark.master=k8s\\://https\\://10.0.0.1\\:443\n");
  const auto command = parse_driver_command(
      {"--properties-file", props.path().string(), "--class", "dev.sparkctl.ConnectDriver",
       "local:///opt/spark/jars/spark-connect_2.13-4.3.0.jar", "--job", "pi", "--job-args",
       "partitions=10", "message="});
  EXPECT_EQ(command.submit_options,
            (std::vector<std::string>{"--properties-file", props.path().string(), "--class",
                                      "org.apache.spark.sql.connect.service.SparkConnectServer"}));
  EXPECT_EQ(command.primary_resource, "local:///opt/spark/jars/spark-connect_2.13-4.3.0.jar");
  EXPECT_EQ(command.app_args,
            (std::vector<std::string>{"--job", "pi", "--job-args", "partitions=10", "message="}));
  EXPECT_EQ(command.property("spark.app.name"), "pi-1");
  EXPECT_EQ(command.property("spark.master"), "k8s://https://10.0.0.1:443");
}

TEST(DriverCommand, ConfWinsOverThePropertiesFileAndKeepsSwitches) {
  TempFile props("spark.ui.port=4040\nspark.app.name=a\n");
  const auto command = parse_driver_command(
      {"--verbose", "--properties-file", props.path().string(), "--conf", "spark.ui.port=4999",
       "--conf=spark.x=y=z", "--name", "b", "spark-internal"});
  EXPECT_EQ(command.property("spark.ui.port"), "4999");
  EXPECT_EQ(command.property("spark.x"), "y=z");
  EXPECT_EQ(command.property("spark.app.name"), "b");
  EXPECT_EQ(command.property("spark.missing", "fallback"), "fallback");
  EXPECT_EQ(command.submit_options.front(), "--verbose");
  EXPECT_EQ(command.primary_resource, "spark-internal");
  EXPECT_TRUE(command.app_args.empty());
}

TEST(DriverCommand, RejectsWhatSparkSubmitWouldReject) {
  EXPECT_THROW(parse_driver_command({"--class"}), Error);
  EXPECT_THROW(parse_driver_command({"--class", "C"}), Error);  // no primary resource
  EXPECT_THROW(parse_driver_command({"--no-such-option", "x", "spark-internal"}), Error);
  EXPECT_THROW(parse_driver_command({"--conf", "novalue", "spark-internal"}), Error);
  EXPECT_THROW(parse_driver_command({"--properties-file", "/nonexistent/p", "spark-internal"}),
               Error);
}

TEST(PropertiesFile, ReadsJavaPropertiesSyntax) {
  TempFile props(
      "# written by Spark\n"
      "! also a comment\n"
      "  spark.a = one\n"
      "spark.b:two\n"
      "spark.c three words\n"
      "spark.d=first \\\n"
      "    second\n"
      "spark.e=tab\\there\\u00e9\n"
      "spark.f\\=key=v\n"
      "spark.empty=\n"
      "\r\n");
  const auto p = read_properties_file(props.path());
  EXPECT_EQ(p.at("spark.a"), "one");
  EXPECT_EQ(p.at("spark.b"), "two");
  EXPECT_EQ(p.at("spark.c"), "three words");
  EXPECT_EQ(p.at("spark.d"), "first second");
  EXPECT_EQ(p.at("spark.e"), "tab\there\xc3\xa9");
  EXPECT_EQ(p.at("spark.f=key"), "v");
  EXPECT_EQ(p.at("spark.empty"), "");
  EXPECT_EQ(p.size(), 7u);
}

DriverServerOptions options_for(const std::vector<std::string>& args) {
  DriverServerOptions options;
  options.command = parse_driver_command(args);
  options.spark_home = "/spark";
  options.java_home = "/java";
  return options;
}

TEST(DriverLaunch, IsSparkSubmitInClientModeWithoutTheApplicationArguments) {
  unsetenv("SPARK_DRIVER_BIND_ADDRESS");
  const int port = pick_free_port();
  const auto launch = driver_launch(
      options_for({"--conf", "spark.connect.grpc.binding.port=" + std::to_string(port), "--conf",
                   "spark.ui.enabled=false", "--class", "C", "spark-internal", "--job", "pi"}));
  EXPECT_EQ(launch.port, port);
  EXPECT_EQ(launch.ui_port, 0);
  EXPECT_EQ(launch.env,
            (std::map<std::string, std::string>{{"SPARK_HOME", "/spark"}, {"JAVA_HOME", "/java"}}));
  EXPECT_EQ(launch.argv, (std::vector<std::string>{
                             "/spark/bin/spark-submit", "--deploy-mode", "client", "--conf",
                             "spark.connect.grpc.binding.port=" + std::to_string(port), "--conf",
                             "spark.ui.enabled=false", "--class",
                             "org.apache.spark.sql.connect.service.SparkConnectServer", "--conf",
                             "spark.connect.grpc.binding.port=" + std::to_string(port), "--conf",
                             "spark.connect.grpc.binding.address=127.0.0.1", "spark-internal"}));
}

TEST(DriverLaunch, KeepsAConfiguredBindingAddressAndUiPort) {
  const auto launch =
      driver_launch(options_for({"--conf", "spark.connect.grpc.binding.address=0.0.0.0", "--conf",
                                 "spark.ui.port=4999", "--class", "C", "spark-internal"}));
  EXPECT_EQ(launch.argv.back(), "spark-internal");
  EXPECT_EQ(launch.ui_port, 4999);
  EXPECT_GT(launch.port, 0);
  const std::string joined = [&] {
    std::string s;
    for (const auto& a : launch.argv) s += a + " ";
    return s;
  }();
  EXPECT_EQ(joined.find("binding.address=127.0.0.1"), std::string::npos) << joined;  // configured
}

// In a pod: the pod's IP, not the driver service's name (spark.driver.host),
// is what the driver binds to.
TEST(DriverLaunch, BindsToThePodIp) {
  setenv("SPARK_DRIVER_BIND_ADDRESS", "10.244.0.10", 1);
  const auto launch = driver_launch(options_for({"--class", "C", "spark-internal"}));
  unsetenv("SPARK_DRIVER_BIND_ADDRESS");
  EXPECT_EQ(
      std::vector<std::string>(launch.argv.begin(), launch.argv.begin() + 7),
      (std::vector<std::string>{
          "/spark/bin/spark-submit", "--conf", "spark.driver.bindAddress=10.244.0.10", "--conf",
          "spark.executorEnv.SPARK_DRIVER_POD_IP=10.244.0.10", "--deploy-mode", "client"}));
}

}  // namespace
}  // namespace sparkctl::runtime
