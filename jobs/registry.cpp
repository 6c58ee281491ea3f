// The one list of compiled-in jobs: a new job adds one line here.
#include "sparkctl/jobs/registry.hpp"

#include "jobs/cloud_etl.hpp"
#include "jobs/interactive.hpp"
#include "jobs/pi.hpp"
#include "sparkctl/core/error.hpp"
#include "sparkctl/core/strings.hpp"

namespace sparkctl::jobs {

const std::vector<const Job*>& all_jobs() {
  static const std::vector<const Job*> jobs = {
      &pi_job(),
      &cloud_etl_job(),
      &interactive_job(),
  };
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
