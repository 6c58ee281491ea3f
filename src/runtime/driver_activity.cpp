#include "sparkctl/runtime/driver_activity.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

namespace sparkctl::runtime {

bool JobsSnapshot::operator==(const JobsSnapshot& other) const {
  return jobs == other.jobs && running == other.running && finished == other.finished &&
         last_job_id == other.last_job_id;
}

std::optional<JobsSnapshot> parse_jobs(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return std::nullopt;
  JobsSnapshot snapshot;
  for (const auto& job : json) {
    if (!job.is_object()) return std::nullopt;
    ++snapshot.jobs;
    const auto status = job.value("status", std::string());
    if (status == "RUNNING")
      ++snapshot.running;
    else
      ++snapshot.finished;
    if (const auto id = job.find("jobId"); id != job.end() && id->is_number_integer())
      snapshot.last_job_id = std::max(snapshot.last_job_id, id->get<std::int64_t>());
  }
  return snapshot;
}

DriverUi::DriverUi(int port, std::chrono::milliseconds timeout) : port_(port), timeout_(timeout) {}

std::optional<std::string> DriverUi::get(const std::string& path) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    last_error_ = "cannot initialise libcurl";
    return std::nullopt;
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
  std::string body;
  auto write = +[](char* data, size_t size, size_t count, void* out) -> size_t {
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
  };
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");  // never through $http_proxy
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  const CURLcode result = curl_easy_perform(curl.get());
  if (result != CURLE_OK) {
    last_error_ = url + ": " + curl_easy_strerror(result);
    return std::nullopt;
  }
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    last_error_ = url + ": HTTP " + std::to_string(status);
    return std::nullopt;
  }
  return body;
}

std::optional<JobsSnapshot> DriverUi::jobs() {
  if (application_id_.empty()) {
    // A driver's UI lists exactly its own application.
    const auto body = get("/api/v1/applications");
    if (!body) return std::nullopt;
    const auto apps = nlohmann::json::parse(*body, nullptr, false);
    if (!apps.is_array() || apps.empty() || !apps[0].is_object() || !apps[0].contains("id") ||
        !apps[0]["id"].is_string()) {
      last_error_ = "no application in the driver's UI yet";
      return std::nullopt;
    }
    application_id_ = apps[0]["id"].get<std::string>();
    spdlog::debug("driver UI on port {}: application {}", port_, application_id_);
  }
  const auto body = get("/api/v1/applications/" + application_id_ + "/jobs");
  if (!body) return std::nullopt;
  auto snapshot = parse_jobs(*body);
  if (!snapshot) last_error_ = "the driver's UI answered something that is not a jobs list";
  return snapshot;
}

void IdleClock::observe(const std::optional<JobsSnapshot>& snapshot, Clock::time_point now) {
  if (!snapshot) return;
  // Jobs already there at the first answer ran at some unknown time before
  // it (a slow UI can answer first after the user's query): count them as
  // activity now, so the session never stops early.
  const bool changed = last_seen_ ? *last_seen_ != *snapshot : snapshot->jobs > 0;
  if (snapshot->running > 0 || changed) last_activity_ = now;
  last_seen_ = snapshot;
}

bool wait_until_idle(const IdleWaitOptions& options) {
  using Clock = IdleClock::Clock;
  IdleClock clock(Clock::now());
  while (true) {
    if (options.alive && !options.alive()) return false;
    clock.observe(options.look(), Clock::now());
    const auto idle = clock.idle_for(Clock::now());
    if (idle >= options.timeout) return true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(options.timeout - idle);
    std::this_thread::sleep_for(std::min(options.poll, left));
  }
}

}  // namespace sparkctl::runtime
