#pragma once
// The one translation point from an exception to a status and an error body
// {"error": {"code", "message", "fields"?}, "request_id"}.

#include <exception>
#include <string>

#include "http/request.hpp"

namespace qself::http {

// Call from inside a catch block: renders the exception in flight.
Response error_response(std::exception_ptr error, const std::string& request_id);

// An error with a known status and code (routing, limits).
Response error_response(int status, const std::string& code, const std::string& message, const std::string& request_id);

}  // namespace qself::http
