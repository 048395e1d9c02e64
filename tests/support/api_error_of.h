// The ApiError a call throws, for tests that check what the error says: one helper instead of
// a try / FAIL() / catch block in every such test.
#pragma once

#include <gtest/gtest.h>

#include <utility>

#include "api/core/api_error.h"

namespace cloudssl::api::testing {

// What `call` throws. When it returns instead, the test fails, and the error returned has the
// code "(no error)", so the checks on it that follow fail too.
template <class Call>
ApiError error_of(Call&& call) {
  try {
    std::forward<Call>(call)();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an ApiError, but the call returned";
  return ApiError("", "(no error)", "", "", ErrorClass::Final);
}

}  // namespace cloudssl::api::testing
