#include "support/ports.hpp"

#include <Poco/Net/ServerSocket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace qself::testing {
namespace {

// The inodes of sockets listening on 127.0.0.1:port, from /proc/net/tcp.
std::set<std::string> listening_inodes(int port) {
  char local[32];
  std::snprintf(local, sizeof local, "0100007F:%04X", static_cast<unsigned>(port));
  std::set<std::string> inodes;
  std::ifstream table("/proc/net/tcp");
  std::string line;
  std::getline(table, line);  // the header
  while (std::getline(table, line)) {
    std::istringstream fields(line);
    std::string slot, local_address, remote_address, state, queues, timer, retransmits, uid, timeout, inode;
    fields >> slot >> local_address >> remote_address >> state >> queues >> timer >> retransmits >> uid >> timeout >>
        inode;
    if (local_address == local && state == "0A") inodes.insert(inode);  // 0A: LISTEN
  }
  return inodes;
}

}  // namespace

int free_port() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  return socket.address().port();
}

bool owns_listening_port(pid_t pid, int port) {
  const auto inodes = listening_inodes(port);
  if (inodes.empty()) return false;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", error)) {
    const auto target = std::filesystem::read_symlink(entry.path(), error).string();
    if (target.starts_with("socket:[") && inodes.count(target.substr(8, target.size() - 9))) return true;
  }
  return false;
}

ClosedPort::ClosedPort() {
  m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(m_fd);
    throw std::runtime_error("cannot hold a closed port");
  }
  m_port = ntohs(address.sin_port);
}

ClosedPort::~ClosedPort() { ::close(m_fd); }

}  // namespace qself::testing
