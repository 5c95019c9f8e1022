#include "util/tls.hpp"

#include <Poco/Net/IPAddress.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace qself::util {

Poco::Net::Context::Ptr verified_client_context(const std::string& host, const std::string& ca_location) {
  // Context::Ptr (a Poco::AutoPtr) takes ownership of the new Context.
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, ca_location,
                                                           Poco::Net::Context::VERIFY_RELAXED, 9, false, "DEFAULT");
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  SSL_CTX* ssl_context = context->sslContext();
  // Poco's verify callback defers a bad certificate to Poco's SSLManager, which
  // builds its handler from the application config; the default one asks on
  // the console whether to trust the certificate. OpenSSL's own check simply
  // fails the handshake, which is the only answer wanted here.
  SSL_CTX_set_verify(ssl_context, SSL_VERIFY_PEER, nullptr);
  // The name is checked by OpenSSL during the handshake, so it holds even for
  // loopback hosts (Poco skips its own name check for those) and even when a
  // handshake is finished lazily by a later read.
  X509_VERIFY_PARAM* params = SSL_CTX_get0_param(ssl_context);
  X509_VERIFY_PARAM_set_hostflags(params, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  Poco::Net::IPAddress address;
  const bool named = Poco::Net::IPAddress::tryParse(host, address)
                         ? X509_VERIFY_PARAM_set1_ip_asc(params, host.c_str()) == 1
                         : X509_VERIFY_PARAM_set1_host(params, host.c_str(), host.size()) == 1;
  if (!named) throw std::invalid_argument("cannot check certificates for this host");
  return context;
}

}  // namespace qself::util
