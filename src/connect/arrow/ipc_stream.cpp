#include "ipc_stream.hpp"

#include <string>

namespace sparkctl::arrow::detail {

IpcStreamReader::IpcStreamReader(std::string_view bytes) : reader_(bytes) {
  Message message;
  if (!reader_.next(message))
    throw Error::cluster("arrow: IPC stream is empty (no schema message)");
  if (message.kind != MessageKind::schema) {
    throw Error::cluster("arrow: IPC stream does not start with a schema message");
  }
  columns_ = parse_schema(message.header);
  schema_metadata_ = message.metadata;
}

bool IpcStreamReader::next(IpcBatch& out) {
  Message message;
  if (!reader_.next(message)) return false;
  switch (message.kind) {
    case MessageKind::record_batch:
      out.metadata = message.metadata;
      out.body = message.body;
      out.view = view_record_batch(columns_, message.header, message.body);
      return true;
    case MessageKind::dictionary_batch:
      throw Error::cluster("arrow: dictionary batches are not supported");
    case MessageKind::schema:
      throw Error::cluster("arrow: IPC stream has a second schema message");
    default:
      throw Error::cluster("arrow: unsupported IPC message type " +
                           std::to_string(static_cast<int>(message.kind)));
  }
}

void check_same_schema(const std::vector<Column>& expected, const std::vector<Column>& columns) {
  if (expected.size() != columns.size()) {
    throw Error::cluster("arrow: stream has " + std::to_string(columns.size()) +
                         " columns but earlier results had " + std::to_string(expected.size()));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (expected[i].field.type_name != columns[i].field.type_name) {
      throw Error::cluster("arrow: column " + std::to_string(i + 1) + " '" + columns[i].field.name +
                           "' is " + columns[i].field.type_name + " but earlier results had " +
                           expected[i].field.type_name);
    }
  }
}

}  // namespace sparkctl::arrow::detail
