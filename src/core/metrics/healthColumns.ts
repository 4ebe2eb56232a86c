// Series columns that say where a pipeline is limited, not how much it moves: each partition's
// share of its topic, who reads it and how fast each group member goes, which brokers are down or
// cut off and which partitions have no leader clients can reach, and the slowest first-stage task
// of a Spark job's batches. The worker's bottleneck marks read them; they also land in the CSV.
// Columns cover what the document starts with: partitions and members added by faults count in
// the topic's and the group's totals only.
import type { Simulation } from '../engine/simulation';

export class HealthColumns {
  readonly columns: string[] = [];
  /** Cumulative counters at the last sample, for per-second differences. */
  private readonly appendedSeen: number[][];
  private readonly processedSeen: number[][];
  /** Partitions each group had at the start: its owner columns. */
  private readonly ownerColumns: number[];

  constructor(private readonly sim: Simulation) {
    const c = this.columns;
    this.appendedSeen = [];
    for (const [id, t] of sim.topics) {
      t.partitions.forEach((_, i) => c.push(`${id}.appended.p${i}`));
      c.push(`${id}.leaderless`);
      this.appendedSeen.push(t.partitions.map((p) => p.totalAppended));
    }
    this.processedSeen = [];
    this.ownerColumns = sim.groups.map((g) => g.partitions.length);
    for (const g of sim.groups) {
      const id = g.doc.id;
      g.partitions.forEach((_, i) => c.push(`${id}.owner.p${i}`));
      g.members.forEach((_, k) => c.push(`${id}.member${k}.processed`));
      this.processedSeen.push(g.members.map((m) => m.processed));
    }
    for (const b of sim.brokers) c.push(`${b.id}.down`, `${b.id}.cutOff`);
    for (const j of sim.jobs) c.push(`${j.doc.id}.slowestTaskMs`, `${j.doc.id}.medianTaskMs`);
    // Executors registered at the end of the second, and those of them the read stage (one task per
    // Kafka partition) leaves without a task.
    for (const j of sim.jobs) c.push(`${j.doc.id}.executors`, `${j.doc.id}.idleInReadStage`);
  }

  /** One row's worth of values, in the order of `columns`, for the second since `from`. */
  sample(from: number): number[] {
    const sim = this.sim;
    const row: number[] = [];
    let k = 0;
    for (const t of sim.topics.values()) {
      const seen = this.appendedSeen[k++]!;
      let leaderless = 0;
      for (let i = 0; i < seen.length; i++) {
        const p = t.partitions[i]!;
        row.push(p.totalAppended - seen[i]!);
        seen[i] = p.totalAppended;
      }
      // A partition whose leader is down or cut off from clients takes no writes and serves no
      // reads until the controller moves it, whatever Kafka's metadata still says.
      for (const p of t.partitions)
        if (p.offline || !(sim.brokers[p.leader]?.reachableByClients ?? false)) leaderless++;
      row.push(leaderless);
    }
    sim.groups.forEach((g, gi) => {
      const seen = this.processedSeen[gi]!;
      for (let i = 0; i < this.ownerColumns[gi]!; i++) row.push(g.owner[i] ?? -1);
      for (let m = 0; m < seen.length; m++) {
        const member = g.members[m]!;
        row.push(member.processed - seen[m]!);
        seen[m] = member.processed;
      }
    });
    for (const b of sim.brokers)
      // A restarted broker the controller has not let in yet is neither: it is rejoining.
      row.push(b.up ? 0 : 1, b.up && !b.rejoining && !(b.reachableByClients && b.reachableByBrokers) ? 1 : 0);
    for (const j of sim.jobs) {
      // The batches that completed in the last second: the slowest first-stage task among them.
      let slowest = 0;
      let median = 0;
      for (let i = j.recentBatches.length - 1; i >= 0; i--) {
        const b = j.recentBatches[i]!;
        if (b.batchTime + b.totalDelayMs <= from) break;
        if (b.slowestTaskMs > slowest) {
          slowest = b.slowestTaskMs;
          median = b.medianTaskMs;
        }
      }
      row.push(slowest, median);
    }
    for (const j of sim.jobs) {
      const cores = j.doc.config['spark.executor.cores'];
      row.push(j.executors, Math.max(0, j.executors - Math.ceil(j.readTasks / cores)));
    }
    return row;
  }
}
