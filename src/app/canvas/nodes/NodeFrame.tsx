// The frame every canvas node shares: kind and title, handles, the live rate line, and the outline
// for "selected", "bottleneck" and "not valid", with the reason as a tooltip and as the node's
// accessible description.
import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { Handle, Position } from '@xyflow/react';
import { LiveLine } from './LiveLine';
import { compactTitleFit } from './compactTitle';
import { nameParts } from './nameBreaks';
import { useNodeStatus } from './useNodeStatus';

export const describedById = (id: string): string => `node-desc-${id}`;

interface Props {
  id: string;
  kind: string;
  kindClass: string;
  title: string;
  selected: boolean;
  inputs?: boolean;
  outputs?: boolean;
  /** Group nodes (Spark jobs) size themselves from the layout; the others from their content. */
  className?: string;
  /** The one figure the compact view (low zoom) shows under the title, when no live rate replaces it. */
  figure?: ReactNode;
  children?: ReactNode;
}

export function NodeFrame({
  id,
  kind,
  kindClass,
  title,
  selected,
  inputs,
  outputs,
  className,
  figure,
  children,
}: Props) {
  const { bottleneck, invalid } = useNodeStatus(id);
  const classes = ['sl-node', `sl-node-${kindClass}`, className];
  if (selected) classes.push('is-selected');
  if (bottleneck) classes.push('is-bottleneck');
  if (invalid) classes.push('is-invalid');
  // An outage is not a capacity limit: its badge and reason say so rather than "Bottleneck".
  const outage = bottleneck?.startsWith('Outage:') ?? false;
  const markText = bottleneck ? (outage ? bottleneck : `Bottleneck: ${bottleneck}`) : undefined;
  const reasons = [invalid, markText].filter(Boolean).join(' · ');
  // A job's title has the job's width; other nodes' may scale down a little in the compact view.
  const fit = kindClass === 'job' ? 1 : compactTitleFit(title);
  return (
    <div className={classes.filter(Boolean).join(' ')} title={reasons || undefined}>
      {inputs && <Handle type="target" position={Position.Left} className="sl-handle" />}
      <div className="sl-node-head">
        <span className="sl-node-kind">{kind}</span>
        <span
          className="sl-node-title"
          style={fit < 1 ? ({ '--title-fit': fit.toFixed(3) } as CSSProperties) : undefined}
        >
          {nameParts(title).map((part, i) => (
            <Fragment key={i}>
              {i > 0 && <wbr />}
              {part}
            </Fragment>
          ))}
        </span>
      </div>
      {figure !== undefined && (
        <div className="sl-node-figure" aria-hidden="true">
          {figure}
        </div>
      )}
      {children}
      <LiveLine id={id} compactLayout={kindClass === 'job'} />
      {bottleneck && (
        <div className={`sl-node-badge${outage ? ' is-outage' : ''}`}>{outage ? 'Outage' : 'Bottleneck'}</div>
      )}
      <span id={describedById(id)} className="visually-hidden">
        {reasons}
      </span>
      {outputs && <Handle type="source" position={Position.Right} className="sl-handle" />}
    </div>
  );
}
