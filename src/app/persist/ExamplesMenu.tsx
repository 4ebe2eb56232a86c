// The Examples menu button and its list. Keyboard: Enter/Space/ArrowDown open it, arrow keys,
// Home and End move, Escape closes it and returns to the button, Tab leaves it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
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
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<ExampleEntry[] | undefined>(undefined);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  const show = () => {
    setOpen(true);
    void loadExamples().then(setEntries);
  };

  // The first item takes focus when the menu opens, as menus do.
  useEffect(() => {
    if (open) itemRefs.current[0]?.focus();
  }, [open]);

  // A click anywhere else closes the menu.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const choose = async (id: string) => {
    close(true);
    await openExample(id, entries);
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = itemRefs.current.filter((item): item is HTMLButtonElement => item !== null);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(at + 1);
        break;
      case 'ArrowUp':
        focusAt(at - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(items.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return; // let the browser move focus on
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="examples-menu" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        data-testid="menu-examples"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            show();
          }
        }}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="examples-list"
          role="menu"
          id={menuId}
          aria-label="Examples"
          onKeyDown={onMenuKeyDown}
        >
          {exampleIds.map((id, index) => {
            const entry = entries?.find((e) => e.id === id);
            const title = entry && 'name' in entry ? entry.name : id;
            const detail = !entry ? 'Loading…' : 'error' in entry ? entry.error : entry.description;
            return (
              <button
                key={id}
                ref={(el) => {
                  itemRefs.current[index] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                data-testid={`example-${id}`}
                aria-describedby={`${menuId}-${id}-detail`}
                onClick={() => void choose(id)}
              >
                <span className="example-name">{title}</span>
                <span className="example-detail" id={`${menuId}-${id}-detail`}>
                  {detail}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
