// List-then-watch with resumption, the informer pattern without a cache:
// a dropped stream resumes from the last resourceVersion seen; 410 Gone
// (that version was compacted away) re-lists and reports what changed.
#include <spdlog/spdlog.h>

#include <exception>
#include <map>
#include <thread>

#include "client_impl.hpp"
#include "retry.hpp"

namespace sparkctl::k8s {

namespace {

using Clock = std::chrono::steady_clock;
using EventFn = std::function<bool(const std::string&, const nlohmann::json&)>;

// Server-side watch timeout per stream: streams end and are renewed, so a
// half-dead connection cannot hang us for long.
constexpr long max_watch_seconds = 300;

std::string key_of(const nlohmann::json& obj) {
  const auto& md = obj.value("metadata", nlohmann::json::object());
  return md.value("namespace", "") + "/" + md.value("name", "");
}

std::string resource_version_of(const nlohmann::json& obj) {
  return obj.value("metadata", nlohmann::json::object()).value("resourceVersion", "");
}

class Watcher {
 public:
  Watcher(Client::Impl& impl, std::string list_path, std::string field_selector,
          const EventFn& on_event, Clock::time_point deadline)
      : impl_(impl),
        list_path_(std::move(list_path)),
        selector_(std::move(field_selector)),
        on_event_(on_event),
        deadline_(deadline),
        handle_(new_curl_handle()) {}

  bool run();

 private:
  enum class Outcome { stopped, again, gone };
  bool expired() const { return Clock::now() >= deadline_; }
  void pause(Millis wait) const {
    std::this_thread::sleep_for(std::min<Clock::duration>(
        wait, std::max<Clock::duration>(deadline_ - Clock::now(), Clock::duration(0))));
  }
  std::string path(bool watching) const;
  Outcome relist(const char* type_for_existing);
  Outcome stream();
  bool emit(const std::string& type, const nlohmann::json& obj);  // false: caller asked to stop
  bool handle_line(const std::string& line);

