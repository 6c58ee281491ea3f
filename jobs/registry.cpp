// The job registry: every job registers itself (JobRegistration) while the
// program starts, from jobs/ or from the folders of SPARKCTL_JOB_DIRS.
#include "sparkctl/jobs/registry.hpp"

#include <algorithm>
#include <memory>

#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::jobs {
namespace {

// A function-local static: registrations run during static initialisation,
// in no particular order across files.
std::vector<std::unique_ptr<const Job>>& registered() {
  static std::vector<std::unique_ptr<const Job>> jobs;
  return jobs;
}

}  // namespace

JobRegistration::JobRegistration(Job job) {
  registered().push_back(std::make_unique<const Job>(std::move(job)));
}

const std::vector<const Job*>& all_jobs() {
  static const std::vector<const Job*> jobs = [] {
    std::vector<const Job*> out;
    for (const auto& job : registered()) out.push_back(job.get());
    std::sort(out.begin(), out.end(), [](const Job* a, const Job* b) { return a->name < b->name; });
    for (std::size_t i = 1; i < out.size(); ++i) {
      if (out[i]->name == out[i - 1]->name) {
        throw Error::usage("two jobs are named '" + out[i]->name +
                           "': job names must be unique (check SPARKCTL_JOB_DIRS)");
      }
    }
    return out;
  }();
  return jobs;
}

const Job& find_job(std::string_view name) {
  std::vector<std::string> names;
  for (const Job* job : all_jobs()) {
    if (job->name == name) return *job;
    names.push_back(job->name);
  }
  std::string message = "unknown job '" + std::string(name) + "'";
  auto suggestion = strings::closest(name, names);
  if (!suggestion.empty()) message += " (did you mean '" + suggestion + "'?)";
  throw Error::usage(message + "; known jobs: " + strings::join(names, ", "));
}

const config::Schema& full_schema() {
  static const config::Schema schema = [] {
    auto s = config::built_in_schema();
    for (const Job* job : all_jobs()) {
      for (auto item : job->args) {
        item.key = "jobs." + job->name + "." + item.key;
        s.add(std::move(item));
      }
    }
    return s;
  }();
  return schema;
}

}  // namespace sparkctl::jobs
