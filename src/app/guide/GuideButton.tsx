// "Guide" for the top bar: opens the first-visit guide again at its first step, or, while it is
// open, takes focus to it.
import { GUIDE_BUTTON_ATTR } from './FirstVisitGuide';
import { useGuideStore } from './guideStore';

export function GuideButton() {
  const open = useGuideStore((s) => s.state.open);
  return (
    <button
      type="button"
      className="guide-button"
      data-testid="guide-open"
      {...{ [GUIDE_BUTTON_ATTR]: '' }}
      aria-haspopup="dialog"
      title="A short tour: open an example, run it, break a broker, read the lag"
      onClick={() => {
        if (open) document.querySelector<HTMLElement>('[data-testid="guide"] h2')?.focus();
        else useGuideStore.getState().openGuide();
      }}
    >
      Guide
    </button>
  );
}
