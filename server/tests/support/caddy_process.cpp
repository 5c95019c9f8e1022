#include "support/caddy_process.hpp"

#include <fstream>

namespace qself::testing {

CaddyProcess::CaddyProcess(int backend_port) : FrontProxy({backend_port}) {
  start("caddy", [this] { return launch(); });
}

FrontProxy::Launch CaddyProcess::launch() const {
  ShippedConfig config("deploy/caddy/Caddyfile");
  // Global options: the ports of its HTTPS site and of its redirect from HTTP.
  config.prepend("{\n\tadmin off\n\thttp_port " + std::to_string(port()) + "\n\thttps_port " +
                 std::to_string(tls_port()) + "\n}\n");
  config.replace("track.example.org {\n", "track.example.org {\n\tbind 127.0.0.1\n\ttls " + certificate().certificate +
                                              " " + certificate().key + "\n");
  config.replace("\treverse_proxy 127.0.0.1:8080 {\n",
                 "\treverse_proxy 127.0.0.1:" + std::to_string(backend_ports().front()) + " {\n");
  const std::string path = dir() + "/Caddyfile";
  std::ofstream(path) << config.text();
  return {config.text(),
          {"env", "HOME=" + dir(), "XDG_CONFIG_HOME=" + dir() + "/config", "XDG_DATA_HOME=" + dir() + "/data", "caddy",
           "run", "--adapter", "caddyfile", "--config", path}};
}

}  // namespace qself::testing
