// Closed forms of the textbook queues the engine is checked against. Rates are per second, times
// in seconds (callers scale). Each needs rho < 1: a queue past capacity has no steady state.

function requireStable(rho: number): void {
  if (!(rho >= 0 && rho < 1)) throw new Error(`utilisation ${rho} has no steady state (needs 0 <= rho < 1)`);
}

/** M/M/1: Poisson arrivals (lambda), one server with exponential service (mu), first come first served. */
export function mm1(lambda: number, mu: number) {
  const rho = lambda / mu;
  requireStable(rho);
  return {
    rho,
    /** Mean time in system, 1 / (mu - lambda). */
    w: 1 / (mu - lambda),
    /** Mean wait before service, rho / (mu - lambda). */
    wq: rho / (mu - lambda),
    /** The p-quantile (0 < p < 1) of the time in system, which is exponential with rate mu - lambda. */
    timeInSystemQuantile: (p: number) => -Math.log(1 - p) / (mu - lambda),
  };
}

/** M/D/1: Poisson arrivals, one server taking exactly 1/mu per customer (Pollaczek-Khinchine). */
export function md1(lambda: number, mu: number) {
  const rho = lambda / mu;
  requireStable(rho);
  const wq = rho / (2 * mu * (1 - rho));
  return { rho, wq, w: wq + 1 / mu };
}

/** Erlang C: the chance that an arrival to an M/M/c queue finds every server busy and waits. */
export function erlangC(c: number, offeredLoad: number): number {
  requireStable(offeredLoad / c);
  // Terms a^k / k! built one from the last, so no factorial overflows.
  let term = 1;
  let below = 0;
  for (let k = 0; k < c; k++) {
    below += term;
    term *= offeredLoad / (k + 1);
  }
  const top = (term * c) / (c - offeredLoad);
  return top / (below + top);
}

/** M/M/c: Poisson arrivals, c identical exponential servers sharing one first-come-first-served queue. */
export function mmc(lambda: number, mu: number, c: number) {
  const a = lambda / mu;
  const waitChance = erlangC(c, a);
  const drain = c * mu - lambda;
  return {
    rho: a / c,
    waitChance,
    wq: waitChance / drain,
    w: waitChance / drain + 1 / mu,
    /**
     * The p-quantile of the wait before service: P(Wq > t) = C e^{-(c mu - lambda) t}, so the
     * quantile is 0 while 1 - p >= C (that share of arrivals does not wait at all).
     */
    waitQuantile: (p: number) => (1 - p >= waitChance ? 0 : Math.log(waitChance / (1 - p)) / drain),
  };
}
