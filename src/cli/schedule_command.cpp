// `sparkctl schedule`: run a job or the user's own application on a cron
// schedule through the operator's ScheduledSparkApplication
// (k8s/scheduled_application.hpp).
//   schedule --job NAME --cron "..."     create or update it (server-side
//   schedule APP.py|APP.jar --cron ...   apply: running it again is safe)
//   schedule run-now NAME                a run now, as the operator makes them
//   schedule suspend|resume|delete NAME
// An application's local files are staged when the schedule is made, as
// `submit` stages them: the template names the staged URIs, so every run
// reads those files (content-addressed, they never change under it).
// `sparkctl schedules` lists them (schedules_command.cpp).
#include <CLI/CLI.hpp>
#include <chrono>
#include <ostream>

#include "duration_flags.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "render_flags.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/config/keys.hpp"
#include "sparkctl/core/scratch_dir.hpp"
#include "sparkctl/jobs/registry.hpp"
#include "sparkctl/k8s/scheduled_application.hpp"
#include "sparkctl/k8s/schedules.hpp"
#include "wait_progress.hpp"

namespace sparkctl::cli {

namespace {

// Runs are named "<schedule>-<19 digits>"; their driver pod and UI
// Service add 7 more, and each must stay a 63-character label.
constexpr std::size_t longest_schedule_name = 36;

struct ScheduleOptions {
  RenderFlags render;
  KubeFlags kube;
  k8s::ScheduleRequest schedule;
  int keep_successful = -1;  // -1: the operator's default
  int keep_failed = -1;
  DryRun dry_run = DryRun::none;
  OutputFormat output = OutputFormat::text;  // "<resource>/<name> created"
};

struct RunNowOptions {
  KubeFlags kube;
  std::string name;
  bool wait = false;
  DurationFlag timeout{config::keys::kubernetes_wait_timeout};
  FailureFlags failure;
};

struct NameOptions {
  KubeFlags kube;
  std::string name;
};

std::string resource(const std::string& name) { return "scheduledsparkapplication/" + name; }

// The schedule's own flags, checked before anything is uploaded or sent.
k8s::ScheduleRequest schedule_request(const ScheduleOptions& options) {
  const RenderFlags& render = options.render;
  if ((render.job.empty() && render.app.application.empty()) || options.schedule.cron.empty())
    throw Error::usage(
        "schedule: --cron and what to run (--job NAME or your APP.py|APP.jar) are required (or "
        "run-now, suspend, resume, delete NAME; see --help)");
  check_job_or_application(render, render.app);
  if (!render.job.empty() && jobs::find_job(render.job).serves_sessions)
    throw Error::usage("schedule: " + render.job +
                       " serves sessions, which need their own token Secret and Service: submit "
                       "it instead");
  // A default name is name_prefix's, shorter than this: only --name can be too long.
  if (render.name.size() > longest_schedule_name)
    throw Error::usage(
        "schedule name \"" + render.name + "\" is longer than " +
        std::to_string(longest_schedule_name) +
        " characters: the names of its runs would not fit (choose a shorter --name)");
  auto request = options.schedule;
  if (options.keep_successful >= 0) request.keep_successful = options.keep_successful;
  if (options.keep_failed >= 0) request.keep_failed = options.keep_failed;
  k8s::validate_schedule(request);
  return request;
}

void print_applied(const k8s::AppliedSchedule& applied, const ScheduleOptions& options,
                   std::ostream& out) {
  const std::string& name = applied.schedule.name();
  if (options.output == OutputFormat::name) {
    out << name << "\n";
  } else if (options.output == OutputFormat::json || options.output == OutputFormat::yaml) {
    print_object(out, applied.schedule.object, options.output);
  } else {
    out << resource(name) << " " << k8s::describe(applied.outcome)
        << (options.dry_run == DryRun::server ? " (server dry run)" : "") << "\n";
  }
}

void create(const ScheduleOptions& options, const GlobalOptions& globals) {
  const auto request = schedule_request(options);
  KubeSession session = open_kube_session(globals, options.kube, render_overrides(options.render));
  const bool dry_run = options.dry_run == DryRun::server;
  // Own files are uploaded before the schedule exists: a failed upload leaves none.
  const ScratchDir work_dir("sparkctl-schedule");
  const auto staged =
      staged_application_of(session.config, options.render, globals,
                            dry_run ? Staging::plan : Staging::upload, work_dir.path());
  const auto application = render_request(session.config, options.render, DefaultName::prefix,
                                          staged ? &*staged : nullptr);
  const auto schedule =
      k8s::render_schedule(k8s::render_application(session.config, application), request);
  print_applied(k8s::Schedules(session.cluster).apply(nlohmann::json(schedule), dry_run), options,
                *globals.io.out);
}

void run_now(const RunNowOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const std::string name = k8s::Schedules(session.cluster).run_now(options.name).name();
  *globals.io.out << k8s::spark_plural << "." << k8s::spark_group << "/" << name << " created\n";
  globals.io.out->flush();
  if (options.wait) {
    wait_for_application(session, name,
                         wait_options(options.timeout, options.failure, session.config), globals);
  }
}

void set_suspended(const NameOptions& options, const GlobalOptions& globals, bool suspend) {
  KubeSession session = open_kube_session(globals, options.kube);
  k8s::Schedules(session.cluster).set_suspended(options.name, suspend);
  *globals.io.out << resource(options.name) << (suspend ? " suspended" : " resumed") << "\n";
}

void remove(const NameOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  k8s::Schedules(session.cluster).remove(options.name);
  *globals.io.out << resource(options.name) << " deleted\n";
}

void add_name_command(CLI::App& parent, const std::string& name, const std::string& help,
                      const GlobalOptions& globals,
                      std::function<void(const NameOptions&, const GlobalOptions&)> action) {
  auto options = std::make_shared<NameOptions>();
  auto* command = parent.add_subcommand(name, help);
  command->add_option("NAME", options->name, "ScheduledSparkApplication name")->required();
  add_kube_flags(*command, options->kube);
  command->callback([options, &globals, action] { action(*options, globals); });
}

void add_schedule_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<ScheduleOptions>();
  auto* command = root.add_subcommand(
      "schedule",
      "Run a job or your own application (app.py, app.jar: its local files staged once to "
      "storage.staging_uri) on a cron schedule (the operator's ScheduledSparkApplication); with "
      "run-now, suspend, resume or delete NAME, act on one");
  add_render_flags(*command, options->render,
                   "Schedule name, at most 36 characters (default: the job's or application's "
                   "name)",
                   JobFlag::or_application);
  command->add_option("--cron", options->schedule.cron,
                      "When: \"0 3 * * *\" (minute hour day month weekday), @hourly, @daily, "
                      "\"@every 10m\"");
  command->add_option("--time-zone", options->schedule.time_zone,
                      "IANA time zone of --cron, e.g. Europe/Berlin (default: the operator's)");
  command->add_option("--concurrency-policy", options->schedule.concurrency_policy,
                      "When a run is due while one still runs: Allow (default), Forbid (skip "
                      "it), Replace (stop the running one)");
  command
      ->add_option("--keep-successful", options->keep_successful,
                   "Successful runs to keep (default: the operator's, 1)")
      ->check(CLI::Range(0, 1000));
  command
      ->add_option("--keep-failed", options->keep_failed,
                   "Failed runs to keep (default: the operator's, 1)")
      ->check(CLI::Range(0, 1000));
  command->add_flag("--suspend", options->schedule.suspend, "Create it suspended");
  add_dry_run_flag(*command, options->dry_run,
                   "server: have the API server validate it without storing it (an "
                   "application's files are not uploaded: the template names the URIs they "
                   "would have)");
  add_output_flag(*command, options->output,
                  {OutputFormat::text, OutputFormat::name, OutputFormat::yaml, OutputFormat::json},
                  "Output: text (what was done), name (just the name), yaml or json (the "
                  "ScheduledSparkApplication as the API server stored it, or would)");
  add_kube_flags(*command, options->kube);
  command->require_subcommand(0, 1);

