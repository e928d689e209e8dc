/* global require, module */
/**
 * A Node test environment that skips the rest of a test file once one of its
 * tests has failed. Only the mutation runs use it (stryker*.config.*): the
 * jest runner has no bail of its own, so every mutant ran each covering file
 * to its end even after the first failing test had already killed it.
 * jest-circus announces each test (test_start) before deciding whether it is
 * skipped, so marking it skipped there is enough.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TestEnvironment } = require("jest-environment-node");

class BailEnvironment extends TestEnvironment {
  failed = false;

  async handleTestEvent(event) {
    if (event.name === "test_done" && event.test.errors.length > 0) this.failed = true;
    else if (event.name === "hook_failure") this.failed = true;
    else if (event.name === "test_start" && this.failed) event.test.mode = "skip";
  }
}

module.exports = BailEnvironment;
