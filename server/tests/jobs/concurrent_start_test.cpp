// `qself serve`, `worker` and `scheduler` started at the same moment on a new
// database all start: they migrate one after the other, never "database is locked".

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "jobs/jobs_fixture.hpp"

using qself::testing::JobsTest;
using qself::testing::ServerProcess;

TEST_F(JobsTest, ServeWorkerAndSchedulerStartedTogetherOnANewDatabaseAllStart) {
  for (int round = 0; round < 5; ++round) {
    const std::string data = dir.path() + "/round" + std::to_string(round);
    std::vector<std::string> commands = {"serve", "worker", "scheduler"};
    std::vector<std::unique_ptr<ServerProcess>> started(commands.size());
    std::vector<std::string> failures(commands.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < commands.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          started[i] = start(commands[i], {{"QSELF_DATA_DIR", data}});
        } catch (const std::exception& error) {
          failures[i] = error.what();
        }
      });
    }
    for (auto& thread : threads) thread.join();
    for (std::size_t i = 0; i < commands.size(); ++i) {
      EXPECT_TRUE(started[i]) << "round " << round << ": " << commands[i] << ": " << failures[i];
    }
  }
}
