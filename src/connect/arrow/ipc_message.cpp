#include "ipc_message.hpp"

#include <string>

#include "format_ids.hpp"

namespace sparkctl::arrow::detail {
namespace {

constexpr uint32_t continuation_marker = 0xFFFFFFFFu;

}  // namespace

bool MessageReader::next(Message& out) {
  if (done_ || pos_ == stream_.size()) return false;
  if (!in_bounds(pos_, 4, stream_.size())) malformed("truncated message length");
  uint64_t meta_pos = pos_ + 4;
  uint32_t prefix = load_le<uint32_t>(stream_, pos_, "message length");
  if (prefix == continuation_marker) {
    if (!in_bounds(pos_, 8, stream_.size())) malformed("truncated message length");
    prefix = load_le<uint32_t>(stream_, pos_ + 4, "message length");
    meta_pos = pos_ + 8;
  }
  if (prefix == 0) {  // end-of-stream marker
    done_ = true;
    return false;
  }
  if (prefix > 0x7FFFFFFFu || !in_bounds(meta_pos, prefix, stream_.size())) {
    malformed("message metadata length " + std::to_string(prefix) + " exceeds the stream");
  }
  std::string_view metadata = stream_.substr(meta_pos, prefix);
  fb::Table message = fb::Table::root(metadata);

  int16_t version = message.scalar<int16_t>(kVersion, 0);
  if (version < kMetadataV4) {
    throw Error::cluster("arrow: IPC metadata version V" + std::to_string(version + 1) +
                         " is too old (need V4 or later)");
  }
  int64_t body_length = message.scalar<int64_t>(kBodyLength, 0);
  uint64_t body_pos = meta_pos + prefix;
  if (body_length < 0 || !in_bounds(body_pos, static_cast<uint64_t>(body_length), stream_.size())) {
    malformed("message body of " + std::to_string(body_length) + " bytes exceeds the stream");
  }
  std::optional<fb::Table> header = message.table(kHeader);
  if (!header) malformed("message has no header");

  out.kind = static_cast<MessageKind>(message.scalar<uint8_t>(kHeaderType, 0));
  out.header = *header;
  out.metadata = metadata;
  out.body = stream_.substr(body_pos, static_cast<uint64_t>(body_length));
  pos_ = body_pos + static_cast<uint64_t>(body_length);
  return true;
}

}  // namespace sparkctl::arrow::detail
