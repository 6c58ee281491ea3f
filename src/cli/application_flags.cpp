#include "application_flags.hpp"

#include <CLI/CLI.hpp>
#include <set>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"
#include "sparkctl/storage/staging.hpp"

namespace sparkctl::cli {

namespace fs = std::filesystem;

namespace {

enum class Folders { refused, zipped };

void check_local(const std::string& path, const std::string& flag, Folders folders) {
  if (storage::is_remote_uri(path)) return;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw Error::usage(flag + ": " + path + " does not exist");
  if (fs::is_directory(status) && folders == Folders::refused)
    throw Error::usage(flag + ": " + path + " is a folder; a file is expected here" +
                       (flag == "--files" ? " (zip it, or pass it with --archives)" : ""));
}

void check_all(const std::vector<std::string>& paths, const std::string& flag, Folders folders) {
  for (const auto& path : paths) check_local(path, flag, folders);
}

void check_archives(const std::vector<std::string>& entries) {
  for (const auto& entry : entries) {
    const auto [path, alias] = runtime::split_archive_alias(entry);
    if (entry.find('#') != std::string::npos &&
        (alias.empty() || alias.find('/') != std::string::npos || alias == "." || alias == ".."))
      throw Error::usage("--archives " + entry + ": the name after '#' is a folder name");
    check_local(path, "--archives", Folders::zipped);
  }
}

// A folder's zip in `work_dir` (mylib/ -> mylib.zip); anything else as it is.
std::string zipped_if_folder(const std::string& path, const fs::path& work_dir) {
  std::error_code ec;
  if (storage::is_remote_uri(path) || !fs::is_directory(path, ec)) return path;
  const auto zip = work_dir / (runtime::file_name_of(path) + ".zip");
  storage::zip_folder(path, zip);
  return zip.string();
}

// Local paths made absolute: the application runs in a working directory
// of its own.
std::string absolute_if_local(const std::string& path) {
  return storage::is_remote_uri(path) ? path : fs::absolute(path).lexically_normal().string();
}

std::vector<std::string> absolute_all(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) out.push_back(absolute_if_local(path));
  return out;
}

void zip_folders(std::vector<std::string>& paths, const fs::path& work_dir) {
  for (auto& path : paths) path = zipped_if_folder(path, work_dir);
}

}  // namespace

void add_app_flags(CLI::App& command, AppFlags& flags) {
  command.add_option("application", flags.application,
                     "Your own application: a PySpark script (.py) or a jar (.jar); its "
                     "arguments follow `--`");
  // Filled from GlobalOptions::application_arguments (top_level.cpp) too.
  command.add_option("arguments", flags.arguments, "The application's arguments (after `--`)");
  command
      .add_option("--py-files", flags.py_files,
                  "Python modules for the application: .py, .zip, .egg or a folder (zipped), "
                  "comma-separated")
      ->delimiter(',');
  command
      .add_option("--files", flags.files,
                  "Files placed in the driver's working directory by name, comma-separated")
      ->delimiter(',');
  command.add_option("--jars", flags.jars, "Jars for the driver and executors, comma-separated")
      ->delimiter(',');
  command
      .add_option("--archives", flags.archives,
                  "Archives (.zip, .tar.gz, or a folder: zipped) unpacked in the working "
                  "directories, comma-separated; ARCHIVE#NAME unpacks into the folder NAME")
      ->delimiter(',');
  command.add_option("--class", flags.main_class, "Main class of a jar application");
  command.add_option("--conf", flags.conf, "Spark setting of the application: key=value");
  command.add_option("--requirements", flags.requirements,
                     "A pip requirements file: its packages installed for the Python the "
                     "application runs on (the image's on the cluster), for the driver and the "
                     "executors' Python workers");
  command.add_flag("--classic", flags.classic,
                   "Run a script with a classic SparkContext (spark-submit) instead of Spark "
                   "Connect: for scripts that use SparkContext or RDDs");
}

