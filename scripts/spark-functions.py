#!/usr/bin/env python3
"""Generates sparkctl's C++ Spark SQL functions from the installed pyspark.

pyspark.sql.functions is the reference list: its __all__ names the public
functions (grouped by the comments in it), and the Spark Connect client's
implementation (pyspark/sql/connect/functions/builtin.py) shows what each
one sends: an UnresolvedFunction with the server's function name and the
arguments in the parameter order. The type hints give the parameter kinds,
which become C++ types so that misuse fails to compile:

  "ColumnOrName"           ColumnOrName             a Column or a column's name
  Column                   const Column&
  int / float / str / bool std::int64_t / double / std::string / bool literals
  Union[Column, int]       ColumnOr<std::int64_t>   a Column or a literal of that type
  Union["ColumnOrName", int] ColumnOrNameOr<std::int64_t>
  Any                      ColumnOrLiteral
  Optional[...] = None     an overload without it (and the parameters after it)
  x = <value>              a C++ default argument, sent as PySpark sends it
  *cols                    a std::vector and a variadic template
  Callable[[Column], Column] std::function<Column(const Column&)> (a lambda)
  Mapping[str, str]        std::map<std::string, std::string> (options)

Nothing is imported (pyspark's Connect client needs pandas); the sources
are read with `ast`. A function is generated only when its implementation
passes its parameters to one server function in order; the others are
either spelled in OWN_SIGNATURES below (a table of our own) or listed in
NOT_GENERATED with the reason, and the script fails on any public function
that is in none of the three, so a new pyspark cannot slip one past.

Usage:
  spark-functions.py --header OUT.hpp --source OUT.cpp [--names OUT.txt] [--sources OUT.txt]
"""

import argparse
import ast
import importlib.util
import os
import re
import sys

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

