// `sparkctl schedules`: the ScheduledSparkApplications of a namespace, with
// their state, last run and next run.
#include <CLI/CLI.hpp>
#include <ostream>

#include "application_view.hpp"
#include "kube_context.hpp"
#include "output.hpp"
#include "sparkctl/cli/registry.hpp"
#include "sparkctl/core/text_table.hpp"
#include "sparkctl/k8s/schedules.hpp"
#include "verb_callback.hpp"

namespace sparkctl::cli {

namespace {

struct SchedulesOptions {
  KubeFlags kube;
  OutputFormat output = OutputFormat::table;
  IOStreams io;
};

std::string or_dash(const std::string& text) { return text.empty() ? "-" : text; }

std::vector<std::string> row(const k8s::ScheduledSparkApplication& s) {
  std::string state = s.suspended ? "Suspended" : s.state.empty() ? "New" : s.state;
  if (!s.reason.empty()) state += ": " + s.reason;
  const std::string when = s.time_zone.empty() ? s.cron : s.cron + " (" + s.time_zone + ")";
  const std::string last =
      s.last_run.empty() ? "-" : age_since(s.last_run) + " ago (" + or_dash(s.last_run_name) + ")";
  return {s.name(), or_dash(s.job), when, state, last, s.suspended ? "-" : time_until(s.next_run)};
}

void run(const SchedulesOptions& options, const GlobalOptions& globals) {
  KubeSession session = open_kube_session(globals, options.kube);
  const auto list = k8s::Schedules(session.cluster).list();
  if (options.output == OutputFormat::json || options.output == OutputFormat::yaml) {
    print_object(*options.io.out, list.object, options.output);
    return;
  }
  if (options.output == OutputFormat::name) {
    for (const auto& schedule : list.items) *options.io.out << schedule.name() << "\n";
    return;
  }
  if (list.items.empty()) {
    *options.io.err << "No ScheduledSparkApplications in namespace " << session.namespace_()
                    << ".\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& schedule : list.items) rows.push_back(row(schedule));
  print_table(*options.io.out, {"NAME", "JOB", "SCHEDULE", "STATE", "LAST RUN", "NEXT RUN"}, rows);
}

void add_schedules_command(CLI::App& root, GlobalOptions& globals) {
  auto options = std::make_shared<SchedulesOptions>();
  auto* command = root.add_subcommand(
      "schedules", "List scheduled jobs (ScheduledSparkApplications): state, last and next run");
  add_kube_flags(*command, options->kube);
  add_output_flag(
      *command, options->output,
      {OutputFormat::table, OutputFormat::name, OutputFormat::yaml, OutputFormat::json});
  run_verb_with(*command, options, globals, run);
}

const CommandRegistration registration({60, add_schedules_command});

}  // namespace

}  // namespace sparkctl::cli
