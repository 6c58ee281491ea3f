#include <cerrno>
#include <cstring>
#include <ostream>

#include "result_writer.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::connect::results {

OutputBuffer::OutputBuffer(std::ostream& out) : out_(out) {
  buffer_.reserve(chunk_bytes + chunk_bytes / 4);
}

void OutputBuffer::flush() { write_through({}); }

void OutputBuffer::write_through(std::string_view bytes) {
  if (buffer_.empty() && bytes.empty()) return;
  errno = 0;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out_.flush();
  if (!out_) {
    const int error = errno;
    throw Error::job(std::string("cannot write the result") +
                     (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
  }
  buffer_.clear();
}

}  // namespace sparkctl::connect::results
