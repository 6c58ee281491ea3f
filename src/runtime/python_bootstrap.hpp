// The few lines of Python that run a user's script on Spark Connect: they
// hand the script's --py-files, --files, --archives and --jars to the session as
// Spark Connect artifacts (so a UDF's imports reach the executors' Python
// workers, which have no SparkContext to add them) and then run the script
// as `python app.py ARGS` would, as __main__ with its own sys.argv.
#pragma once

namespace sparkctl::runtime {

// argv: python -c <this> APP ARGS...; environment: SPARK_REMOTE, and
// SPARKCTL_APP_PY_FILES / _FILES / _ARCHIVES / _JARS as os.pathsep-separated lists,
// SPARKCTL_APP_CONF a JSON object of session settings (--conf).
inline constexpr const char* python_bootstrap = R"py(
import json, os, runpy, sys

def _artifacts(name):
    return [p for p in os.environ.pop(name, "").split(os.pathsep) if p]

_app = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(_app))
_py_files = _artifacts("SPARKCTL_APP_PY_FILES")
_files = _artifacts("SPARKCTL_APP_FILES")
_archives = _artifacts("SPARKCTL_APP_ARCHIVES")
_jars = _artifacts("SPARKCTL_APP_JARS")
_conf = json.loads(os.environ.pop("SPARKCTL_APP_CONF", "{}"))
if _py_files or _files or _archives or _jars or _conf:
    from pyspark.sql import SparkSession
    _spark = SparkSession.builder.getOrCreate()
    if _py_files:
        _spark.addArtifacts(*_py_files, pyfile=True)
    if _files:
        _spark.addArtifacts(*_files, file=True)
    if _archives:
        _spark.addArtifacts(*_archives, archive=True)
    if _jars:
        _spark.addArtifacts(*_jars)
    for _key, _value in _conf.items():
        _spark.conf.set(_key, _value)
    del _spark
del _artifacts, _py_files, _files, _archives, _jars, _conf
runpy.run_path(_app, run_name="__main__")
)py";

}  // namespace sparkctl::runtime