CPP_KEYWORDS = {
    "and", "or", "not", "xor", "char", "struct", "union", "default", "int", "long", "short",
    "float", "double", "bool", "class", "delete", "new", "this", "template", "typename",
    "operator", "case", "switch", "register", "signed", "unsigned", "void", "auto", "const",
    "explicit", "export", "friend", "inline", "mutable", "namespace", "private", "protected",
    "public", "return", "sizeof", "static", "throw", "try", "using", "virtual", "volatile",
    "while", "do", "for", "if", "else", "goto", "break", "continue", "enum", "extern",
    "typedef", "catch", "asm", "bitand", "bitor", "compl", "not_eq", "or_eq", "xor_eq",
    "and_eq", "true", "false",
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

# kind -> C++ parameter type.
CPP_TYPES = {
    "ColumnOrName": "const ColumnOrName&",
    "Column": "const Column&",
    "int": "std::int64_t",
    "float": "double",
    "str": "const std::string&",
    "bool": "bool",
    "Any": "const ColumnOrLiteral&",
    "Union[Column, int]": "const ColumnOr<std::int64_t>&",
    "Union[Column, str]": "const ColumnOr<std::string>&",
    "Union[Column, float]": "const ColumnOr<double>&",
    "Union[Column, bool]": "const ColumnOr<bool>&",
    "Union[ColumnOrName, int]": "const ColumnOrNameOr<std::int64_t>&",
    "Union[ColumnOrName, float]": "const ColumnOrNameOr<double>&",
    "Mapping": "const std::map<std::string, std::string>&",
    "Lambda1": "const Lambda1&",
    "Lambda2": "const Lambda2&",
    "Lambda3": "const Lambda3&",
    "Doubles": "const std::vector<double>&",
    "DataType": "const DataType&",
    "*ColumnOrName": "const std::vector<ColumnOrName>&",
    "*str": "const std::vector<std::string>&",
    "*Union[Column, str]": "const std::vector<ColumnOr<std::string>>&",
}

# The element type a variadic template checks its arguments against.
VARIADIC_ELEMENT = {
    "*ColumnOrName": "ColumnOrName",
    "*str": "std::string",
    "*Union[Column, str]": "ColumnOr<std::string>",
}

INVOKERS = {"_invoke_function", "_invoke_function_over_columns", "_invoke_binary_math_function",
            "_invoke_higher_order_function", "UnresolvedFunction"}


class Skip(Exception):
    """This function's implementation is not a plain pass-through."""


def pyspark_dir():
    spec = importlib.util.find_spec("pyspark")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("spark-functions.py: pyspark is not installed for " + sys.executable)
    return spec.submodule_search_locations[0]


def pyspark_version(root):
    text = open(os.path.join(root, "version.py")).read()
    return re.search(r"__version__[^=]*=\s*['\"]([^'\"]+)", text).group(1)


def public_functions(path):
    """__all__ of pyspark.sql.functions, in order, with the group comment above each."""
    names, group = [], "Functions"
    in_all = False
    for line in open(path):
        stripped = line.strip()
        if stripped.startswith("__all__"):
            in_all = True
            continue
        if not in_all:
            continue
        if stripped.startswith("]"):
            break
        if stripped.startswith("#"):
            comment = stripped.lstrip("#").strip()
            if not comment.startswith('"'):
                group = comment
            continue
        m = re.match(r'"([A-Za-z_0-9]+)"', stripped)
        if m:
            names.append((m.group(1), group))
    return names


def unquote(text):
    return text.replace("'", "").replace('"', "")


def annotation_of(arg):
    return unquote(ast.unparse(arg.annotation)) if arg.annotation is not None else "Any"


def strip_optional(text):
    m = re.fullmatch(r"Optional\[(.*)\]", text)
    return (m.group(1), True) if m else (text, False)


def snake(name):
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    return s + "_" if s in CPP_KEYWORDS else s


def server_name(call, assignments):
    """The function name a call to an invoker sends, from its first argument."""
    if not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    if isinstance(first, ast.Name) and first.id in assignments:
        value = assignments[first.id]
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


def invoker_calls(function):
    """Every call to an invoker in the body, with the local string assignments."""
    assignments, calls = {}, []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            assignments[node.targets[0].id] = node.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in INVOKERS:
            calls.append(node)
    return calls, assignments


def referenced_params(expr, params, assignments, depth=0):
    """The parameters an argument expression stands for (through locals)."""
    found = []
    for node in ast.walk(expr):
        if isinstance(node, ast.Name):
            if node.id in params:
                found.append(node.id)
            elif node.id in assignments and depth < 3:
                found += referenced_params(assignments[node.id], params, assignments, depth + 1)
    return list(dict.fromkeys(found))


def argument_order(call, params, assignments):
    """Which parameters each argument of an invoker call carries, flattened."""
    order = []
    args = call.args[1:]
    if call.func.id == "_invoke_higher_order_function":
        args = [e for a in args for e in (a.elts if isinstance(a, ast.List) else [a])]
    for a in args:
        if isinstance(a, ast.Starred):
            a = a.value
        refs = referenced_params(a, params, assignments)
        if len(refs) > 1:
            raise Skip("an argument mixes parameters " + ", ".join(refs))
        order += refs
    return order


def analyse(function):
    """(server name, distinct, params) of a pass-through implementation."""
    a = function.args
    if a.kwonlyargs or a.kwarg:
        raise Skip("keyword-only parameters")
    params = [p.arg for p in a.args] + ([a.vararg.arg] if a.vararg else [])
    calls, assignments = invoker_calls(function)
    names = {server_name(c, assignments) for c in calls}
    if not calls or None in names or len(names) != 1:
        raise Skip("no single server function")
    distinct = any(k.arg == "is_distinct" for c in calls for k in c.keywords)
    for c in calls:
        order = argument_order(c, params, assignments)
        if order != [p for p in params if p in order]:
            raise Skip("arguments in another order than the parameters")
        if c.func.id == "UnresolvedFunction":
            raise Skip("builds its UnresolvedFunction itself")
    return names.pop(), distinct, params


def wrapped_in(function, wrapper):
    """Parameters that appear inside a call to `wrapper` (lit, _to_col) in the body."""
    found = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == wrapper:
            found |= {n.id for a in node.args for n in ast.walk(a) if isinstance(n, ast.Name)}
    return found


def check_conversions(function, params):
    """A column name must not be sent as a literal, nor a literal as a name."""
    as_literal, as_name = wrapped_in(function, "lit"), wrapped_in(function, "_to_col")
    for name, kind, _, _ in params:
        if kind == "ColumnOrName" and name in as_literal:
            raise Skip("ColumnOrName %s is sent as a literal" % name)
        if kind in ("str", "int", "float", "bool") and name in as_name:
            raise Skip("the %s literal %s is sent as a column name" % (kind, name))


def parameter_kinds(function):
    """[(name, kind, optional, default source)] from the signature."""
    a = function.args
    defaults = [None] * (len(a.args) - len(a.defaults)) + list(a.defaults)
    out = []
    for arg, default in zip(a.args, defaults):
        hint, optional = strip_optional(annotation_of(arg))
        if hint not in KINDS:
            raise Skip("parameter %s has the type %s" % (arg.arg, hint))
        none_default = isinstance(default, ast.Constant) and default.value is None
        if none_default and not optional and hint != "Any":
            raise Skip("parameter %s defaults to None without Optional" % arg.arg)
        out.append((arg.arg, KINDS[hint], none_default, None if none_default else default))
    if a.vararg:
        hint = annotation_of(a.vararg)
        if hint not in VARARG_KINDS:
            raise Skip("variadic %s has the type %s" % (a.vararg.arg, hint))
        out.append((a.vararg.arg, VARARG_KINDS[hint], False, None))
    return out


def cpp_default(kind, default):
    if default is None:
        return None
    if isinstance(default, ast.UnaryOp) and isinstance(default.op, ast.USub) and \
            isinstance(default.operand, ast.Constant):
        default = ast.Constant(-default.operand.value)  # -1
    if not isinstance(default, ast.Constant):
        raise Skip("default %s is not a constant" % ast.unparse(default))
    v = default.value
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise Skip("default %r" % (v,))


def overloads_from_signature(params):
    """C++ parameter lists: one per cut before an Optional parameter, then all;
    each expanded over the kinds of a parameter that has several."""
    cuts = [i for i, p in enumerate(params) if p[2]] + [len(params)]
    lists = []
    for cut in cuts:
        chosen = params[:cut]
        # Defaults only on the trailing run of defaulted parameters.
        trailing = len(chosen)
        while trailing > 0 and chosen[trailing - 1][3] is not None:
            trailing -= 1
        lists.append([(name, kind, cpp_default(kind, default) if i >= trailing else None)
                      for i, (name, kind, _, default) in enumerate(chosen)])
    expanded = []
    for plist in lists:
        variants = [[]]
        for name, kind, default in plist:
            variants = [v + [(name, k, default)] for v in variants for k in kind.split("|")]
        expanded += variants
    return expanded


def docstring_summaries(path):
    """The first paragraph of each function's docstring in pyspark.sql.functions."""
    tree = ast.parse(open(path).read())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node) or ""
            para = doc.strip().split("\n\n")[0]
            out[node.name] = " ".join(para.split())
    return out


