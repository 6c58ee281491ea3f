#include "server_status.hpp"

#include <google/protobuf/unknown_field_set.h>

namespace sparkctl::connect {
namespace {

using google::protobuf::UnknownField;
using google::protobuf::UnknownFieldSet;

// Field `number` of a parsed message as bytes (the last one wins, as in proto3).
std::string bytes_field(const UnknownFieldSet& fields, int number) {
  std::string out;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& f = fields.field(i);
    if (f.number() == number && f.type() == UnknownField::TYPE_LENGTH_DELIMITED) {
      out = f.length_delimited();
    }
  }
  return out;
}

// google.rpc.ErrorInfo { string reason = 1; string domain = 2;
//                        map<string, string> metadata = 3; }
void read_error_info(const std::string& bytes, ServerStatus& out) {
  UnknownFieldSet info;
  if (!info.ParseFromString(bytes)) return;
  out.reason = bytes_field(info, 1);
  for (int i = 0; i < info.field_count(); ++i) {
    const UnknownField& f = info.field(i);
    if (f.number() != 3 || f.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    UnknownFieldSet entry;
    if (entry.ParseFromString(f.length_delimited())) {
      out.metadata[bytes_field(entry, 1)] = bytes_field(entry, 2);
    }
  }
}

}  // namespace

// google.rpc.Status { int32 code = 1; string message = 2;
//                     repeated google.protobuf.Any details = 3; }
// Any { string type_url = 1; bytes value = 2; }
ServerStatus read_status(const grpc::Status& status) {
  ServerStatus out;
  out.code = status.error_code();
  out.message = status.error_message();
  UnknownFieldSet rpc_status;
  if (status.error_details().empty() || !rpc_status.ParseFromString(status.error_details())) {
    return out;
  }
  const std::string message = bytes_field(rpc_status, 2);
  if (!message.empty()) out.message = message;
  for (int i = 0; i < rpc_status.field_count(); ++i) {
    const UnknownField& f = rpc_status.field(i);
    if (f.number() != 3 || f.type() != UnknownField::TYPE_LENGTH_DELIMITED) continue;
    UnknownFieldSet any;
    if (!any.ParseFromString(f.length_delimited())) continue;
    const std::string type_url = bytes_field(any, 1);
    const std::string suffix = "/google.rpc.ErrorInfo";
    if (type_url.size() >= suffix.size() &&
        type_url.compare(type_url.size() - suffix.size(), suffix.size(), suffix) == 0) {
      read_error_info(bytes_field(any, 2), out);
    }
  }
  return out;
}

}  // namespace sparkctl::connect
