// What a first visit starts from: a three-broker cluster and an empty canvas.
import { parsePipeline, type Pipeline } from '../../model';

export function emptyDocument(): Pipeline {
  const result = parsePipeline({
    version: 1,
    name: 'Untitled pipeline',
    cluster: {
      brokers: [
        { id: 'broker-1', hardware: { preset: 'cloud-2024' } },
        { id: 'broker-2', hardware: { preset: 'cloud-2024' } },
        { id: 'broker-3', hardware: { preset: 'cloud-2024' } },
      ],
    },
  });
  if (!result.ok) throw new Error(`the built-in empty document is invalid: ${result.errors.join('; ')}`);
  return result.doc;
}
