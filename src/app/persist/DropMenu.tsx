// A top-bar button that opens a list of actions (the Examples and Export menus). Keyboard:
// Enter/Space/ArrowDown open it, the arrow keys, Home and End move, Escape closes it and returns
// focus to the button, Tab leaves it; a click anywhere else closes it.
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface DropMenuItem {
  /** Unique within the menu; also the item's test id. */
  testId: string;
  label: string;
  detail: string;
  title?: string;
  choose: () => void;
}

export function DropMenu({
  label,
  testId,
  title,
  disabled = false,
  items,
  onOpen,
  columns = false,
}: {
  label: ReactNode;
  testId: string;
  title?: string;
  disabled?: boolean;
  items: readonly DropMenuItem[];
  /** Called each time the menu opens (e.g. to load what it lists). */
  onOpen?: () => void;
  /** A long list: laid out in as many columns as fit, so it stays within the window. */
  columns?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const listRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  // The list opens under the button; where that would cross the window's edge (a phone, a button
  // far right), it moves sideways to stay whole on screen.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!open || !list) return;
    list.style.transform = '';
    const margin = 8;
    const box = list.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    let shift = 0;
    if (box.right > width - margin) shift = width - margin - box.right;
    if (box.left + shift < margin) shift = margin - box.left;
    if (shift !== 0) list.style.transform = `translateX(${Math.round(shift)}px)`;
  }, [open]);

  const show = () => {
    setOpen(true);
    onOpen?.();
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  // The first item takes focus when the menu opens, as menus do.
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
        return; // the browser moves focus on
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
        data-testid={testId}
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            show();
          }
        }}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={listRef}
          className={columns ? 'examples-list is-columns' : 'examples-list'}
          role="menu"
          id={menuId}
          aria-label={typeof label === 'string' ? label : undefined}
          onKeyDown={onMenuKeyDown}
        >
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
                item.choose();
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
