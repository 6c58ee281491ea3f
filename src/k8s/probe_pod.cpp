#include "probe_pod.hpp"

#include <thread>

#include "sparkctl/core/strings.hpp"
#include "sparkctl/k8s/pod_diagnosis.hpp"

namespace sparkctl::k8s {
namespace {

using nlohmann::json;

struct PodRun {
  bool finished = false;
  int exit_code = -1;
  std::string log;             // the container's output
  std::string trouble;         // why it did not finish: a pod problem, or its phase
  bool image_trouble = false;  // the node cannot get the image
};

json probe_pod(const CheckOptions& options, const std::string& check,
               const std::vector<std::string>& args) {
  json container = {
      {"name", "check"},
      {"image", options.image},
      {"args", args},
      {"resources",
       {{"requests", {{"cpu", "50m"}, {"memory", "64Mi"}}}, {"limits", {{"memory", "256Mi"}}}}}};
  if (!options.image_pull_policy.empty()) container["imagePullPolicy"] = options.image_pull_policy;
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"generateName", "sparkctl-doctor-" + check + "-"},
            {"namespace", options.namespace_},
            {"labels",
             {{"app.kubernetes.io/managed-by", "sparkctl"}, {"sparkctl.dev/doctor", check}}}}},
          {"spec",
           {{"restartPolicy", "Never"},
            {"automountServiceAccountToken", false},
            {"activeDeadlineSeconds", options.pod_timeout.count() + 30},
            {"containers", json::array({container})}}}};
}

int exit_code_of(const json& pod) {
  for (const auto& status :
       pod.value("status", json::object()).value("containerStatuses", json::array())) {
    const auto terminated =
        status.value("state", json::object()).value("terminated", json::object());
    if (terminated.contains("exitCode")) return terminated["exitCode"].get<int>();
  }
  return -1;
}

// Creates the pod, waits for its end (or a problem that cannot heal, or
// the timeout), reads its log, deletes it.
PodRun run_probe(Client& client, const CheckOptions& options, const std::string& check,
                 const std::vector<std::string>& args) {
  const std::string pods = "/api/v1/namespaces/" + options.namespace_ + "/pods";
  const json created = client.create(pods, probe_pod(options, check, args));
  const std::string path = pods + "/" + created["metadata"].value("name", "");
  struct Remove {
    Client& client;
    std::string path;
    ~Remove() {
      try {
        client.request("DELETE", path + "?gracePeriodSeconds=0", "", "");
      } catch (...) {  // best effort: it also has an active deadline
      }
    }
  } remove{client, path};

  PodRun run;
  const auto deadline = std::chrono::steady_clock::now() + options.pod_timeout;
  json pod = created;
  while (std::chrono::steady_clock::now() < deadline) {
    pod = client.get(path);
    const std::string phase = pod.value("status", json::object()).value("phase", "Pending");
    if (phase == "Succeeded" || phase == "Failed") {
      run.finished = true;
      run.exit_code = exit_code_of(pod);
      const auto log = client.request("GET", path + "/log", "", "");
      if (log.status == 200) run.log = strings::trim(log.body);
      return run;
    }
    if (const auto problem = pod_problem(pod);
        problem && problem->pending() && !problem->may_heal) {
      run.trouble = describe(*problem);
      run.image_trouble = problem->kind == PodProblemKind::image;
      return run;
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  const auto problem = pod_problem(pod);
  run.image_trouble = problem && problem->kind == PodProblemKind::image;
  const bool scheduled = !pod.value("spec", json::object()).value("nodeName", "").empty();
  run.trouble = problem     ? describe(*problem)
                : scheduled ? "still " + pod["status"].value("phase", std::string("Pending"))
                            : "never scheduled (does the cluster have a ready node?)";
  run.trouble =
      "did not finish within " + std::to_string(options.pod_timeout.count()) + "s: " + run.trouble;
  return run;
}

std::string image_fix(const std::string& image) {
  return "the node cannot get " + image +
         ": build it and load it into the node or push it to a registry the node can pull "
         "from (make build-image push-image), or name another in kubernetes.image";
}

CheckResult from_run(const std::string& name, const PodRun& run, const std::string& image,
                     const std::string& ok_detail, const std::string& failed_detail,
                     const std::string& fix) {
  if (run.finished && run.exit_code == 0) return {name, true, ok_detail, ""};
  if (!run.finished)
    return {name, false, name + " check: its pod " + run.trouble,
            run.image_trouble
                ? image_fix(image)
                : "a pod of " + image + " must start: is a node ready (kubectl get nodes)?"};
  return {name, false,
          failed_detail + " (exit code " + std::to_string(run.exit_code) + ")" +
              (run.log.empty() ? "" : ": " + run.log.substr(0, 200)),
          fix};
}

}  // namespace

CheckResult dns_check(Client& client, const CheckOptions& options) {
  const std::string fix =
      "the cluster DNS (CoreDNS or kube-dns, at the pods' nameserver, the kubelet's clusterDNS) "
      "must run and answer: kubectl -n kube-system get pods -l k8s-app=kube-dns";
  try {
    // The image's entrypoint runs other commands as they are. On failure
    // the pod prints its nameserver: the address that did not answer.
    const auto run = run_probe(client, options, "dns",
                               {"sh", "-c",
                                "getent hosts kubernetes.default || { grep -m1 '^nameserver' "
                                "/etc/resolv.conf; exit 2; }"});
    return from_run("dns", run, options.image,
                    "cluster DNS resolves kubernetes.default in a pod (" + run.log + ")",
                    "kubernetes.default does not resolve in a pod", fix);
  } catch (const Error& e) {
    return {"dns", false, std::string("dns check: cannot run its pod: ") + e.what(), fix};
  }
}

CheckResult image_check(Client& client, const CheckOptions& options) {
  CheckOptions probe = options;
  if (!options.checked_image.empty()) probe.image = options.checked_image;
  const std::string fix =
      "is " + probe.image + " sparkctl's Spark image (docker/Dockerfile, make build-image)?";
  try {
    const auto run = run_probe(client, probe, "image", {"sparkctl", "--version"});
    return from_run("image", run, probe.image, "image " + probe.image + " starts: " + run.log,
                    "image " + probe.image + " starts but sparkctl does not answer", fix);
  } catch (const Error& e) {
    return {"image", false, std::string("image check: cannot run its pod: ") + e.what(), fix};
  }
}

}  // namespace sparkctl::k8s
