// What a container's init does (tini under Spark's own image): sparkctl is
// PID 1 of the Spark containers, and PID 1 must reap the orphans that get
// re-parented to it, or they pile up as zombies, and must pass on the
// signals the kubelet sends, which the kernel drops for a PID 1 without a
// handler. So the entrypoint splits in two: a small init that only does
// that, and a child that plays the container's role (driver, executor).
#pragma once

#include <optional>

namespace sparkctl::runtime {

// Forks. Returns in both processes:
//  - in the child: nullopt, with the signal mask and dispositions the
//    process had before, so it can go on (and exec) as usual;
//  - in the parent, once that child has ended: its exit status as a shell
//    reports it (the code, or 128+N when signal N killed it). Until then
//    the parent forwards SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1,
//    SIGUSR2 and SIGWINCH to the child and reaps every child it gets.
// When not PID 1 the parent makes itself a child subreaper (as `tini -s`),
// so orphans of the role still come to it. If the parent is killed, the
// child gets SIGKILL: nobody would report its status otherwise.
// Call it while the process has a single thread. Throws Error::cluster if
// it cannot fork.
std::optional<int> become_init();

}  // namespace sparkctl::runtime
