"""sparkctl's own table for scripts/spark-functions.py: the public functions
of pyspark.sql.functions that are not plain pass-throughs, spelled as C++
signatures or left out with the reason, and how PySpark's type hints map
to parameter kinds."""

# Functions whose implementation does more than pass its parameters through,
# spelled here as C++ signatures over the kinds above: name -> list of
# (server function, distinct, [(parameter, kind, default)][, server argument order]).
OWN_SIGNATURES = {
    # ln(x) with one argument, log(base, x) with two.
    "log": [
        ("ln", False, [("col", "ColumnOrName", None)]),
        ("log", False, [("base", "float", None), ("col", "ColumnOrName", None)]),
    ],
    # PySpark's trim(col, trim) sends the trim string first: the 4th item
    # is the order of the arguments on the server.
    "ltrim": [("ltrim", False, [("col", "ColumnOrName", None)]),
              ("ltrim", False, [("col", "ColumnOrName", None), ("trim", "ColumnOrName", None)],
               ["trim", "col"])],
    "rtrim": [("rtrim", False, [("col", "ColumnOrName", None)]),
              ("rtrim", False, [("col", "ColumnOrName", None), ("trim", "ColumnOrName", None)],
               ["trim", "col"])],
    "trim": [("trim", False, [("col", "ColumnOrName", None)]),
             ("trim", False, [("col", "ColumnOrName", None), ("trim", "ColumnOrName", None)],
              ["trim", "col"])],
    "count_distinct": [("count", True, [("col", "ColumnOrName", None),
                                         ("cols", "*ColumnOrName", None)])],
    "sum_distinct": [("sum", True, [("col", "ColumnOrName", None)])],
    "listagg_distinct": [("listagg", True, [("col", "ColumnOrName", None)]),
                         ("listagg", True, [("col", "ColumnOrName", None),
                                            ("delimiter", "Union[Column, str]", None)])],
    "string_agg_distinct": [("string_agg", True, [("col", "ColumnOrName", None)]),
                            ("string_agg", True, [("col", "ColumnOrName", None),
                                                  ("delimiter", "Union[Column, str]", None)])],
    # Tumbling or sliding time windows; PySpark fills the slide in when only
    # a start is given, which C++ spells with all three.
    "window": [
        ("window", False, [("time_column", "ColumnOrName", None), ("window_duration", "str", None)]),
        ("window", False, [("time_column", "ColumnOrName", None), ("window_duration", "str", None),
                           ("slide_duration", "str", None)]),
        ("window", False, [("time_column", "ColumnOrName", None), ("window_duration", "str", None),
                           ("slide_duration", "str", None), ("start_time", "str", None)]),
    ],
    # Typed as a column name but sent as a literal ("NDR", "XDR").
    "st_asbinary": [("st_asbinary", False, [("geo", "ColumnOrName", None)]),
                    ("st_asbinary", False, [("geo", "ColumnOrName", None),
                                            ("endianness", "Union[Column, str]", None)])],
    # count("*") counts rows, as count(lit(1)) (PySpark rewrites the star).
    "count": [("count", False, [("col", "ColumnOrName", None)])],
    # The source time zone is optional but comes first.
    "convert_timezone": [
        ("convert_timezone", False, [("target_tz", "Column", None), ("source_ts", "ColumnOrName", None)]),
        ("convert_timezone", False, [("source_tz", "Column", None), ("target_tz", "Column", None),
                                     ("source_ts", "ColumnOrName", None)]),
    ],
    # make_timestamp(years..secs[, timezone]) and make_timestamp(date, time[, timezone]).
    "make_timestamp": [
        ("make_timestamp", False, [(p, "ColumnOrName", None) for p in
                                   ("years", "months", "days", "hours", "mins", "secs")]),
        ("make_timestamp", False, [(p, "ColumnOrName", None) for p in
                                   ("years", "months", "days", "hours", "mins", "secs", "timezone")]),
    ],
    "try_make_timestamp": [
        ("try_make_timestamp", False, [(p, "ColumnOrName", None) for p in
                                       ("years", "months", "days", "hours", "mins", "secs")]),
        ("try_make_timestamp", False, [(p, "ColumnOrName", None) for p in
                                       ("years", "months", "days", "hours", "mins", "secs", "timezone")]),
    ],
    "make_timestamp_ntz": [
        ("make_timestamp_ntz", False, [(p, "ColumnOrName", None) for p in
                                       ("years", "months", "days", "hours", "mins", "secs")]),
    ],
    "try_make_timestamp_ntz": [
        ("try_make_timestamp_ntz", False, [(p, "ColumnOrName", None) for p in
                                           ("years", "months", "days", "hours", "mins", "secs")]),
    ],
}

