// A top-bar button that opens a list of actions (the Examples and Export menus). Keyboard:
// Enter/Space/ArrowDown open it, the arrow keys, Home and End move, Escape closes it and returns
// focus to the button, Tab leaves it; a click anywhere else closes it. Choosing an item returns
// focus to the button too; while the button is unavailable (an export under way) it says so with
// aria-disabled and ignores presses, but keeps focus: a disabled button would drop it to the page. An item whose detail is
// long (an example's description) shows two lines of it, and a Details button beside it (or
// ArrowRight / ArrowLeft on the item) unfolds the rest in place: on a phone there is no other
// place to read it before choosing.
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
  /** The detail is cut to two lines, with a Details button that shows it whole. */
  expandable?: boolean;
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
  /** Unavailable for now (e.g. while an export runs): presses do nothing, focus stays. */
  disabled?: boolean;
  items: readonly DropMenuItem[];
  /** Called each time the menu opens (e.g. to load what it lists). */
  onOpen?: () => void;
  /** A long list: laid out in as many columns as fit, so it stays within the window. */
  columns?: boolean;
}) {
  const [open, setOpen] = useState(false);
  /** Items (by testId) whose detail is shown whole. */
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const listRef = useRef<HTMLDivElement>(null);
  /** The item last unfolded, to bring into sight once drawn. */
  const lastUnfolded = useRef<string | null>(null);
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
    // No taller than the window below it: an unfolded description scrolls within the list.
    list.style.maxHeight = `${Math.max(160, Math.floor(window.innerHeight - box.top - margin))}px`;
  }, [open]);

  const show = () => {
    setOpen(true);
    setUnfolded(new Set());
    onOpen?.();
  };
  const unfold = (testId: string, whole: boolean) => {
    if (whole) lastUnfolded.current = testId;
    setUnfolded((was) => {
      if (was.has(testId) === whole) return was;
      const next = new Set(was);
      if (whole) next.add(testId);
      else next.delete(testId);
      return next;
    });
  };

  // An item unfolded near the list's bottom edge scrolls up into sight, never past its own name.
  useLayoutEffect(() => {
    const list = listRef.current;
    const id = lastUnfolded.current;
    lastUnfolded.current = null;
    if (!list || !id || !unfolded.has(id)) return;
    const entry = list.querySelector(`[data-testid="${id}"]`)?.closest('.example-entry');
    if (!entry) return;
    const box = entry.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    const below = box.bottom - view.bottom;
    if (below > 0) list.scrollTop += Math.min(below + 4, box.top - view.top);
  }, [unfolded]);
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
    // On an item's Details button, the keys act as on the item itself.
    const active = document.activeElement;
    const entry = active instanceof HTMLElement ? active.closest('.example-entry') : null;
    const at = list.indexOf((entry?.firstElementChild ?? active) as HTMLButtonElement);
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
      case 'ArrowRight':
      case 'ArrowLeft': {
        const item = at >= 0 ? items.find((x) => x.testId === list[at]?.dataset.testid) : undefined;
        if (!item?.expandable) return;
        unfold(item.testId, event.key === 'ArrowRight');
        break;
      }
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
        aria-disabled={disabled || undefined}
        onClick={() => {
          if (disabled) return;
          if (open) close(false);
          else show();
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open && !disabled) {
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
          {items.map((item, index) => {
            const detailId = `${menuId}-${index}-detail`;
            const whole = unfolded.has(item.testId);
            const choice = (
              <button
                key={item.testId}
                ref={(el) => {
                  itemRefs.current[index] = el;
                }}
                type="button"
                role="menuitem"
                // The arrow keys move between the items; the first is also in the tab order, so a
                // list that scrolls (a phone) counts as reachable from the keyboard.
                tabIndex={index === 0 ? 0 : -1}
                data-testid={item.testId}
                title={item.title}
                aria-describedby={detailId}
                onClick={() => {
                  close(true);
                  item.choose();
                }}
              >
                <span className="example-name">{item.label}</span>
                <span
                  className={whole ? 'example-detail is-whole' : 'example-detail'}
                  id={detailId}
                  data-testid={`${item.testId}-detail`}
                >
                  {item.detail}
                </span>
              </button>
            );
            if (!item.expandable) return choice;
            return (
              <div key={item.testId} className="example-entry" role="none">
                {choice}
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="example-unfold"
                  aria-expanded={whole}
                  aria-controls={detailId}
                  aria-label={`Details: ${item.label}`}
                  data-testid={`${item.testId}-details`}
                  onClick={() => unfold(item.testId, !whole)}
                >
                  Details <span aria-hidden="true">{whole ? '▴' : '▾'}</span>
                </button>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
