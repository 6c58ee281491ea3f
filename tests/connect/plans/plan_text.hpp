// Offline plan tests: the protobuf a Column or DataFrame builds, as one
// line of protobuf text format, so an expectation reads like the plan.
// The session points at a port nothing listens on: building plans never
// talks to a server, and a test that did would fail.
#pragma once

#include <google/protobuf/text_format.h>

#include <string>

#include "spark/connect/expressions.pb.h"
#include "spark/connect/relations.pb.h"
#include "sparkctl/connect/column.hpp"
#include "sparkctl/connect/dataframe.hpp"
#include "sparkctl/connect/session.hpp"

namespace sparkctl::connect::testing {

inline std::string text(const google::protobuf::Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  std::string out;
  printer.PrintToString(message, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

inline std::string text(const Column& column) { return text(column.expression()); }

// A DataFrame's relation without the plan ids, which count up per session.
inline std::string text(const DataFrame& df) {
  spark::connect::Relation r = df.relation();
  struct Strip {
    static void ids(google::protobuf::Message& m) {
      const auto* reflection = m.GetReflection();
      std::vector<const google::protobuf::FieldDescriptor*> fields;
      reflection->ListFields(m, &fields);
      for (const auto* f : fields) {
        if (f->name() == "common" || f->name() == "plan_id") {
          reflection->ClearField(&m, f);
        } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
          if (f->is_repeated()) {
            for (int i = 0; i < reflection->FieldSize(m, f); ++i) {
              ids(*reflection->MutableRepeatedMessage(&m, f, i));
            }
          } else {
            ids(*reflection->MutableMessage(&m, f));
          }
        }
      }
    }
  };
  Strip::ids(r);
  return text(r);
}

// A session whose plans are built and never sent.
inline Session& offline_session() {
  static Session session = Session::open("sc://127.0.0.1:9");
  return session;
}

}  // namespace sparkctl::connect::testing
