// Early returns for Result/Status, so a sequence of fallible steps reads as a sequence.
#ifndef KERUEN_STORE_INTERNAL_STATUS_MACROS_H_
#define KERUEN_STORE_INTERNAL_STATUS_MACROS_H_

#include <tl/expected.hpp>
#include <utility>

// Returns the error of `expr` (a Status or Result) from the enclosing function.
#define KERUEN_STORE_RETURN_IF_ERROR(expr)                      \
  do {                                                          \
    if (auto _keruen_status = (expr); !_keruen_status) {        \
      return tl::unexpected(std::move(_keruen_status).error()); \
    }                                                           \
  } while (0)

// `lhs` = the value of the Result `expr`, or returns its error. `lhs` may declare a
// variable (`auto stmt`); the macro is a statement, not an expression.
#define KERUEN_STORE_ASSIGN_OR_RETURN(lhs, expr) \
  KERUEN_STORE_ASSIGN_OR_RETURN_IMPL(KERUEN_STORE_CONCAT(_keruen_result_, __LINE__), lhs, expr)

#define KERUEN_STORE_ASSIGN_OR_RETURN_IMPL(result, lhs, expr)    \
  auto result = (expr);                                          \
  if (!result) return tl::unexpected(std::move(result).error()); \
  lhs = std::move(*result)

#define KERUEN_STORE_CONCAT(a, b) KERUEN_STORE_CONCAT_IMPL(a, b)
#define KERUEN_STORE_CONCAT_IMPL(a, b) a##b

#endif  // KERUEN_STORE_INTERNAL_STATUS_MACROS_H_
