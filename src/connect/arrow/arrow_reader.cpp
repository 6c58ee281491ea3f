// decode_stream(): walks the messages of one Arrow IPC stream, takes the
// schema from the first and appends the rows of every record batch.
#include "sparkctl/connect/arrow_reader.hpp"

#include <string>

#include "arrow_schema.hpp"
#include "ipc_message.hpp"
#include "record_batch.hpp"

namespace sparkctl::arrow {
namespace {

void adopt_schema(const std::vector<detail::Column>& columns, Table& out) {
  if (out.schema.empty()) {
    for (const detail::Column& c : columns) out.schema.push_back(c.field);
    return;
  }
  if (out.schema.size() != columns.size()) {
    throw Error::job("arrow: stream has " + std::to_string(columns.size()) +
                     " columns but earlier results had " + std::to_string(out.schema.size()));
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (out.schema[i].type != columns[i].field.type) {
      throw Error::job("arrow: column " + std::to_string(i + 1) + " '" + columns[i].field.name +
                       "' is " + columns[i].field.type_name + " but earlier results had " +
                       out.schema[i].type_name);
    }
  }
}

}  // namespace

void decode_stream(std::string_view ipc_bytes, Table& out) {
  using detail::MessageKind;
  detail::MessageReader reader(ipc_bytes);
  detail::Message message;
  if (!reader.next(message)) throw Error::job("arrow: IPC stream is empty (no schema message)");
  if (message.kind != MessageKind::schema) {
    throw Error::job("arrow: IPC stream does not start with a schema message");
  }
  std::vector<detail::Column> columns = detail::parse_schema(message.header);
  // Decode into a scratch vector so `out` is untouched if the stream is bad.
  std::vector<std::vector<Value>> rows;
  while (reader.next(message)) {
    switch (message.kind) {
      case MessageKind::record_batch:
        detail::decode_record_batch(columns, message.header, message.body, rows);
        break;
      case MessageKind::dictionary_batch:
        throw Error::job("arrow: dictionary batches are not supported");
      case MessageKind::schema:
        throw Error::job("arrow: IPC stream has a second schema message");
      default:
        throw Error::job("arrow: unsupported IPC message type " +
                         std::to_string(static_cast<int>(message.kind)));
    }
  }
  adopt_schema(columns, out);
  out.rows.reserve(out.rows.size() + rows.size());
  for (auto& row : rows) out.rows.push_back(std::move(row));
}

}  // namespace sparkctl::arrow
