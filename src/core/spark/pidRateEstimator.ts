// Spark Streaming's backpressure rate estimator (PIDRateEstimator), reproduced formula for formula so the simulated
// ingestion rate reacts to slow batches the way a real job does.

export interface PidSettings {
  batchIntervalMs: number;
  proportional: number;
  integral: number;
  derivative: number;
  minRate: number;
}

/** Spark's defaults for spark.streaming.backpressure.pid.{proportional, integral, derived, minRate}. */
export const PID_DEFAULTS: { proportional: 1; integral: 0.2; derivative: 0; minRate: 100 } = {
  proportional: 1,
  integral: 0.2,
  derivative: 0,
  minRate: 100,
};

export class PidRateEstimator {
  private readonly settings: PidSettings;
  private firstRun = true;
  // Spark starts latestTime at -1 so that a first batch ending at time 0 is still accepted.
  private latestTime = -1;
  private rate = -1;
  private latestError = -1;

  constructor(settings: PidSettings) {
    const { batchIntervalMs, proportional, integral, derivative, minRate } = settings;
    // The negated comparisons also reject NaN.
    if (!(batchIntervalMs > 0)) throw new Error(`batchIntervalMs must be > 0, got ${batchIntervalMs}`);
    if (!(proportional >= 0)) throw new Error(`proportional must be >= 0, got ${proportional}`);
    if (!(integral >= 0)) throw new Error(`integral must be >= 0, got ${integral}`);
    if (!(derivative >= 0)) throw new Error(`derivative must be >= 0, got ${derivative}`);
    if (!(minRate > 0)) throw new Error(`minRate must be > 0, got ${minRate}`);
    this.settings = { ...settings };
  }

  /**
   * Feed one completed batch; returns the new rate (records/s) or undefined. The first accepted call only primes
   * the state, because with no previous rate there is no error to correct yet.
   */
  compute(
    timeMs: number,
    numElements: number,
    processingDelayMs: number,
    schedulingDelayMs: number,
  ): number | undefined {
    // Batches out of order, empty, or with no measurable processing time say nothing about throughput.
    if (!(timeMs > this.latestTime && numElements > 0 && processingDelayMs > 0)) return undefined;
    const { batchIntervalMs, proportional, integral, derivative, minRate } = this.settings;
    const delaySinceUpdate = (timeMs - this.latestTime) / 1000;
    const processingRate = (numElements / processingDelayMs) * 1000;
    const error = this.rate - processingRate;
    // Scheduling delay means a backlog built up; this estimates how many records/s of backlog that represents.
    const historicalError = (schedulingDelayMs * processingRate) / batchIntervalMs;
    const dError = (error - this.latestError) / delaySinceUpdate;
    const newRate = Math.max(
      this.rate - proportional * error - integral * historicalError - derivative * dError,
      minRate,
    );
    this.latestTime = timeMs;
    if (this.firstRun) {
      this.rate = processingRate;
      this.latestError = 0;
      this.firstRun = false;
      return undefined;
    }
    this.rate = newRate;
    this.latestError = error;
    return newRate;
  }

  /** Last estimated rate in records/s; -1 before the first estimate. */
  get latestRate(): number {
    return this.rate;
  }
}
