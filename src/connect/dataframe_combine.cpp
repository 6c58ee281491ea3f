// DataFrame operations over two inputs: set operations and joins.
#include "plan.hpp"
#include "sparkctl/connect/dataframe.hpp"

namespace sparkctl::connect {
namespace {

proto::Join::JoinType join_type(JoinType how) {
  switch (how) {
    case JoinType::inner:
      return proto::Join::JOIN_TYPE_INNER;
    case JoinType::left:
      return proto::Join::JOIN_TYPE_LEFT_OUTER;
    case JoinType::right:
      return proto::Join::JOIN_TYPE_RIGHT_OUTER;
    case JoinType::full:
      return proto::Join::JOIN_TYPE_FULL_OUTER;
    case JoinType::left_semi:
      return proto::Join::JOIN_TYPE_LEFT_SEMI;
    case JoinType::left_anti:
      return proto::Join::JOIN_TYPE_LEFT_ANTI;
    case JoinType::cross:
      return proto::Join::JOIN_TYPE_CROSS;
  }
  return proto::Join::JOIN_TYPE_INNER;
}

}  // namespace

DataFrame DataFrame::set_operation(const DataFrame& other, int type, bool all, bool by_name,
                                   bool allow_missing) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* s = r.mutable_set_op();
    *s->mutable_left_input() = *relation_;
    *s->mutable_right_input() = other.relation();
    s->set_set_op_type(static_cast<proto::SetOperation::SetOpType>(type));
    s->set_is_all(all);
    s->set_by_name(by_name);
    s->set_allow_missing_columns(allow_missing);
  });
}

DataFrame DataFrame::union_all(const DataFrame& other) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_UNION, true, false, false);
}

DataFrame DataFrame::union_by_name(const DataFrame& other, bool allow_missing_columns) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_UNION, true, true,
                       allow_missing_columns);
}

DataFrame DataFrame::intersect(const DataFrame& other) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_INTERSECT, false, false, false);
}

DataFrame DataFrame::intersect_all(const DataFrame& other) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_INTERSECT, true, false, false);
}

DataFrame DataFrame::subtract(const DataFrame& other) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_EXCEPT, false, false, false);
}

DataFrame DataFrame::except_all(const DataFrame& other) const {
  return set_operation(other, proto::SetOperation::SET_OP_TYPE_EXCEPT, true, false, false);
}

DataFrame DataFrame::join(const DataFrame& other, const Column& on, JoinType how) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* j = r.mutable_join();
    *j->mutable_left() = *relation_;
    *j->mutable_right() = other.relation();
    *j->mutable_join_condition() = on.expression();
    j->set_join_type(join_type(how));
  });
}

DataFrame DataFrame::join(const DataFrame& other, const std::vector<std::string>& on,
                          JoinType how) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* j = r.mutable_join();
    *j->mutable_left() = *relation_;
    *j->mutable_right() = other.relation();
    for (const auto& c : on) j->add_using_columns(c);
    j->set_join_type(join_type(how));
  });
}

DataFrame DataFrame::cross_join(const DataFrame& other) const {
  return derived(client_, [&](proto::Relation& r) {
    auto* j = r.mutable_join();
    *j->mutable_left() = *relation_;
    *j->mutable_right() = other.relation();
    j->set_join_type(proto::Join::JOIN_TYPE_CROSS);
  });
}

}  // namespace sparkctl::connect
