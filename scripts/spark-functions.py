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
are read with `ast`. Our own table is spark_functions_table.py, the C++
output spark_functions_cpp.py. A function is generated only when its implementation
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

# The helper modules live beside this script; nothing is written next to them.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spark_functions_cpp import emit, write_if_changed  # noqa: E402
from spark_functions_table import (  # noqa: E402
    INVOKERS, KINDS, NOT_GENERATED, OWN_SIGNATURES, VARARG_KINDS)


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
