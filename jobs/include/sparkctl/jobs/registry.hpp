// The jobs compiled into this binary, each registered by its own file
// (JobRegistration in job.hpp), listed by name.
#pragma once

#include <string_view>
#include <vector>

#include "sparkctl/config/schema.hpp"
#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {

const std::vector<const Job*>& all_jobs();
// Throws sparkctl::Error (usage) listing the known jobs when `name` is unknown.
const Job& find_job(std::string_view name);
// The built-in schema plus every job's arguments as jobs.<job>.<arg>;
// built once, lives for the whole process (configs point into it).
const config::Schema& full_schema();

}  // namespace sparkctl::jobs
