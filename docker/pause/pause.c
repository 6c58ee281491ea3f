/* The sandbox ("pause") container of every pod on the local cluster
 * (scripts/local-cluster.sh): it holds the pod's namespaces open and does
 * nothing else. As PID 1 of the pod's PID namespace (when shared) it reaps
 * orphans; SIGINT and SIGTERM end it. Built statically by
 * scripts/build-images.sh into an image of its own (docker/pause/Dockerfile),
 * so the cluster needs no registry. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_stop(int signal_number) {
  (void)signal_number;
  _exit(0);
}

static void on_child(int signal_number) {
  (void)signal_number;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction stop = {.sa_handler = on_stop};
  struct sigaction child = {.sa_handler = on_child, .sa_flags = SA_NOCLDSTOP | SA_RESTART};
  sigemptyset(&stop.sa_mask);
  sigemptyset(&child.sa_mask);
  if (sigaction(SIGINT, &stop, NULL) < 0 || sigaction(SIGTERM, &stop, NULL) < 0 ||
      sigaction(SIGCHLD, &child, NULL) < 0) {
    return 1;
  }
  for (;;) pause();
}
