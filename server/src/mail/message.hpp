#pragma once
// One email as qself sends it, and its RFC 5322 / MIME form.

#include <chrono>
#include <string>

namespace qself::mail {

struct Message {
  std::string from;     // "qself <noreply@example.org>" or a bare address
  std::string to;       // a bare address
  std::string subject;  // UTF-8
  std::string text;     // plain-text body, UTF-8
  std::string html;     // HTML body, UTF-8; empty for a text-only message
  std::string
      message_id;  // without <>, e.g. "reminder-12-2026-11-28@qself"; derived from the idempotency key by the caller
};

// The message as RFC 5322 text with MIME: multipart/alternative (text, then
// HTML) when `html` is set, else text/plain. Bodies are UTF-8 in
// quoted-printable; a Subject or display name that is not plain ASCII becomes
// RFC 2047 encoded words. Headers: Date (UTC), From, To, Subject, Message-ID,
// MIME-Version, and Auto-Submitted: auto-generated (RFC 3834) so that
// vacation responders do not answer. Every line ends in CRLF; header lines
// are folded to 76 characters wherever there is a space to fold at.
//
// Throws std::invalid_argument when a header would not be well-formed: CR, LF
// or other control characters in from/to/subject (no header injection), an
// address that is not a plain ASCII addr-spec, or a message_id without "@" or
// with brackets or spaces.
std::string compose(const Message& message, std::chrono::system_clock::time_point date);

// The address inside `from`: "qself <noreply@example.org>" → "noreply@example.org".
// Throws std::invalid_argument like compose() does.
std::string envelope_address(const std::string& from);

}  // namespace qself::mail
