#include "support/haproxy_process.hpp"

#include <fstream>

namespace qself::testing {

HaproxyProcess::HaproxyProcess(const std::vector<int>& backend_ports) : FrontProxy(backend_ports) {
  start("haproxy", [this] { return launch(); });
}

FrontProxy::Launch HaproxyProcess::launch() const {
  ShippedConfig config("deploy/haproxy/haproxy.cfg");
  config.replace("    log /dev/log local0\n", "");
  config.replace("    bind :80\n", "    bind 127.0.0.1:" + std::to_string(port()) + "\n");
  // As the guide's /etc/haproxy/certs/*.pem: key and chain in one file.
  config.replace("    bind :443 ssl crt /etc/haproxy/certs/track.example.org.pem alpn h2,http/1.1\n",
                 "    bind 127.0.0.1:" + std::to_string(tls_port()) + " ssl crt " + certificate().combined +
                     " alpn h2,http/1.1\n");
  config.replace("    http-request redirect scheme https unless { ssl_fc }\n", "");
  config.replace("    default-server inter 2s fall 2 rise 2 maxconn 512\n",
                 "    default-server inter 200ms fall 2 rise 2 maxconn 512\n");
  std::string servers;
  for (std::size_t i = 0; i < backend_ports().size(); ++i) {
    servers +=
        "    server app" + std::to_string(i + 1) + " 127.0.0.1:" + std::to_string(backend_ports()[i]) + " check\n";
  }
  config.replace("    server app1 10.0.0.11:8080 check\n    server app2 10.0.0.12:8080 check\n", servers);
  const std::string path = dir() + "/haproxy.cfg";
  std::ofstream(path) << config.text();
  return {config.text(), {"haproxy", "-db", "-f", path}};
}

}  // namespace qself::testing
