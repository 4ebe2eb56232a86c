// The Examples menu: each example with the start of its description, unfolded whole by its Details
// button (keyboard and closing as every DropMenu).
import { useState } from 'react';
import { DropMenu, type DropMenuItem } from './DropMenu';
import { exampleIds, loadExamples, type ExampleEntry } from './examples';
import { openDocument, reportError } from './openDocument';

/** Opens one example as the menu does (the first-visit guide uses it too); `known` saves a reload. */
export async function openExample(id: string, known?: readonly ExampleEntry[]): Promise<void> {
  const all = known ?? (await loadExamples());
  const entry = all.find((e) => e.id === id);
  if (!entry) return;
  if ('error' in entry) reportError(`Could not open the example ${id}: ${entry.error}.`);
  else openDocument(entry.doc, `Opened the example "${entry.name}"`);
}

export function ExamplesMenu() {
  const [entries, setEntries] = useState<ExampleEntry[] | undefined>(undefined);
  const items: DropMenuItem[] = exampleIds.map((id) => {
    const entry = entries?.find((e) => e.id === id);
    return {
      testId: `example-${id}`,
      label: entry && 'name' in entry ? entry.name : id,
      detail: !entry ? 'Loading…' : 'error' in entry ? entry.error : entry.description,
      // From the first render, while the examples load too: wrapping an item later would remount
      // it and lose the keyboard focus the menu gave it.
      expandable: true,
      choose: () => void openExample(id, entries),
    };
  });
  return (
    <DropMenu
      label="Examples"
      testId="menu-examples"
      items={items}
      columns
      onOpen={() => void loadExamples().then(setEntries)}
    />
  );
}
