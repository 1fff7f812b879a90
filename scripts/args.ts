/**
 * The command-line numbers of the self-play scripts (`--games 200 --seed 1`): a whole number at or
 * above `min`, or the fallback; anything else prints the script's usage and exits with 2.
 */
export function numberArgs(usage: string, min = 0): (name: string, fallback: number) => number {
  return (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isInteger(v) || v < min) {
      console.error(`usage: ${usage}  (bad --${name})`);
      process.exit(2);
    }
    return v;
  };
}