def collect(root):
    functions_dir = os.path.join(root, "sql", "functions")
    connect_path = os.path.join(root, "sql", "connect", "functions", "builtin.py")
    public = public_functions(os.path.join(functions_dir, "__init__.py"))
    docs = docstring_summaries(os.path.join(functions_dir, "builtin.py"))
    tree = ast.parse(open(connect_path).read())
    implementations = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            implementations[node.name] = node  # the last definition (after @overload stubs)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and \
                len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                node.value.id in implementations:
            implementations[node.targets[0].id] = implementations[node.value.id]  # negate = negative
    generated, skipped, failures = [], [], []
    for name, group in public:
        if name in NOT_GENERATED:
            skipped.append((name, NOT_GENERATED[name]))
            continue
        if name[0].isupper():
            skipped.append((name, "a class, not a function"))
            continue
        if name in OWN_SIGNATURES:
            for server, distinct, plist, *order in OWN_SIGNATURES[name]:
                generated.append((group, name, server, distinct, plist, docs.get(name, ""),
                                  order[0] if order else [p for p, _, _ in plist]))
            continue
        function = implementations.get(name)
        if function is None:
            sys.exit("spark-functions.py: %s is public but has no Connect implementation" % name)
        try:
            server, distinct, _ = analyse(alias_target(function, implementations))
            params = parameter_kinds(function)
            check_conversions(alias_target(function, implementations), params)
            for plist in overloads_from_signature(params):
                generated.append((group, name, server, distinct, plist, docs.get(name, ""),
                                  [p for p, _, _ in plist]))
        except Skip as why:
            failures.append("  %s: %s" % (name, why))
    if failures:
        sys.exit("spark-functions.py: these public functions are not plain pass-throughs; "
                 "spell them in OWN_SIGNATURES or list them in NOT_GENERATED:\n" +
                 "\n".join(failures))
    return generated, skipped


def alias_target(function, implementations):
    """For `def mean(col): return avg(col)`, the implementation of avg."""
    body = [s for s in function.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    body = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                                    and ast.unparse(s.value.func) == "warnings.warn")]
    if len(body) == 1 and isinstance(body[0], ast.Return) and \
            isinstance(body[0].value, ast.Call) and isinstance(body[0].value.func, ast.Name) and \
            body[0].value.func.id in implementations and \
            body[0].value.func.id not in INVOKERS:
        return implementations[body[0].value.func.id]
    return function


def declaration(name, plist, with_defaults):
    cpp_name = snake(name)
    parts = []
    for p, kind, default in plist:
        text = CPP_TYPES[kind] + " " + snake(p)
        if with_defaults and default is not None:
            text += " = " + default
        parts.append(text)
    return "Column %s(%s)" % (cpp_name, ", ".join(parts))


