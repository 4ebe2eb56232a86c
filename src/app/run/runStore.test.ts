import { describe, expect, it } from 'vitest';
import { MAX_ROWS } from '../../whatif/history';
import { appendRows } from './runStore';

describe('appendRows', () => {
  it("keeps the whole run, merging by each column's name once past the limit", () => {
    const columns = ['second', 'web.produced', 'latency.p99'];
    const fresh = Array.from({ length: MAX_ROWS + 1 }, (_, i) => (i === 0 ? [1, 10, 500] : [i + 1, 20, 100]));
    const s = appendRows({ rows: [], spans: [], columns }, fresh);
    expect(s.rows).toHaveLength(MAX_ROWS);
    // Seconds 1 and 2 became one row: the mean rate, the higher p99, ending at second 2.
    expect(s.rows[0]).toEqual([2, 15, 500]);
    expect(s.spans[0]).toBe(2);
    expect(s.rows[MAX_ROWS - 1]).toEqual([MAX_ROWS + 1, 20, 100]);
    const same = { rows: s.rows, spans: s.spans, columns };
    expect(appendRows(same, []).rows).toBe(s.rows);
  });
});
