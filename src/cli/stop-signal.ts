// SIGINT/SIGTERM for `docket serve`, listened for from the very start of the process (bin/docket.js loads
// this before anything heavy): a stop asked for while modules load or migrations run (a restart loop, a
// deploy) must end in a clean exit 0, not the default death by signal halfway through start-up.
let requested = false;

export const stopRequested = new Promise<void>((resolve) => {
  const stop = () => {
    requested = true;
    resolve();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

export function stopping(): boolean {
  return requested;
}
