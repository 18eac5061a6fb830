/**
 * Progress for long CLI work: a live bar with rate and ETA on a terminal, a line every few seconds
 * otherwise (CI logs, pipes), always on stderr so stdout stays clean for results.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  start(label: string, total: number): void;
  update(value: number, rows?: number): void;
  stop(): void;
}

export function progress(quiet = false): Progress {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: '{label} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = 0;
    return {
      start(label, total) {
        started = performance.now();
        bar.start(total, 0, { label, rows: 0, rate: 0 });
      },
      update(value, rows = value) {
        const seconds = (performance.now() - started) / 1000;
        bar.update(value, { rows: rows.toLocaleString('en'), rate: seconds > 0 ? Math.round(rows / seconds).toLocaleString('en') : 0 });
      },
      stop: () => bar.stop(),
    };
  }
  let label = '';
  let total = 0;
  let started = 0;
  let lastPrint = 0;
  return {
    start(l, t) {
      label = l;
      total = t;
      started = lastPrint = performance.now();
      process.stderr.write(`${label}…\n`);
    },
    update(value, rows = value) {
      const now = performance.now();
      if (now - lastPrint < 5000 && value < total) return;
      lastPrint = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? rows / seconds : 0;
      const eta = value > 0 && value < total ? Math.round(((total - value) / value) * seconds) : 0;
      process.stderr.write(
        `${label}: ${Math.floor((value / Math.max(total, 1)) * 100)}% | ${rows.toLocaleString('en')} rows | ${Math.round(rate).toLocaleString('en')} rows/s | ETA ${eta}s\n`,
      );
    },
    stop() {},
  };
}
