// kafka-consumer-groups.sh --describe --group g (or --all-groups): per group, a header line
//   GROUP  TOPIC  PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG  CONSUMER-ID  HOST  CLIENT-ID
// and one row per partition, columns separated by spaces, "-" where the value is not known (no
// committed offset, no member). Several groups come one table after another; a group without
// members is announced by "Consumer group 'x' has no active members." before its table.
import { readHeaderTable } from './headerTable';
import { found, type ConsumerGroupsMeasurement, type GroupPartitionRow, type ParseResult } from './types';

const REQUIRED = ['TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG'] as const;
const KNOWN = new Set([
  'GROUP',
  ...REQUIRED,
  'CONSUMER-ID',
  'HOST',
  'CLIENT-ID',
  // Printed by some versions and options; read past, not used.
  'LEADER-EPOCH',
  'COORDINATOR',
  'ASSIGNMENT-STRATEGY',
  'STATE',
  '#MEMBERS',
]);

export function looksLikeGroupHeader(line: string): boolean {
  return /\bCURRENT-OFFSET\b/.test(line) && /\bLOG-END-OFFSET\b/.test(line);
}

const NO_MEMBERS = /^Consumer group '([^']*)' has no active members\.?$/i;
/** Other sentences the tool prints about a group: left out, not an error. */
const TOOL_NOTE = /^(Error: )?Consumer group '[^']*' (does not exist|is rebalancing)|^Warning: /i;

export function parseConsumerGroups(text: string): ParseResult<ConsumerGroupsMeasurement> {
  const inactive: string[] = [];
  const read = readHeaderTable<GroupPartitionRow>(text, {
    split: (line) => line.split(/\s+/),
    isHeader: looksLikeGroupHeader,
    headerProblem: (cells) => {
      const unknown = cells.filter((c) => !KNOWN.has(c));
      const missing = REQUIRED.filter((r) => !cells.includes(r));
      if (!unknown.length && !missing.length) return null;
      return `a header of kafka-consumer-groups --describe ${missing.length ? `needs ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `has unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : ''}`;
    },
    aside: (line) => {
      const noMembers = NO_MEMBERS.exec(line);
      if (noMembers) {
        inactive.push(noMembers[1]!);
        return 'taken';
      }
      return TOOL_NOTE.test(line) ? 'skip' : null;
    },
    logLines: 'beforeHeader',
    noHeader: (line) =>
      `expected the header of kafka-consumer-groups --describe (GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...) before any row, found ${found(line)}`,
    wrongWidth: (header, cells) =>
      `expected ${header.names.length} columns as the header on line ${header.line} has, found ${cells}`,
    row: (cell, n, problems) => {
      const whole = (name: string, allowUnknown: boolean): number | null => {
        const v = cell(name);
        if (v === null || (allowUnknown && v === '-')) return null;
        if (!/^\d+$/.test(v)) {
          problems.push(
            `line ${n}, column ${name}: expected a whole number${allowUnknown ? " or '-'" : ''}, found '${v}'`,
          );
          return null;
        }
        return Number(v);
      };
      const text = (name: string): string | null => {
        const v = cell(name);
        return v === null || v === '-' ? null : v;
      };
      const row: GroupPartitionRow = {
        line: n,
        group: text('GROUP') ?? '',
        topic: cell('TOPIC')!,
        partition: whole('PARTITION', false) ?? 0,
        currentOffset: whole('CURRENT-OFFSET', true),
        logEndOffset: whole('LOG-END-OFFSET', true),
        lag: whole('LAG', true),
        consumerId: text('CONSUMER-ID'),
        host: text('HOST'),
        clientId: text('CLIENT-ID'),
      };
      if (
        problems.length === 0 &&
        row.lag !== null &&
        row.currentOffset !== null &&
        row.logEndOffset !== null &&
        row.lag !== row.logEndOffset - row.currentOffset
      )
        problems.push(
          `line ${n}, column LAG: ${row.lag} is not LOG-END-OFFSET ${row.logEndOffset} minus CURRENT-OFFSET ${row.currentOffset}`,
        );
      return row;
    },
    noRows: () =>
      inactive.length
        ? `no partition rows: only "no active members" for ${inactive.join(', ')}`
        : 'no kafka-consumer-groups --describe table found (expected a GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ... header)',
  });
  if (!read.ok) return read;
  const { rows, skipped } = read.value;
  return { ok: true, value: { kind: 'consumerGroups', rows, inactiveGroups: inactive, skipped } };
}
