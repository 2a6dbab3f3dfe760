/** Shared set-up of every jest project: a test that makes no assertion fails instead of passing silently. */
beforeEach(() => {
  expect.hasAssertions();
});
