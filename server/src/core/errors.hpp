#pragma once
// The one family of errors the domain throws. The HTTP layer translates each
// kind to a status in exactly one place (http/errors.cpp); nothing below it
// knows about HTTP.

#include <map>
#include <stdexcept>
#include <string>

namespace qself {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Input that does not fit the rules; `fields` maps each field to what is wrong.
class ValidationError : public Error {
 public:
  using Fields = std::map<std::string, std::string>;
  explicit ValidationError(Fields fields, const std::string& message = "Some fields are not valid.")
      : Error(message), m_fields(std::move(fields)) {}
  ValidationError(const std::string& field, const std::string& problem) : ValidationError(Fields{{field, problem}}) {}
  const Fields& fields() const { return m_fields; }

 private:
  Fields m_fields;
};

// Input that cannot even be read (not JSON, a malformed query parameter).
class BadRequest : public Error {
 public:
  using Error::Error;
};

// The object does not exist, or is not the caller's: the two are never told apart.
class NotFound : public Error {
 public:
  explicit NotFound(const std::string& what = "Not found.") : Error(what) {}
};

// The request clashes with the current state (a name already used...).
class Conflict : public Error {
 public:
  Conflict(std::string code, const std::string& message, ValidationError::Fields fields = {})
      : Error(message), m_code(std::move(code)), m_fields(std::move(fields)) {}
  const std::string& code() const { return m_code; }
  const ValidationError::Fields& fields() const { return m_fields; }

 private:
  std::string m_code;
  ValidationError::Fields m_fields;
};

// Signed in, but with a credential that may not do this (a personal API token
// asking to manage the account).
class Forbidden : public Error {
 public:
  using Error::Error;
};

class Unauthorized : public Error {
 public:
  explicit Unauthorized(const std::string& message = "Authentication required.", std::string reason = {})
      : Error(message), m_reason(std::move(reason)) {}
  // Why a token that worked no longer does ("password_changed"), told only to
  // the holder of that very token; empty when there is nothing to tell.
  const std::string& reason() const { return m_reason; }

 private:
  std::string m_reason;
};

class RateLimited : public Error {
 public:
  RateLimited(const std::string& message, int retry_after_seconds)
      : Error(message), m_retry_after(retry_after_seconds) {}
  int retry_after() const { return m_retry_after; }

 private:
  int m_retry_after;
};

// A shared resource is exhausted for the moment (password hashing slots).
class Busy : public Error {
 public:
  using Error::Error;
};

}  // namespace qself
