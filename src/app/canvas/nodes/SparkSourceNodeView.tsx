// A receiver source: a socket, Kinesis- or Flume-style stream that only a Spark job reads, through
// receivers that each hold an executor core. The card shows its rate, record size and receivers.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { displayName } from '../entities';
import type { SparkSourceNode } from '../flowView';
import { compact } from '../format';
import { NodeFrame } from './NodeFrame';

const KIND_NAMES = {
  socket: 'socket',
  kinesis: 'Kinesis-style',
  flume: 'Flume-style',
  file: 'new files',
} as const;

export const SparkSourceNodeView = memo(function SparkSourceNodeView({
  id,
  data,
  selected,
}: NodeProps<SparkSourceNode>) {
  const s = data.source;
  const receivers =
    s.kind === 'file'
      ? `a new file every ${s.newFileEveryMs} ms`
      : `${s.receivers} receiver${s.receivers === 1 ? '' : 's'} (a core each)`;
  return (
    <NodeFrame
      id={id}
      kind={`Receiver source · ${KIND_NAMES[s.kind]}`}
      kindClass="receiver"
      title={displayName(s)}
      selected={selected}
      outputs
      figure={`${compact(s.rate.recordsPerSec)} rec/s`}
    >
      <div className="sl-node-body">
        {compact(s.rate.recordsPerSec)} rec/s · {s.recordBytes} B
        <br />
        {receivers}
      </div>
    </NodeFrame>
  );
});
