// The Export menu button and its two items: a PNG picture of the canvas, and the stack (a zip that
// runs the pipeline on real Kafka and Spark). One button, so the top bar still fits at 1280 px.
import { DropMenu, type DropMenuItem } from './DropMenu';

export function ExportMenu({
  busy,
  onPng,
  onStack,
}: {
  busy: boolean;
  onPng: () => void;
  onStack: () => void;
}) {
  const items: DropMenuItem[] = [
    {
      testId: 'menu-export-png',
      label: 'PNG picture',
      detail: 'A picture of the whole canvas.',
      choose: onPng,
    },
    {
      testId: 'menu-export-stack',
      // No ellipsis: the item downloads at once, it opens nothing that asks for more.
      label: 'Stack (zip)',
      detail: 'Kafka and Spark in Docker Compose, load scripts, PySpark jobs.',
      title:
        'A zip that runs this pipeline on real software: Docker Compose with Kafka (KRaft) and Spark, topic and load scripts, the Spark jobs in PySpark, and a README with what the simulator predicted.',
      choose: onStack,
    },
  ];

  return (
    <DropMenu
      label="Export"
      testId="menu-export"
      title="Download a picture of the canvas, or the stack that runs this pipeline on real Kafka and Spark"
      disabled={busy}
      items={items}
    />
  );
}