void check_job_or_application(const JobFlags& job, const AppFlags& app) {
  if (job.job.empty() && app.application.empty())
    throw Error::usage(
        "what to run: --job NAME (see `sparkctl jobs`) or your application file "
        "(app.py, app.jar)");
  if (!job.job.empty() && !app.application.empty())
    throw Error::usage("--job " + job.job + " and the application " + app.application +
                       " both given: run one or the other");
  if (job.job.empty() && !job.job_args.empty())
    throw Error::usage("--job-args is for --job; pass an application's arguments after `--`");
  if (!job.job.empty() &&
      (!app.py_files.empty() || !app.files.empty() || !app.jars.empty() || !app.archives.empty() ||
       !app.main_class.empty() || !app.conf.empty() || !app.requirements.empty() || app.classic))
    throw Error::usage(
        "--py-files, --files, --jars, --archives, --class, --conf, --requirements and "
        "--classic are for your own application, not --job");
}

runtime::UserApplication user_application(const AppFlags& flags, const GlobalOptions& globals) {
  runtime::UserApplication app;
  app.main_file = flags.application;
  const auto language = runtime::language_of(app.main_file);
  check_local(app.main_file, "the application", Folders::refused);
  if (language == runtime::AppLanguage::jvm && flags.main_class.empty())
    throw Error::usage(app.main_file + " is a jar: name its main class with --class");
  if (language == runtime::AppLanguage::python && !flags.main_class.empty())
    throw Error::usage("--class is for a jar; " + app.main_file + " is a script");
  if (language == runtime::AppLanguage::jvm && flags.classic)
    throw Error::usage("--classic is for scripts; a jar always runs with spark-submit");
  check_all(flags.py_files, "--py-files", Folders::zipped);
  check_all(flags.files, "--files", Folders::refused);
  check_all(flags.jars, "--jars", Folders::refused);
  check_archives(flags.archives);
  if (!flags.requirements.empty()) {
    if (language == runtime::AppLanguage::jvm)
      throw Error::usage("--requirements is for a script; " + app.main_file + " is a jar");
    if (storage::is_remote_uri(flags.requirements))
      throw Error::usage("--requirements " + flags.requirements + ": a local file is expected");
    check_local(flags.requirements, "--requirements", Folders::refused);
    app.requirements = absolute_if_local(flags.requirements);
  }
  for (const auto& setting : flags.conf) {
    const auto eq = setting.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error::usage("--conf " + setting + ": expected key=value");
    app.conf[setting.substr(0, eq)] = setting.substr(eq + 1);
  }
  app.main_file = absolute_if_local(app.main_file);
  app.main_class = flags.main_class;
  app.arguments = flags.arguments;
  app.arguments.insert(app.arguments.end(), globals.application_arguments.begin(),
                       globals.application_arguments.end());
  app.py_files = absolute_all(flags.py_files);
  app.files = absolute_all(flags.files);
  app.jars = absolute_all(flags.jars);
  for (const auto& entry : flags.archives)
    app.archives.push_back(runtime::with_archive_path(entry, absolute_if_local));
  app.classic = flags.classic;
  return app;
}

runtime::UserApplication prepared_for_local_run(runtime::UserApplication app,
                                                const fs::path& work_dir) {
  zip_folders(app.py_files, work_dir);
  for (auto& entry : app.archives)
    entry = runtime::with_archive_path(
        entry, [&](const std::string& path) { return zipped_if_folder(path, work_dir); });
  std::set<std::string> names;
  for (const auto& file : app.files) {
    if (storage::is_remote_uri(file))
      throw Error::usage("--files " + file + ": a local run reads local files only");
    const auto name = runtime::file_name_of(file);
    if (!names.insert(name).second)
      throw Error::usage("--files: two files named " + name +
                         " (they would share one name in the working directory)");
    std::error_code ec;
    fs::create_symlink(file, work_dir / name, ec);
    if (ec) throw Error::cluster("cannot link " + file + " into " + work_dir.string());
  }
  return app;
}

}  // namespace sparkctl::cli
