#include "support/nginx_process.hpp"

#include <pwd.h>
#include <unistd.h>

#include <fstream>

namespace qself::testing {
namespace {

// What Debian's /etc/nginx/nginx.conf gives a site, with every path that
// nginx writes moved into `dir`. Started as root, nginx would run its workers
// as nobody, who cannot write there: they run as the test's user instead.
std::string main_config(const std::string& dir, const std::string& log, const std::string& site) {
  std::string user;
  if (geteuid() == 0) user = "user " + std::string(getpwuid(geteuid())->pw_name) + ";\n";
  return user + "daemon off;\nworker_processes 1;\npid " + dir + "/nginx.pid;\nerror_log " + log +
         ";\nevents {\n    worker_connections 256;\n}\nhttp {\n    access_log " + dir +
         "/access.log;\n    client_body_temp_path " + dir + "/body;\n    proxy_temp_path " + dir +
         "/proxy;\n    fastcgi_temp_path " + dir + "/fastcgi;\n    uwsgi_temp_path " + dir +
         "/uwsgi;\n    scgi_temp_path " + dir + "/scgi;\n    include " + site + ";\n}\n";
}

}  // namespace

NginxProcess::NginxProcess(int backend_port) : FrontProxy({backend_port}) {
  start("nginx", [this] { return launch(); });
}

FrontProxy::Launch NginxProcess::launch() const {
  ShippedConfig site("deploy/nginx/qself.conf");
  site.replace("    server 127.0.0.1:8080 max_fails=2 fail_timeout=5s;\n",
               "    server 127.0.0.1:" + std::to_string(backend_ports().front()) + " max_fails=2 fail_timeout=5s;\n");
  site.replace("    listen 80;\n    listen [::]:80;\n", "    listen 127.0.0.1:" + std::to_string(port()) + ";\n");
  site.replace("    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n",
               "    listen 127.0.0.1:" + std::to_string(tls_port()) + " ssl http2;\n");
  site.replace(
      "    ssl_certificate     /etc/letsencrypt/live/track.example.org/fullchain.pem;\n"
      "    ssl_certificate_key /etc/letsencrypt/live/track.example.org/privkey.pem;\n",
      "    ssl_certificate     " + certificate().certificate + ";\n    ssl_certificate_key " + certificate().key +
          ";\n");
  const std::string site_path = dir() + "/qself.conf";
  std::ofstream(site_path) << site.text();
  const std::string path = dir() + "/nginx.conf";
  const std::string config = main_config(dir(), log_path(), site_path);
  std::ofstream(path) << config;
  // -e: where it logs before it has read the configuration.
  return {config + "\n# " + site_path + ":\n" + site.text(), {"nginx", "-p", dir(), "-e", log_path(), "-c", path}};
}

}  // namespace qself::testing
