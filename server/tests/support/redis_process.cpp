#include "support/redis_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include "redis/client.hpp"

namespace qself::testing {

RedisProcess::RedisProcess() {
  for (int attempt = 0; attempt < 5 && m_pid < 0; ++attempt) {
    m_port = free_port();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);  // its start-up banner and warnings are noise in test output
      const std::string port = std::to_string(m_port);
      execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--loglevel", "warning", static_cast<char*>(nullptr));
      _exit(127);
    }
    redis::Config config;
    config.port = m_port;
    redis::Client redis(config);
    for (int i = 0; i < 100; ++i) {
      if (owns_listening_port(pid, m_port) && redis.ping()) {
        m_pid = pid;
        break;
      }
      if (waitpid(pid, nullptr, WNOHANG) == pid) break;  // it could not bind: the port was taken
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (m_pid < 0 && ::kill(pid, SIGKILL) == 0) waitpid(pid, nullptr, 0);
  }
  if (m_pid < 0) throw std::runtime_error("redis-server did not start (is it installed?)");
}

RedisProcess::~RedisProcess() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
}

std::string RedisProcess::cli(const std::string& command) const {
  const std::string line = "redis-cli -p " + std::to_string(m_port) + " " + command;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(line.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run redis-cli");
  std::string output;
  std::array<char, 256> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
  return output;
}

}  // namespace qself::testing
