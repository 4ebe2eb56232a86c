// The Export menu button and its two items: a PNG picture of the canvas, and the stack (a zip that
// runs the pipeline on real Kafka and Spark). One button, so the top bar still fits at 1280 px.
// Keyboard as the Examples menu: Enter/Space/ArrowDown open it, arrow keys move, Escape closes it
// and returns to the button, Tab leaves it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

interface ExportItem {
  testId: string;
  label: string;
  detail: string;
  title?: string;
  run: () => void;
}

export function ExportMenu({
  busy,
  onPng,
  onStack,
}: {
  busy: boolean;
  onPng: () => void;
  onStack: () => void;
}) {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const items: ExportItem[] = [
    {
      testId: 'menu-export-png',
      label: 'PNG picture',
      detail: 'A picture of the whole canvas.',
      run: onPng,
    },
    {
      testId: 'menu-export-stack',
      label: 'Stack (zip)…',
      detail: 'Kafka and Spark in Docker Compose, load scripts, PySpark jobs.',
      title:
        'A zip that runs this pipeline on real software: Docker Compose with Kafka (KRaft) and Spark, topic and load scripts, the Spark jobs in PySpark, and a README with what the simulator predicted.',
      run: onStack,
    },
  ];

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (open) itemRefs.current[0]?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = itemRefs.current.filter((item): item is HTMLButtonElement => item !== null);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();
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
        focusAt(list.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
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
        data-testid="menu-export"
        title="Download a picture of the canvas, or the stack that runs this pipeline on real Kafka and Spark"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={busy}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="examples-list" role="menu" id={menuId} aria-label="Export" onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <button
              key={item.testId}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-testid={item.testId}
              title={item.title}
              aria-describedby={`${menuId}-${index}-detail`}
              onClick={() => {
                close(true);
                item.run();
              }}
            >
              <span className="example-name">{item.label}</span>
              <span className="example-detail" id={`${menuId}-${index}-detail`}>
                {item.detail}
              </span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
