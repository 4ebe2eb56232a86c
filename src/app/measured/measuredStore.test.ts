import { beforeEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../worker/headless';
import { sparkDocument } from '../../measured/testDocs';
import { useDocumentStore } from '../store/documentStore';
import { producerCostPlan } from '../../measured';
import {
  currentPerfMode,
  runComparison,
  runFit,
  fitPlanFor,
  setMeasuredWorkerFactoryForTests,
  setText,
  setThrottled,
  useMeasuredStore,
} from './measuredStore';
import { measuredChartData } from './chartData';
import { useMeasuredMarks } from '../charts/measuredMarks';

/** The headless worker's code in-process behind the pool's worker interface. */
setMeasuredWorkerFactoryForTests(() => ({
  run: (request) => runHeadless(request, () => 0),
  terminate: () => {},
}));

const line = (rate: number) =>
  `2000000 records sent, ${rate} records/sec (${((rate * 200) / 2 ** 20).toFixed(2)} MB/sec), 40.00 ms avg latency, 300.00 ms max latency, 30 ms 50th, 90 ms 95th, 150 ms 99th, 280 ms 99.9th.`;

describe('the Measured tab state', () => {
  beforeEach(() => {
    useDocumentStore.setState({ doc: sparkDocument(100), past: [], future: [] });
    setText('');
    useMeasuredStore.setState({ comparison: null, status: 'idle', fit: { status: 'idle' } });
  });

  it('reads pasted text as it changes and names the bad line', () => {
    setText('nonsense');
    expect(useMeasuredStore.getState().parsed.state).toBe('error');
    setText(`\n${line(200000).replace('records/sec', 'rec/s')}`);
    const p = useMeasuredStore.getState().parsed;
    expect(p.state === 'error' && p.errors[0]).toMatch(/^line 2: expected 'records\/sec' after the rate/);
    setText(line(200000));
    expect(useMeasuredStore.getState().parsed.state).toBe('ok');
    expect(useMeasuredStore.getState().assignment).toEqual({ perf: 'web' });
    // The charts get the measured rate at once, and lose it with the text.
    expect(useMeasuredMarks.getState().marks.throughput?.[0]?.y).toBe(200000);
    setText('');
    expect(useMeasuredMarks.getState().marks).toEqual({});
  });

  it('compares in the (here in-process) worker, fits, writes the value into the document and compares again', async () => {
    setText(line(200000));
    await runComparison();
    const c = useMeasuredStore.getState().comparison!;
    expect(useMeasuredStore.getState().status).toBe('done');
    const rate = c.rows.find((r) => r.metric === 'records/sec')!;
    expect(rate.measured).toBe(200000);
    expect(rate.simulated).toBeGreaterThan(0);
    const chart = measuredChartData(c)!;
    expect(chart.reference?.y).toBe(200000);
    expect(chart.simulated.length).toBe(c.run.rows.length);
    // The machine's clock, when asked for; by default the producer's own client cost.
    const machine = fitPlanFor(c, rate, {}, 'machine')!;
    expect('kind' in machine && machine.kind).toBe('producerMachine');
    const plan = fitPlanFor(c, rate, {})!;
    if ('refused' in plan) throw new Error(plan.refused);
    expect(plan.kind).toBe('producerCost');
    await runFit(plan);
    const fit = useMeasuredStore.getState().fit;
    expect(fit.status).toBe('done');
    expect(fit.status === 'done' && fit.message).toMatch(
      /^producers\[web\]\.clientCostPerRecordUs = [\d.]+ \(was unset: the engine's estimate\)/,
    );
    const doc = useDocumentStore.getState().doc;
    // 200,000 records/s from one thread: about 5 µs a record.
    expect(doc.producers[0]!.clientCostPerRecordUs).toBeGreaterThan(4);
    expect(doc.producers[0]!.clientCostPerRecordUs).toBeLessThan(5.1);
    expect(doc.producers[0]!.host).toBeUndefined();
    expect(doc.producers[0]!.calibration?.measured).toBe(200000);
    // The table now describes the fitted document.
    const again = useMeasuredStore.getState().comparison!;
    expect(again.doc).toBe(doc);
    expect(Math.abs(again.rows.find((r) => r.metric === 'records/sec')!.error!)).toBeLessThan(0.01);
    // One undo step brings the old document back.
    useDocumentStore.getState().undo();
    expect(useDocumentStore.getState().doc.producers[0]!.clientCostPerRecordUs).toBeUndefined();
  }, 120_000);

  it("takes a run at the producer's own rate as held to it: compares at that rate and refuses to fit", async () => {
    // The test document's web is set to 4,000 records/s (Poisson); the "measured" run got 3,996.
    const held = line(3996.4).replace('2000000 records sent', '100000 records sent');
    setText(held);
    const mode = currentPerfMode()!;
    expect(mode).toMatchObject({ throttled: true, throughput: 4000, decidedBy: 'rate' });
    await runComparison();
    const c = useMeasuredStore.getState().comparison!;
    expect(c.mode?.throttled).toBe(true);
    const rate = c.rows.find((r) => r.metric === 'records/sec')!;
    // Held to 4,000 records/s the simulated test sends about that, not the hundreds of thousands
    // a flat-out client gets through.
    expect(rate.simulated).toBeGreaterThan(3800);
    expect(rate.simulated).toBeLessThan(4200);
    const plan = fitPlanFor(c, rate, {})!;
    expect('refused' in plan && plan.refused).toMatch(/^No fit from this run: .*--throughput -1/);
    // Nor does a plan made by hand get written.
    const byHand = producerCostPlan(c.doc, 'web', { recordsPerSec: 3996.4, records: 100000, line: 1 });
    await runFit(byHand);
    expect(useMeasuredStore.getState().fit).toMatchObject({ status: 'error' });
    expect(useDocumentStore.getState().doc.producers[0]!.clientCostPerRecordUs).toBeUndefined();

    // The user says it ran flat out: the comparison runs again that way, with a warning, and the
    // fit is offered.
    setThrottled(false);
    expect(currentPerfMode()!.warning).toMatch(/Yet it is taken as a run flat out/);
    await expect.poll(() => useMeasuredStore.getState().status).toBe('done');
    const flat = useMeasuredStore.getState().comparison!;
    expect(flat.mode?.throttled).toBe(false);
    expect(flat.rows.find((r) => r.metric === 'records/sec')!.simulated).toBeGreaterThan(40_000);
    expect('kind' in fitPlanFor(flat, flat.rows[0]!, {})!).toBe(true);
    // Another run pasted drops the user's word.
    setText(line(3990));
    expect(useMeasuredStore.getState().throttled).toBeNull();
  }, 120_000);
});
