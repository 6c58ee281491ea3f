// A header of the job's own, beside it: job folders are on the include path.
#pragma once

#include <cctype>
#include <string>

inline std::string greeting(const std::string& name, bool shout) {
  std::string text = "Hello, " + name;
  if (shout) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}
