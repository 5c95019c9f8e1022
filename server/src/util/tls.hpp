#pragma once
// The TLS settings of qself's outgoing connections (SMTP, Web Push): TLS 1.2
// or newer, the peer's certificate verified against trusted authorities and
// required to name the host dialled.

#include <Poco/Net/Context.h>

#include <string>

namespace qself::util {

// A client context for one connection to `host` (a name or an IP address).
// `ca_location` is a directory of hashed certificates or one PEM file. Throws
// std::invalid_argument when `host` cannot be checked against a certificate.
Poco::Net::Context::Ptr verified_client_context(const std::string& host, const std::string& ca_location);

}  // namespace qself::util
