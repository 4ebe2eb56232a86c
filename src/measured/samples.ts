// Sample outputs written for Streamlab's tests in the formats the tools print (not copied from any
// real run): a producer perf test with progress lines and its summary, a consumer perf test, two
// groups described (one without members), and Spark progress as a single object, as one per line
// and inside a driver log.

export const PRODUCER_PERF_RUN = `[2026-03-02 09:14:01,221] WARN The configuration 'foo' was supplied but isn't a known config.
1228701 records sent, 245740.2 records/sec (23.44 MB/sec), 97.3 ms avg latency, 412.0 ms max latency.
1302010 records sent, 260402.0 records/sec (24.83 MB/sec), 88.1 ms avg latency, 301.0 ms max latency.
1269289 records sent, 253857.8 records/sec (24.21 MB/sec), 91.6 ms avg latency, 356.0 ms max latency.
4000000 records sent, 253172.937400 records/sec (24.14 MB/sec), 92.31 ms avg latency, 412.00 ms max latency, 71 ms 50th, 244 ms 95th, 331 ms 99th, 398 ms 99.9th.
`;

export const PRODUCER_PERF_SUMMARY =
  '5000000 records sent, 180000.5 records/sec (17.17 MB/sec), 12.50 ms avg latency, 250.00 ms max latency, 8 ms 50th, 40 ms 95th, 120 ms 99th, 210 ms 99.9th.';

export const CONSUMER_PERF_RUN = `start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
2026-03-02 09:20:11:042, 2026-03-02 09:20:24:518, 381.4697, 28.3073, 4000000, 296823.8, 3021, 10455, 36.4868, 382592.1
`;

export const GROUPS_DESCRIBE = `
Consumer group 'audit-replay' has no active members.

GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                     HOST            CLIENT-ID
audit-replay    payments        0          10400           10950           550             -                                               -               -
audit-replay    payments        1          10380           10960           580             -                                               -               -

GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID                                     HOST            CLIENT-ID
fulfilment      orders          0          882100          882412          312             consumer-fulfilment-1-3b9e2c4a-77d0-4b11-9f0a   /10.1.4.21      consumer-fulfilment-1
fulfilment      orders          1          879954          880301          347             consumer-fulfilment-1-3b9e2c4a-77d0-4b11-9f0a   /10.1.4.21      consumer-fulfilment-1
fulfilment      orders          2          -               881020          -               consumer-fulfilment-2-8c1d5e6f-1a2b-4c3d-8e9f   /10.1.4.22      consumer-fulfilment-2
`;

const progress = (batchId: number, rows: number, inRate: number, procRate: number, trigger: number) =>
  `{"id":"6a1f0c2e-4b7d-4e11-9c55-2f0d8e7a3b10","runId":"c3d2e1f0-aaaa-4bbb-8ccc-123456789abc","name":"fraud-scoring","timestamp":"2026-03-02T09:30:${String(10 + 2 * (batchId - 41)).padStart(2, '0')}.000Z","batchId":${batchId},"numInputRows":${rows},"inputRowsPerSecond":${inRate},"processedRowsPerSecond":${procRate},"durationMs":{"addBatch":${trigger - 120},"getBatch":3,"latestOffset":9,"queryPlanning":41,"triggerExecution":${trigger},"walCommit":38},"eventTime":{"watermark":"2026-03-02T09:29:50.000Z"},"stateOperators":[],"sources":[{"description":"KafkaV2[Subscribe[payments]]","startOffset":{"payments":{"0":100}},"endOffset":{"payments":{"0":200}},"latestOffset":{"payments":{"0":200}},"numInputRows":${rows},"inputRowsPerSecond":${inRate},"processedRowsPerSecond":${procRate},"metrics":{"avgOffsetsBehindLatest":"0.0","maxOffsetsBehindLatest":"0","minOffsetsBehindLatest":"0"}}],"sink":{"description":"ForeachBatchSink","numOutputRows":-1}}`;

/** Three batches, one object per line, as a listener that logs lastProgress writes them. */
export const SPARK_PROGRESS_LINES = [
  progress(41, 6000, 2990.5, 4615.4, 1300),
  progress(42, 6100, 3050.0, 4692.3, 1300),
  progress(43, 5900, 2950.0, 4538.5, 1300),
].join('\n');

/** One progress, pretty-printed inside a driver log as MicroBatchExecution logs it. */
export const SPARK_PROGRESS_LOG = `26/03/02 09:30:12 INFO MicroBatchExecution: Streaming query made progress: {
  "id" : "6a1f0c2e-4b7d-4e11-9c55-2f0d8e7a3b10",
  "runId" : "c3d2e1f0-aaaa-4bbb-8ccc-123456789abc",
  "name" : null,
  "timestamp" : "2026-03-02T09:30:10.000Z",
  "batchId" : 7,
  "numInputRows" : 1500,
  "inputRowsPerSecond" : 1498.5,
  "processedRowsPerSecond" : 3750.0,
  "durationMs" : {
    "addBatch" : 310,
    "getBatch" : 2,
    "latestOffset" : 6,
    "queryPlanning" : 30,
    "triggerExecution" : 400,
    "walCommit" : 25
  },
  "stateOperators" : [ ],
  "sources" : [ {
    "description" : "KafkaV2[Subscribe[clicks]]",
    "numInputRows" : 1500,
    "inputRowsPerSecond" : 1498.5,
    "processedRowsPerSecond" : 3750.0
  } ],
  "sink" : {
    "description" : "ConsoleSink[numRows=20, truncate=true]",
    "numOutputRows" : 1500
  }
}
26/03/02 09:30:13 INFO MicroBatchExecution: Streaming query has been idle and waiting for new data for more than 10000 ms.
`;