# Public functions deliberately not generated, with the reason.
NOT_GENERATED = {
    "col": "hand-written (functions.hpp): a name, a star or a qualified star",
    "column": "hand-written (functions.hpp), the same as col",
    "lit": "hand-written (column.hpp): one overload per C++ literal type",
    "expr": "hand-written (functions.hpp): a SQL expression string",
    "when": "hand-written (functions.hpp): starts a CASE WHEN chain",
    "broadcast": "a DataFrame hint: DataFrame::hint(\"broadcast\")",
    "call_function": "hand-written (functions.hpp): the call-by-name escape hatch",
    "udf": "Python user-defined functions run Python code in Spark",
    "udtf": "Python user-defined table functions run Python code in Spark",
    "arrow_udtf": "Python user-defined table functions run Python code in Spark",
    "pandas_udf": "Python user-defined functions run Python code in Spark",
    "arrow_udf": "Python user-defined functions run Python code in Spark",
    "call_udf": "calls a registered user-defined function; use call_function",
    "unwrap_udt": "user-defined types are Python classes",
    "partitioning": "a module (bucket, years, ...), not a function",
    "asc": "hand-written (functions.hpp): a sort order, not a server function",
    "asc_nulls_first": "hand-written (functions.hpp): a sort order, not a server function",
    "asc_nulls_last": "hand-written (functions.hpp): a sort order, not a server function",
    "desc": "hand-written (functions.hpp): a sort order, not a server function",
    "desc_nulls_first": "hand-written (functions.hpp): a sort order, not a server function",
    "desc_nulls_last": "hand-written (functions.hpp): a sort order, not a server function",
    # Deprecated aliases PySpark keeps for 3.x code; the snake_case names are generated.
    "bucket": "deprecated in Spark 4: a partition transform (partitioning.bucket)",
    "years": "deprecated in Spark 4: a partition transform (partitioning.years)",
    "months": "deprecated in Spark 4: a partition transform (partitioning.months)",
    "days": "deprecated in Spark 4: a partition transform (partitioning.days)",
    "hours": "deprecated in Spark 4: a partition transform (partitioning.hours)",
}

# Python type hint (as written, without quotes and Optional) -> kind.
KINDS = {
    "ColumnOrName": "ColumnOrName",
    "Column": "Column",
    "int": "int",
    "float": "float",
    "str": "str",
    "bool": "bool",
    "Any": "Any",
    "Union[Column, int]": "Union[Column, int]",
    "Union[int, Column]": "Union[Column, int]",
    "Union[Column, str]": "Union[Column, str]",
    "Union[str, Column]": "Union[Column, str]",
    "Union[Column, str, bytes]": "Union[Column, str]",
    "Union[Column, float]": "Union[Column, float]",
    "Union[Column, int, float]": "Any",
    "Union[bool, Column]": "Union[Column, bool]",
    "Union[ColumnOrName, int]": "Union[ColumnOrName, int]",
    "Union[ColumnOrName, float]": "Union[ColumnOrName, float]",
    "Mapping[str, str]": "Mapping",
    "Callable[[Column], Column]": "Lambda1",
    "Callable[[Column, Column], Column]": "Lambda2",
    "Callable[[Column, Column, Column], Column]": "Lambda3",
    # Several C++ overloads for one parameter.
    "Union[Callable[[Column], Column], Callable[[Column, Column], Column]]": "Lambda1|Lambda2",
    "Union[Column, float, Sequence[float], Tuple[float, ...]]": "Union[Column, float]|Doubles",
    "Union[ArrayType, StructType, MapType, Column, str]": "Union[Column, str]|DataType",
    "Union[StructType, Column, str]": "Union[Column, str]|DataType",
}

VARARG_KINDS = {
    "ColumnOrName": "*ColumnOrName",
    "Union[ColumnOrName, Sequence[ColumnOrName], Tuple[ColumnOrName, ...]]": "*ColumnOrName",
    "str": "*str",
    "Union[Column, str]": "*Union[Column, str]",
}

INVOKERS = {"_invoke_function", "_invoke_function_over_columns", "_invoke_binary_math_function",
            "_invoke_higher_order_function", "UnresolvedFunction"}
