// A user's own application on the command line, in spark-submit's words:
// `APP.py|APP.jar [--py-files ...] [--files ...] [--jars ...] [--archives
// ...] [--class C] [--conf k=v] [--requirements FILE] [--classic] [-- ARGS...]`. One definition
// for `run`, `render`, `submit` and `schedule`; `--job NAME` stays the
// other form (job_flags.hpp), and a command takes exactly one of the two.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "job_flags.hpp"
#include "sparkctl/cli/command.hpp"
#include "sparkctl/runtime/user_application.hpp"

namespace CLI {
class App;
}

namespace sparkctl::cli {

struct AppFlags {
  std::string application;             // the positional APP.py / APP.jar
  std::vector<std::string> arguments;  // what follows it (after --)
  std::vector<std::string> py_files;
  std::vector<std::string> files;
  std::vector<std::string> jars;
  std::vector<std::string> archives;
  std::string main_class;
  std::vector<std::string> conf;  // key=value
  std::string requirements;       // a pip requirements file
  bool classic = false;
};

void add_app_flags(CLI::App& command, AppFlags& flags);

// Error::usage unless exactly one of --job and an application is given,
// and --job-args only with --job.
void check_job_or_application(const JobFlags& job, const AppFlags& app);

// The application the flags describe, checked before anything runs or is
// uploaded: every local path exists (a folder only where one is allowed:
// --py-files and --archives), a jar has --class and a script none, --conf
// is key=value. Throws Error::usage naming the flag and path.
// Its arguments: the positional ones, then what follows `--`.
runtime::UserApplication user_application(const AppFlags& flags, const GlobalOptions& globals);

// `app` ready to run here with `work_dir` as its working directory:
// folders zipped (storage::zip_folder) into it, --files linked into it by
// name (two of the same name: Error::usage).
runtime::UserApplication prepared_for_local_run(runtime::UserApplication app,
                                                const std::filesystem::path& work_dir);

}  // namespace sparkctl::cli
