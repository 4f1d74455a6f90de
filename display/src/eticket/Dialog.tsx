// A modal dialog: focus moves into it (to the element marked data-autofocus, else the first
// button), Tab and Shift+Tab stay inside, Escape closes it, and focus goes back where it was (or,
// when that is gone, to `fallbackFocus`). The page behind is made inert by the caller.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  readonly role?: 'dialog' | 'alertdialog';
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly className?: string;
  readonly onClose: () => void;
  /** Where focus goes on close when the element that had it is no longer on the page. */
  readonly fallbackFocus?: () => HTMLElement | null;
  readonly children: ReactNode;
}

export function Dialog({ role = 'dialog', labelledBy, describedBy, className, onClose, fallbackFocus, children }: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const fallback = useRef(fallbackFocus);
  fallback.current = fallbackFocus;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = ref.current;
    const first = node?.querySelector<HTMLElement>('[data-autofocus]') ?? node?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? node)?.focus();
    return () => {
      // After React has put the page back (the opener may have gone with the state it belonged to).
      queueMicrotask(() => {
        const target = opener && opener.isConnected ? opener : (fallback.current?.() ?? null);
        target?.focus();
      });
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="et-backdrop">
      <div ref={ref} className={className} role={role} aria-modal="true" aria-labelledby={labelledBy} aria-describedby={describedBy} tabIndex={-1} onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>
  );
}
