// A pod may run its containers as any UID (securityContext.runAsUser, or
// OpenShift's random UIDs), which the image's /etc/passwd does not know.
// Java then has no user name (the driver fails on "basedir must be
// absolute: ?/.ivy2") and Hadoop refuses to run ("Invalid UID, could not
// determine effective user"). Images made for this let the entrypoint add
// the missing entry: /etc/passwd writable by group 0, which such pods get.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace sparkctl::runtime {

struct PasswdEntry {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string description;     // the GECOS field: $SPARK_USER_NAME, else "anonymous uid"
  std::filesystem::path home;  // $SPARK_HOME (the image's working tree)
};

// "<uid>:x:<uid>:<gid>:<description>:<home>:/bin/false" (the login name is
// the number: nothing else is known about the user).
std::string passwd_line(const PasswdEntry& entry);

enum class PasswdOutcome { present, added, not_writable };

// Adds `entry` to `passwd` unless a line there has its UID already.
// `not_writable` when it is missing and cannot be added (the caller warns).
PasswdOutcome ensure_passwd_entry(const PasswdEntry& entry,
                                  const std::filesystem::path& passwd = "/etc/passwd");

// For this process: its real UID and GID, the description and home from
// the environment; logs a warning when the entry is missing and cannot be
// added.
void ensure_own_passwd_entry();

}  // namespace sparkctl::runtime
