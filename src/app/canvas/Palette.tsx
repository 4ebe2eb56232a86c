// Node kinds to drag onto the canvas. Clicking an item (or Enter on it) adds it in the middle of the
// view instead; a stage goes into the selected Spark job when there is one.
import type { DragEvent } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useDocumentStore } from '../store/documentStore';
import { addFromPalette } from './canvasActions';
import { centredAt, findFreeSpot, FIT_VIEW, jobSize, nodeRects, type FlowNode } from './flowView';
import type { XY } from './nodeFactory';
import { clickTargetJob, PALETTE_ITEMS, PALETTE_MIME, placedSize, type PaletteItem } from './paletteItems';

const GROUPS = ['Kafka', 'Spark job', 'External sinks'] as const;

export function Palette() {
  const flowStore = useStoreApi();
  const { getNodes, fitView } = useReactFlow();

  const viewCentre = (): XY => {
    const { width, height, transform } = flowStore.getState();
    const [tx, ty, zoom] = transform;
    return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
  };

  const isInView = (box: { x: number; y: number; width: number; height: number }): boolean => {
    const { width, height, transform } = flowStore.getState();
    const [tx, ty, zoom] = transform;
    const left = -tx / zoom;
    const top = -ty / zoom;
    return (
      box.x >= left &&
      box.y >= top &&
      box.x + box.width <= left + width / zoom &&
      box.y + box.height <= top + height / zoom
    );
  };

  const addByClick = (item: PaletteItem) => {
    const { doc, selection } = useDocumentStore.getState();
    const isStage = 'stage' in item.place;
    const jobId = isStage ? clickTargetJob(doc, selection) : undefined;
    const size = placedSize(item);
    const at = findFreeSpot(nodeRects(getNodes() as FlowNode[]), centredAt(viewCentre(), size), size);
    addFromPalette(item, at, jobId);
    // Keep what was just added in sight (a new node, or the job that grew): otherwise show everything.
    const after = useDocumentStore.getState().doc;
    const job = jobId ? after.sparkJobs.find((j) => j.id === jobId) : undefined;
    const jobAt = jobId ? after.layout[jobId] : undefined;
    const box = job && jobAt ? { ...jobAt, ...jobSize(job.stages.length) } : { ...at, ...size };
    if (!isInView(box)) void fitView({ ...FIT_VIEW, duration: 200 });
  };

  const onDragStart = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(PALETTE_MIME, item.key);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="sl-palette" aria-label="Add to the pipeline" data-testid="palette">
      {GROUPS.map((group) => (
        <div key={group} className="sl-palette-group">
          <h2 className="sl-palette-heading">{group}</h2>
          {group === 'Spark job' && (
            <p className="sl-palette-note">
              Drop a stage on or near a job to add it there; far from any job it starts a new one.
            </p>
          )}
          <ul>
            {PALETTE_ITEMS.filter((i) => i.group === group).map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  draggable
                  className={`sl-palette-item sl-palette-${item.key}`}
                  data-testid={`palette-${item.key}`}
                  onDragStart={(e) => onDragStart(e, item)}
                  onClick={() => addByClick(item)}
                  aria-labelledby={`palette-label-${item.key}`}
                  aria-describedby={`palette-hint-${item.key}`}
                  title={`${item.hint} Drag onto the canvas, or click to add.`}
                >
                  <span className="sl-palette-label" id={`palette-label-${item.key}`}>
                    {item.label}
                  </span>
                  <span className="sl-palette-hint" id={`palette-hint-${item.key}`}>
                    {item.hint}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
