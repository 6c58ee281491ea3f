#include "sparkctl/config/keys.hpp"
#include "sparkctl/jobs/job.hpp"

namespace sparkctl::jobs {

JobContext::JobContext(std::string job_name, const config::Config& config, SessionProvider spark,
                       JobStreams io)
    : job_name_(std::move(job_name)), config_(config), spark_(std::move(spark)), io_(io) {}

const std::string& JobContext::arg_string(const std::string& name) const {
  return config_.get_string(config::keys::job_argument(job_name_, name));
}
std::int64_t JobContext::arg_int(const std::string& name) const {
  return config_.get_int(config::keys::job_argument(job_name_, name));
}
bool JobContext::arg_bool(const std::string& name) const {
  return config_.get_bool(config::keys::job_argument(job_name_, name));
}
std::chrono::seconds JobContext::arg_duration(const std::string& name) const {
  return config_.get_duration(config::keys::job_argument(job_name_, name));
}

}  // namespace sparkctl::jobs
