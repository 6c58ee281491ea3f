// Field ids and constants of Arrow's flatbuffer schemas (Schema.fbs,
// Message.fbs), shared by the reader and the writer. A field id is the
// declaration order in the .fbs file, a union counting as two fields (its
// _type byte, then its value).
#pragma once

#include <cstdint>

namespace sparkctl::arrow::detail {

// Schema.fbs, table Field.
enum FieldId { kName = 0, kNullable = 1, kTypeType = 2, kType = 3, kDictionary = 4, kChildren = 5 };
// Schema.fbs, table Schema.
enum SchemaId { kEndianness = 0, kFields = 1 };

// Schema.fbs, union Type (0 is NONE).
enum TypeTag : uint8_t {
  kNull = 1,
  kInt,
  kFloatingPoint,
  kBinary,
  kUtf8,
  kBool,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kInterval,
  kList,
  kStruct,
  kUnion,
  kFixedSizeBinary,
  kFixedSizeList,
  kMap,
  kDuration,
  kLargeBinary,
  kLargeUtf8,
  kLargeList,
  kRunEndEncoded,
  kBinaryView,
  kUtf8View,
  kListView,
  kLargeListView
};

// Message.fbs, table Message.
enum MessageId { kVersion = 0, kHeaderType = 1, kHeader = 2, kBodyLength = 3 };
constexpr int16_t kMetadataV4 = 3;  // Schema.fbs MetadataVersion: V1 = 0 ... V5 = 4
constexpr int16_t kMetadataV5 = 4;

// Message.fbs, table RecordBatch.
enum BatchId { kLength = 0, kNodes = 1, kBuffers = 2, kCompression = 3 };
constexpr uint32_t kFieldNodeSize = 16;  // struct FieldNode { long length; long null_count; }
constexpr uint32_t kBufferSize = 16;     // struct Buffer { long offset; long length; }

// Schema.fbs enums.
enum TimeUnitId : int16_t { kSecond = 0, kMillisecond = 1, kMicrosecond = 2, kNanosecond = 3 };
enum IntervalUnitId : int16_t { kYearMonth = 0, kDayTime = 1, kMonthDayNano = 2 };
enum PrecisionId : int16_t { kHalf = 0, kSingle = 1, kDouble = 2 };

}  // namespace sparkctl::arrow::detail
