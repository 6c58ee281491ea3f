// A Java UDF that a PySpark script on Spark Connect registers after
// shipping this jar with --jars (tests/apps/java_udf_app.py).
package example;

import org.apache.spark.sql.api.java.UDF1;

public final class Shout implements UDF1<String, String> {
  @Override
  public String call(String text) {
    return text == null ? null : text.toUpperCase() + "!";
  }
}
