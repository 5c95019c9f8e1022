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

RedisProcess::RedisProcess(std::string maxmemory) : m_maxmemory(std::move(maxmemory)) {
  for (int attempt = 0; attempt < 5 && m_pid < 0; ++attempt) start(free_port());
  if (m_pid < 0) throw std::runtime_error("redis-server did not start (is it installed?)");
}

bool RedisProcess::start(int port) {
  m_port = port;
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);  // its start-up banner and warnings are noise in test output
    const std::string port_text = std::to_string(port);
    execlp("redis-server", "redis-server", "--port", port_text.c_str(), "--bind", "127.0.0.1", "--save", "",
           "--appendonly", "no", "--maxmemory", m_maxmemory.c_str(), "--maxmemory-policy", "volatile-lru", "--loglevel",
           "warning", static_cast<char*>(nullptr));
    _exit(127);
  }
  redis::Config config;
  config.port = port;
  redis::Client redis(config);
  for (int i = 0; i < 100; ++i) {
    if (owns_listening_port(pid, port) && redis.ping()) {
      m_pid = pid;
      return true;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) return false;  // it could not bind: the port was taken
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (::kill(pid, SIGKILL) == 0) waitpid(pid, nullptr, 0);
  return false;
}

void RedisProcess::kill_hard() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }
}

void RedisProcess::start_again() {
  kill_hard();
  if (!start(m_port)) throw std::runtime_error("redis-server could not start again on its port");
}

RedisProcess::~RedisProcess() { kill_hard(); }

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
