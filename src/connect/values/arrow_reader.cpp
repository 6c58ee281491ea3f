// decode_stream(): the rows of one Arrow IPC stream as Values, read
// through the checked views of each record batch.
#include "sparkctl/connect/arrow_reader.hpp"

#include <string>

#include "../arrow/ipc_stream.hpp"
#include "../arrow/scalars.hpp"
#include "../results/slot_text.hpp"

namespace sparkctl::arrow {
namespace {

using detail::ArrayView;
using detail::Physical;

Value value_at(const ArrayView& a, uint64_t i, connect::results::SlotText& text) {
  if (!a.valid(i)) return {};
  const detail::Column& c = *a.column;
  switch (c.physical) {
    case Physical::null:
      return {};
    case Physical::boolean:
      return a.bit(i);
    case Physical::integer:
      return detail::integer(a, i);
    case Physical::floating:
      return detail::floating(a, i);
    case Physical::decimal:
      return Decimal{detail::decimal(a, i), c.field.precision, c.field.scale};
    case Physical::date:
      return Date{static_cast<int32_t>(detail::date_days(a, i))};
    case Physical::timestamp:
      return Timestamp{detail::timestamp_micros(a, i), !c.field.timezone.empty()};
    case Physical::binary:
    case Physical::large_binary:
    case Physical::fixed_binary:
      return std::string(a.bytes(i));
    default: {
      std::string shown;
      text.append_text(shown, a, i);
      return shown;
    }
  }
}

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
  detail::IpcStreamReader reader(ipc_bytes);
  connect::results::SlotText text;
  // Decode into a scratch vector so `out` is untouched if the stream is bad.
  std::vector<std::vector<Value>> rows;
  detail::IpcBatch batch;
  while (reader.next(batch)) {
    for (uint64_t r = 0; r < batch.view.length; ++r) {
      std::vector<Value> row;
      row.reserve(batch.view.columns.size());
      for (const ArrayView& a : batch.view.columns) row.push_back(value_at(a, r, text));
      rows.push_back(std::move(row));
    }
  }
  adopt_schema(reader.columns(), out);
  out.rows.reserve(out.rows.size() + rows.size());
  for (auto& row : rows) out.rows.push_back(std::move(row));
}

}  // namespace sparkctl::arrow
