#pragma once
// The transfer encodings mail needs: base64 (RFC 4648), quoted-printable
// bodies (RFC 2045) and encoded words for header text (RFC 2047). Everything
// here produces 7-bit ASCII, so a message travels through any SMTP server.

#include <cstddef>
#include <string>
#include <string_view>

namespace qself::mail {

// Standard base64 with padding and no line breaks.
std::string base64_encode(std::string_view bytes);

// Quoted-printable with CRLF line breaks (a lone LF counts as a line break
// too) and no line longer than 76 characters. A line that starts with "From "
// has its "F" encoded so that mbox-style stores cannot mangle it; a leading "."
// is left alone: dot-stuffing is the SMTP client's job.
std::string quoted_printable_encode(std::string_view text);

// Throws std::invalid_argument when `text` holds CR, LF or any other control
// character except tab: what could end a header line and start another.
void check_header_text(std::string_view text);

// Header text as 7-bit ASCII, folded to fit lines of at most 76 characters.
// `used` is how much of the first line the field name takes ("Subject: " is 9).
// Printable ASCII stays readable (folded at spaces); anything else becomes
// UTF-8 "B" encoded words, split between characters, never inside one.
// Throws like check_header_text().
std::string encode_header_text(std::string_view text, std::size_t used);

}  // namespace qself::mail