  Client::Impl& impl_;
  std::string list_path_, selector_;
  const EventFn& on_event_;
  Clock::time_point deadline_;
  CurlHandle handle_;
  std::string resource_version_;
  std::map<std::string, nlohmann::json> known_;
  bool stop_requested_ = false;
  bool gone_ = false;
  std::exception_ptr failure_;
  Backoff backoff_;
};

std::string Watcher::path(bool watching) const {
  std::string p = list_path_;
  if (!selector_.empty()) p = with_query(p, "fieldSelector", selector_);
  if (!watching) return p;
  auto remaining =
      std::chrono::duration_cast<std::chrono::seconds>(deadline_ - Clock::now()).count();
  p = with_query(p, "watch", "1");
  p = with_query(p, "allowWatchBookmarks", "true");
  p = with_query(p, "resourceVersion", resource_version_);
  return with_query(p, "timeoutSeconds",
                    std::to_string(std::clamp<long>(remaining + 1, 1, max_watch_seconds)));
}

bool Watcher::emit(const std::string& type, const nlohmann::json& obj) {
  if (type == "DELETED")
    known_.erase(key_of(obj));
  else
    known_[key_of(obj)] = obj;
  if (!on_event_(type, obj)) stop_requested_ = true;
  return !stop_requested_;
}

Watcher::Outcome Watcher::relist(const char* type_for_existing) {
  Exchange ex;
  ex.path = path(false);
  ex.timeout_seconds = 60;
  Result r = impl_.exchange(handle_.get(), ex);
  if (r.code != CURLE_OK) {
    spdlog::debug("watch {}: list failed: {}", list_path_, r.curl_error);
    return Outcome::again;
  }
  if (r.status < 200 || r.status >= 300) throw ApiError::from_response(r.status, r.body);
  auto list = nlohmann::json::parse(r.body, nullptr, false);
  if (list.is_discarded() || !list.is_object())
    throw Error::cluster("GET " + list_path_ + ": the server's answer is not JSON");
  resource_version_ = resource_version_of(list);
  std::string kind = list.value("kind", "");
  if (kind.size() > 4 && kind.compare(kind.size() - 4, 4, "List") == 0)
    kind.resize(kind.size() - 4);
  std::map<std::string, nlohmann::json> previous = std::move(known_);
  known_.clear();
  for (auto item : list.value("items", nlohmann::json::array())) {
    if (!item.contains("kind") && !kind.empty()) item["kind"] = kind;
    if (!item.contains("apiVersion") && list.contains("apiVersion"))
      item["apiVersion"] = list["apiVersion"];
    previous.erase(key_of(item));
    if (!emit(type_for_existing, item)) return Outcome::stopped;
  }
  for (const auto& [key, obj] : previous)  // vanished while we were not watching
    if (!emit("DELETED", obj)) return Outcome::stopped;
  return Outcome::again;
}

bool Watcher::handle_line(const std::string& line) {
  if (line.empty()) return true;
  auto ev = nlohmann::json::parse(line, nullptr, false);
  if (ev.is_discarded() || !ev.is_object()) {
    spdlog::debug("watch {}: skipping a line that is not JSON", list_path_);
    return true;
  }
  const std::string type = ev.value("type", "");
  const nlohmann::json& obj = ev.contains("object") ? ev["object"] : nlohmann::json::object();
  if (type == "ERROR") {
    long code = obj.value("code", 0L);
    if (code == 410) {
      gone_ = true;
      return false;
    }
    failure_ = std::make_exception_ptr(ApiError::from_response(code, obj.dump()));
    return false;
  }
  if (auto rv = resource_version_of(obj); !rv.empty()) resource_version_ = rv;
  if (type == "BOOKMARK") return true;
  return emit(type, obj);
}

Watcher::Outcome Watcher::stream() {
  std::string buffer;
  bool got_data = false;
  gone_ = false;
  Exchange ex;
  ex.path = path(true);
  ex.on_data = [&](std::string_view chunk) {
    got_data = true;
    buffer.append(chunk);
    for (size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      try {
        if (!handle_line(line)) return false;
      } catch (...) {  // never unwind through libcurl
        failure_ = std::current_exception();
        return false;
      }
    }
    return true;
  };
  ex.keep_going = [&] { return !expired(); };
  Result r = perform(handle_.get(), impl_.conn, ex);
  if (failure_) std::rethrow_exception(failure_);
  if (stop_requested_) return Outcome::stopped;
  if (gone_ || r.status == 410) return Outcome::gone;
  if (expired()) return Outcome::again;
  if (r.code != CURLE_OK) {
    spdlog::debug("watch {}: stream dropped ({}); resuming from resourceVersion {}", list_path_,
                  r.curl_error, resource_version_);
    pause(backoff_.next());
    return Outcome::again;
  }
  if (r.status == 401 && impl_.conn.credentials.invalidate()) return Outcome::again;
  if (r.status < 200 || r.status >= 300) {
    if (!retryable_status(r.status, "GET", false)) throw ApiError::from_response(r.status, r.body);
    pause(backoff_.next());
    return Outcome::again;
  }
  if (got_data)
    backoff_.reset();  // a normal end (server timeout): renew at once
  else
    pause(backoff_.next());
  return Outcome::again;
}

bool Watcher::run() {
  const char* list_type = "ADDED";
  bool listed = false;
  while (!expired()) {
    if (!listed) {
      if (relist(list_type) == Outcome::stopped) return true;
      listed = !resource_version_.empty();  // empty: the list did not get through
      if (!listed) {
        pause(backoff_.next());
        continue;
      }
    }
    switch (stream()) {
      case Outcome::stopped:
        return true;
      case Outcome::gone:
        spdlog::debug("watch {}: resourceVersion {} is gone; listing again", list_path_,
                      resource_version_);
        resource_version_.clear();
        list_type = "MODIFIED";
        listed = false;
        break;
      case Outcome::again:
        break;
    }
  }
  return false;
}

}  // namespace

bool Client::watch(const std::string& list_path, const std::string& field_selector,
                   const EventFn& on_event, std::chrono::steady_clock::time_point deadline) {
  return Watcher(*impl_, list_path, field_selector, on_event, deadline).run();
}

}  // namespace sparkctl::k8s
