// The driver's main class: the contract between what `render`/`submit` put
// in a SparkApplication and what `sparkctl entrypoint driver` starts.
#pragma once

namespace sparkctl::runtime {

// Spark Connect's server ships as its own jar in Spark 4 (jars/spark-connect_2.13-<version>.jar).
inline constexpr const char* connect_main_class =
    "org.apache.spark.sql.connect.service.SparkConnectServer";
// The mainClass the SparkApplication names. spark-submit refuses to launch
// SparkConnectServer in cluster mode outside YARN (it checks that exact
// name), so the operator submits this stand-in, which no JVM ever loads:
// `sparkctl entrypoint driver` in the pod swaps it for connect_main_class
// and starts the server in client mode, where Spark allows it.
inline constexpr const char* driver_main_class = "dev.sparkctl.ConnectDriver";
// The SparkApplication's primary resource: spark-submit's name for "no
// resource". The server's classes are on Spark's own classpath, so no jar
// is named, and the SparkApplication does not depend on the image's exact
// Spark version (a jar path would, and the driver's executors would fetch
// it).
inline constexpr const char* driver_resource = "spark-internal";

}  // namespace sparkctl::runtime
