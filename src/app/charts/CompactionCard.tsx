// Compacted topics over the run: each one's size on disk (one replica), which climbs with the writes
// and drops in steps as the cleaner passes, the cleaners' reads and writes beside it, and how long
// a reader starting from offset 0 would take to rebuild every key's latest value, with the restores
// the run really simulated marked where they finished.
import { useMemo } from 'react';
import { ChartCard, ViewChart } from './ChartCard';
import { useRunStore } from '../run/runStore';
import { type CompactionRoles, logSizePoints, ranRestoreMarks, restorePoints } from './compactionDerive';
import { stackedStyles } from './lineStyle';
import { CHART_COLORS, type LineSpec } from './TimeChart';
import type { ChartView } from './useChartView';

export function CompactionCard({ roles }: { roles: CompactionRoles }) {
  return (
    <ChartCard
      testId="chart-compaction"
      title="Compacted topics"
      note="log size on disk (one replica), the log cleaner's reads and writes (all brokers), and the time a reader from offset 0 takes to restore every key"
      wide
    >
      {(view) => <CompactionCharts view={view} roles={roles} />}
    </ChartCard>
  );
}

function CompactionCharts({ view, roles }: { view: ChartView; roles: CompactionRoles }) {
  // Two topics (or two readers of one topic) can draw the very same line: each has its own width,
  // dash and layer (stackedStyles) so the one underneath stays in sight.
  const sizeLines = useMemo<LineSpec[]>(
    () =>
      stackedStyles(
        roles.topics.map((id, i) => ({
          key: id,
          name: `${id} log size`,
          color: CHART_COLORS[i % CHART_COLORS.length]!,
        })),
      ),
    [roles],
  );
  const ioLines = useMemo<LineSpec[]>(
    () => [
      { key: 'cleanerRead', name: 'Cleaner reads', color: CHART_COLORS[3]!, dashed: true },
      { key: 'cleanerWrite', name: 'Cleaner writes', color: CHART_COLORS[4]!, dashed: true },
    ],
    [],
  );
  const restoreLines = useMemo<LineSpec[]>(
    () =>
      stackedStyles(
        roles.restorers.map((id, i) => ({
          key: id,
          // The legend says once what the lines are (unitNote); each line is named by its reader.
          name: id,
          color: CHART_COLORS[(i + 5) % CHART_COLORS.length]!,
        })),
      ),
    [roles],
  );
  const deriveSize = useMemo(() => (rows: number[][]) => logSizePoints(rows, roles), [roles]);
  const deriveRestore = useMemo(() => (rows: number[][]) => restorePoints(rows, roles), [roles]);
  const restores = useRunStore((s) => s.live?.restores);
  const ran = useMemo(() => ranRestoreMarks(restores, roles.restorers), [restores, roles]);
  return (
    <div className="chart-pair chart-trio" data-testid="compaction-charts">
      <ViewChart view={view} derive={deriveSize} lines={sizeLines} unit="MB" />
      <ViewChart view={view} derive={deriveSize} lines={ioLines} unit="MB/s" />
      {restoreLines.length > 0 && (
        <ViewChart
          view={view}
          derive={deriveRestore}
          lines={restoreLines}
          unit="s"
          unitNote="a restore from offset 0 would take"
          measured={ran}
        />
      )}
    </div>
  );
}
