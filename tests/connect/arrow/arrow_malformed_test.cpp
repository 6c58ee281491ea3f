// Malformed streams must end in sparkctl::Error, never in a crash, a hang
// or another exception. Run under -fsanitize=address,undefined to also
// catch reads that happen to land in mapped memory.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>

#include "arrow/ipc_stream.hpp"
#include "ipc_fixtures.hpp"
#include "results/slot_text.hpp"
#include "sparkctl/connect/arrow_ipc.hpp"
#include "sparkctl/core/error.hpp"

namespace sparkctl::arrow {
namespace {

// What the writers of streamed results do with a stream: every slot of
// every column as Spark's text and as JSON, read straight from the views.
void render_every_slot(const std::string& bytes) {
  detail::IpcStreamReader reader(bytes);
  detail::IpcBatch batch;
  connect::results::SlotText slots;
  std::string out;
  while (reader.next(batch)) {
    for (const detail::ArrayView& a : batch.view.columns) {
      for (uint64_t i = 0; i < a.length; ++i) {
        out.clear();
        if (a.valid(i)) slots.append_text(out, a, i);
        slots.append_json(out, a, i);
      }
    }
  }
}

const char* const fixture_files[] = {
    "primitives.arrows", "legacy_primitives.arrows", "decimals.arrows", "dates_timestamps.arrows",
    "strings.arrows",    "other_types.arrows",       "nested.arrows"};

// Decodes `bytes`; returns the Error message, or "" if it decoded fine.
// Anything thrown that is not a sparkctl::Error fails the test.
std::string try_decode(const std::string& bytes) {
  try {
    connect::read_arrow_ipc(bytes);
    render_every_slot(bytes);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::cluster);  // the server's data, not the job
    EXPECT_EQ(std::string(e.what()).rfind("arrow: ", 0), 0u) << e.what();
    return e.what();
  }
}

std::string error_of(const std::string& bytes) {
  std::string message = try_decode(bytes);
  EXPECT_FALSE(message.empty()) << "expected an error";
  return message;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string u32(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

TEST(ArrowMalformed, EmptyAndEndOfStreamOnly) {
  EXPECT_TRUE(contains(error_of(""), "empty"));
  EXPECT_TRUE(contains(error_of(u32(0xFFFFFFFF) + u32(0)), "empty"));
  EXPECT_TRUE(contains(error_of(u32(0)), "empty"));
}

TEST(ArrowMalformed, LengthPrefixBeyondTheStream) {
  EXPECT_TRUE(contains(error_of(u32(0xFFFFFFFF) + u32(1000) + "abc"), "exceeds the stream"));
  EXPECT_TRUE(contains(error_of(u32(0xFFFFFFFF) + u32(0x80000000)), "exceeds the stream"));
  EXPECT_TRUE(contains(error_of(u32(0xFFFFFFFF) + "ab"), "truncated"));
  EXPECT_TRUE(contains(error_of("abc"), "truncated"));
  EXPECT_TRUE(contains(error_of(u32(8) + std::string(8, '\xEE')), "malformed"));
}

TEST(ArrowMalformed, FirstMessageMustBeTheSchema) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "two_columns.arrows");
  uint32_t schema_length = 0;
  std::memcpy(&schema_length, bytes.data() + 4, 4);
  EXPECT_TRUE(contains(error_of(bytes.substr(8 + schema_length)), "schema"));
}

TEST(ArrowMalformed, SecondSchemaIsRejected) {
  std::string bytes;
  ASSERT_FIXTURE(bytes, "two_columns.arrows");
  std::string without_eos = bytes.substr(0, bytes.size() - 8);
  EXPECT_TRUE(contains(error_of(without_eos + bytes), "second schema"));
}

TEST(ArrowMalformed, EveryTruncationFailsCleanly) {
  for (const char* name : fixture_files) {
    std::string bytes;
    ASSERT_FIXTURE(bytes, name);
    int errors = 0;
    for (size_t n = 0; n < bytes.size(); ++n) {
      if (!try_decode(bytes.substr(0, n)).empty()) ++errors;
    }
    // Only cuts at message boundaries can still decode.
    EXPECT_GT(errors, static_cast<int>(bytes.size()) * 9 / 10) << name;
  }
}

TEST(ArrowMalformed, CorruptedWordsFailCleanly) {
  const uint32_t nasty_lengths[] = {0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u,
                                    0u,          0x00010000u, 0xFFFFFFF8u};
  int outside_body = 0;
  int bad_offsets = 0;
  for (const char* name : fixture_files) {
    std::string bytes;
    ASSERT_FIXTURE(bytes, name);
    for (size_t pos = 0; pos + 4 <= bytes.size(); pos += 4) {
      for (uint32_t nasty : nasty_lengths) {
        std::string corrupt = bytes;
        std::memcpy(&corrupt[pos], &nasty, 4);
        std::string message = try_decode(corrupt);
        if (contains(message, "outside the")) ++outside_body;
        if (contains(message, "offset")) ++bad_offsets;
      }
    }
  }
  // The buffer and offset checks really fire (and nothing crashed).
  EXPECT_GT(outside_body, 0);
  EXPECT_GT(bad_offsets, 0);
}

TEST(ArrowMalformed, FlippedBitsFailCleanly) {
  std::mt19937 rng(20240601);
  for (const char* name : fixture_files) {
    std::string bytes;
    ASSERT_FIXTURE(bytes, name);
    for (int round = 0; round < 2000; ++round) {
      std::string corrupt = bytes;
      for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) {
        corrupt[rng() % corrupt.size()] ^= static_cast<char>(1u << (rng() % 8));
      }
      try_decode(corrupt);
    }
  }
}

TEST(ArrowMalformed, RandomBytesFailCleanly) {
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string junk(rng() % 512, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    if (round % 2 == 0 && junk.size() >= 8) {  // get past the framing half the time
      uint32_t length = static_cast<uint32_t>(junk.size() - 8);
      std::memcpy(&junk[0], "\xFF\xFF\xFF\xFF", 4);
      std::memcpy(&junk[4], &length, 4);
    }
    try_decode(junk);
  }
}

}  // namespace
}  // namespace sparkctl::arrow