def variadic_template(name, plist):
    """For a trailing *cols: a template taking the values one by one."""
    *fixed, (last, kind, _) = plist
    element = VARIADIC_ELEMENT[kind]
    fixed_params = ", ".join(CPP_TYPES[k] + " " + snake(p) for p, k, _ in fixed)
    fixed_args = ", ".join(snake(p) for p, _, _ in fixed)
    lead = fixed_params + ", " if fixed_params else ""
    call_lead = fixed_args + ", " if fixed_args else ""
    return ("template <typename... Values, typename = std::enable_if_t<\n"
            "              (std::is_convertible_v<const Values&, %s> && ...)>>\n"
            "Column %s(%sconst Values&... %s) {\n"
            "  return %s(%sstd::vector<%s>{%s(%s)...});\n"
            "}" % (element, snake(name), lead, snake(last), snake(name), call_lead, element,
                   element, snake(last)))


def wrap(text, width=96, prefix="// "):
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(prefix + line)
            line = w
        else:
            line = (line + " " + w).strip()
    if line:
        lines.append(prefix + line)
    return "\n".join(lines)


def doc_text(doc):
    doc = re.sub(r":(?:class|func|meth):`~?([^`]+)`", r"\1", doc)
    doc = re.sub(r"``([^`]+)``", r"\1", doc)
    return doc


def emit(generated, version, header_path, source_path, names_path):
    header = [
        "// Spark SQL functions generated from pyspark %s's pyspark.sql.functions" % version,
        "// by scripts/spark-functions.py at build time; do not edit. Included by",
        "// sparkctl/connect/functions.hpp, which documents the parameter kinds.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "#include <map>",
        "#include <string>",
        "#include <type_traits>",
        "#include <vector>",
        "",
        '#include "sparkctl/connect/function_args.hpp"',
        '#include "sparkctl/connect/types.hpp"',
        "",
        "namespace sparkctl::connect::functions {",
    ]
    source = [
        "// Generated by scripts/spark-functions.py from pyspark %s; do not edit." % version,
        '#include "generated_functions.hpp"',
        "",
        '#include "function_call.hpp"',
        "",
        "namespace sparkctl::connect::functions {",
        "",
    ]
    group, last_doc_name = None, None
    for g, name, server, distinct, plist, doc, order in generated:
        if g != group:
            header += ["", "// " + "-" * 20 + " " + g]
            group = g
        if name != last_doc_name:
            header += ["", wrap(snake(name) + ": " + doc_text(doc)) if doc else "// " + snake(name)]
            last_doc_name = name
        header.append(declaration(name, plist, True) + ";")
        if plist and plist[-1][1] in VARIADIC_ELEMENT:
            header.append(variadic_template(name, plist))
        args = ", ".join(snake(p) for p in order)
        source.append("%s {\n  return detail::call(\"%s\", %s%s);\n}" % (
            declaration(name, plist, False), server, "true" if distinct else "false",
            (", " + args) if args else ""))
    header += ["", "}  // namespace sparkctl::connect::functions", ""]
    source += ["", "}  // namespace sparkctl::connect::functions", ""]
    write_if_changed(header_path, "\n".join(header))
    write_if_changed(source_path, "\n".join(source))
    if names_path:
        servers = sorted({g[2] for g in generated})
        write_if_changed(names_path, "\n".join(servers) + "\n")


def write_if_changed(path, text):
    if os.path.exists(path) and open(path).read() == text:
        return
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--header", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--names", help="write the server function names, one a line")
    parser.add_argument("--sources", help="write the pyspark files read, one a line")
    parser.add_argument("--report", action="store_true", help="print what was skipped and why")
    args = parser.parse_args()
    root = pyspark_dir()
    generated, skipped = collect(root)
    emit(generated, pyspark_version(root), args.header, args.source, args.names)
    if args.sources:
        files = [os.path.join(root, "version.py"),
                 os.path.join(root, "sql", "functions", "__init__.py"),
                 os.path.join(root, "sql", "functions", "builtin.py"),
                 os.path.join(root, "sql", "connect", "functions", "builtin.py")]
        write_if_changed(args.sources, "\n".join(files) + "\n")
    if args.report:
        names = {g[1] for g in generated}
        print("%d functions (%d C++ overloads) generated; %d not generated:" % (
            len(names), len(generated), len(skipped)))
        for name, why in skipped:
            print("  %s: %s" % (name, why))


if __name__ == "__main__":
    main()
