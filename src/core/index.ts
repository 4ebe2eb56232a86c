// Public face of the simulation core.
export { Simulation, type SimulationOptions } from './engine/simulation';
export type { RunSummary, LatencySummary } from './engine/summary';
export type { Series } from './metrics/ticker';
export { TICK_MS } from './metrics/ticker';