  auto run_now_options = std::make_shared<RunNowOptions>();
  auto* now = command->add_subcommand(
      "run-now", "Start a run of schedule NAME now (labelled as the operator labels its runs)");
  now->add_option("NAME", run_now_options->name, "ScheduledSparkApplication name")->required();
  add_kube_flags(*now, run_now_options->kube);
  now->add_flag("--wait", run_now_options->wait, "Wait until the run completes or fails");
  add_duration_flag(*now, "--timeout", run_now_options->timeout, "How long --wait waits");
  add_failure_flags(*now, run_now_options->failure);
  now->callback([run_now_options, &globals] { run_now(*run_now_options, globals); });

  add_name_command(*command, "suspend", "Stop starting runs of schedule NAME", globals,
                   [](const NameOptions& o, const GlobalOptions& g) { set_suspended(o, g, true); });
  add_name_command(
      *command, "resume", "Start runs of schedule NAME again", globals,
      [](const NameOptions& o, const GlobalOptions& g) { set_suspended(o, g, false); });
  add_name_command(*command, "delete",
                   "Delete schedule NAME (its runs go with it through the garbage collector)",
                   globals, remove);

  command->callback([command, options, &globals] {
    if (command->get_subcommands().empty()) create(*options, globals);
  });
}

const CommandRegistration registration({59, add_schedule_command});

}  // namespace

}  // namespace sparkctl::cli
