#pragma once

#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {
// Reads titanic.csv (header, inferred schema) from a bucket or path, prints
// describe(), writes Parquet with mode overwrite.
const Job& cloud_etl_job();
}  // namespace sparkctl::jobs
