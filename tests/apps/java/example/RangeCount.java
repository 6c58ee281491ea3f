package example;

import org.apache.spark.sql.SparkSession;

/** A user's own JVM application for sparkctl's tests: counts a range, prints its arguments. */
public final class RangeCount {
  private RangeCount() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("expected ROWS LABEL, got " + args.length + " arguments");
    }
    SparkSession spark = SparkSession.builder().appName("range-count").getOrCreate();
    long rows = spark.range(Long.parseLong(args[0])).count();
    System.out.println(args[1] + ": " + rows + " rows");
    spark.stop();
  }
}
