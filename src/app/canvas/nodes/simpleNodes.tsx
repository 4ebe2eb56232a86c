// Producers, consumer groups and sinks: small cards with their main settings at a glance.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { displayName } from '../entities';
import type { ConsumerGroupNode, ProducerNode, SinkNode } from '../flowView';
import { compact } from '../format';
import { NodeFrame } from './NodeFrame';

export const ProducerNodeView = memo(function ProducerNodeView({
  id,
  data,
  selected,
}: NodeProps<ProducerNode>) {
  const p = data.producer;
  const spikes = p.rate.schedule.length;
  return (
    <NodeFrame
      id={id}
      kind="Producer"
      kindClass="producer"
      title={displayName(p)}
      selected={selected}
      outputs
      figure={p.rate.kind === 'max' ? 'max rate' : `${compact(p.rate.recordsPerSec)} rec/s`}
    >
      <div className="sl-node-body">
        {p.rate.kind === 'max' ? 'as fast as it can' : `${compact(p.rate.recordsPerSec)} rec/s`} ·{' '}
        {p.recordBytes} B
        <br />
        acks={p.config.acks} · linger {p.config['linger.ms']} ms
        {spikes > 0 && (
          <span className="sl-node-tag">
            {' '}
            · {spikes} change{spikes > 1 ? 's' : ''}
          </span>
        )}
      </div>
    </NodeFrame>
  );
});

export const ConsumerGroupNodeView = memo(function ConsumerGroupNodeView({
  id,
  data,
  selected,
}: NodeProps<ConsumerGroupNode>) {
  const g = data.group;
  return (
    <NodeFrame
      id={id}
      kind="Consumer group"
      kindClass="group"
      title={displayName(g)}
      selected={selected}
      inputs
      outputs
      figure={`${g.members} member${g.members === 1 ? '' : 's'}`}
    >
      <div className="sl-node-body">
        {g.members} member{g.members === 1 ? '' : 's'} · {g.processing.meanMs} ms/record
      </div>
    </NodeFrame>
  );
});

export const SinkNodeView = memo(function SinkNodeView({ id, data, selected }: NodeProps<SinkNode>) {
  const s = data.sink;
  return (
    <NodeFrame
      id={id}
      kind={`Sink · ${s.kind}`}
      kindClass="sink"
      title={displayName(s)}
      selected={selected}
      inputs
      figure={s.maxRecordsPerSec > 0 ? `max ${compact(s.maxRecordsPerSec)}/s` : s.kind}
    >
      <div className="sl-node-body">
        {s.maxRecordsPerSec > 0 ? `max ${compact(s.maxRecordsPerSec)} rec/s` : 'no write limit'} ·{' '}
        {s.writeLatencyMs} ms/write
      </div>
    </NodeFrame>
  );
});
