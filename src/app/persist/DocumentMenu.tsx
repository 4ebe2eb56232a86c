// The document's own controls in the top bar: New, Open file, Save file, Examples, Copy link,
// Export (a PNG of the canvas, or the stack as a zip), and the document's name.
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useRunsStore } from '../runs/runsStore';
import { useDocumentStore } from '../store/documentStore';
import { emptyDocument } from '../store/emptyDocument';
import { ExamplesMenu } from './ExamplesMenu';
import { ExportMenu } from './ExportMenu';
import { documentFileText, downloadFile, downloadText, fileNameFor, openDocumentFile } from './fileIo';
import { openDocument, reportError } from './openDocument';
import { renderCanvasPng } from './pngExport';
import { shareUrl } from './shareLink';
import './DocumentMenu.css';

export function DocumentMenu() {
  const name = useDocumentStore((s) => s.doc.name);
  const { getNodes, getNodesBounds } = useReactFlow();
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'link' | 'png' | 'stack' | undefined>(undefined);
  const [linkToShow, setLinkToShow] = useState<string | undefined>(undefined);

  const onFileChosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire another change
    if (!file) return;
    const result = await openDocumentFile(file);
    if (result.ok) openDocument(result.doc, `Opened ${file.name}`, result.warnings);
    else reportError(result.error);
  };

  const saveFile = () => {
    const doc = useDocumentStore.getState().doc;
    const fileName = fileNameFor(doc, 'json');
    downloadText(documentFileText(doc), fileName, 'application/json');
    useDocumentStore.getState().setNotice({
      kind: 'info',
      text: `Saved ${fileName}. It opens here with Open file… and runs with npm run simulate.`,
    });
  };

  const copyLink = async () => {
    setBusy('link');
    try {
      const doc = useDocumentStore.getState().doc;
      const url = await shareUrl(doc, window.location.href);
      try {
        await navigator.clipboard.writeText(url);
        setLinkToShow(undefined);
        useDocumentStore.getState().setNotice({
          kind: 'info',
          text: `Link copied (${url.length} characters). It opens this pipeline with seed ${doc.run.seed} for ${doc.run.durationSec} s, so the run gives the same numbers.`,
        });
      } catch {
        // Clipboard refused (permissions, insecure page): show the link to copy by hand instead;
        // the panel says why, so no banner is needed.
        setLinkToShow(url);
      }
    } catch (e) {
      reportError(`Could not make a link: ${e instanceof Error ? e.message : 'unknown error'}.`);
    } finally {
      setBusy(undefined);
    }
  };

  const exportPng = async () => {
    setBusy('png');
    try {
      const doc = useDocumentStore.getState().doc;
      // The instance's own bounds use the measured node sizes, which the document does not know.
      const nodes = getNodes();
      const result = await renderCanvasPng(nodes.length > 0 ? getNodesBounds(nodes) : undefined);
      if (!result.ok) return reportError(result.error);
      const fileName = fileNameFor(doc, 'png');
      downloadFile(result.dataUrl, fileName);
      useDocumentStore.getState().setNotice({ kind: 'info', text: `Exported ${fileName}.` });
    } finally {
      setBusy(undefined);
    }
  };

  const exportStack = async () => {
    setBusy('stack');
    try {
      const doc = useDocumentStore.getState().doc;
      // Loaded on demand: the export writers and the zip library stay out of the first bundle.
      const { buildStackZip, lastRunOf } = await import('./stackExport');
      const zip = buildStackZip(doc, lastRunOf(doc, useRunsStore.getState().runs));
      const url = URL.createObjectURL(new Blob([zip.bytes], { type: 'application/zip' }));
      downloadFile(url, zip.fileName);
      // The click has started the download by the time the next task runs.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      useDocumentStore.getState().setNotice({ kind: 'info', text: zip.note });
    } catch (e) {
      reportError(`Could not export the stack: ${e instanceof Error ? e.message : 'unknown error'}.`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="document-menu" role="group" aria-label="Document">
      <button
        type="button"
        data-testid="menu-new"
        title="Start an empty pipeline (Ctrl+Z brings this one back)"
        onClick={() => openDocument(emptyDocument(), 'Started a new pipeline')}
      >
        New
      </button>
      <button
        type="button"
        data-testid="menu-open"
        title="Open a pipeline JSON file"
        onClick={() => fileInputRef.current?.click()}
      >
        Open file…
      </button>
      <input
        ref={fileInputRef}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Pipeline file to open"
        data-testid="open-file-input"
        onChange={(event) => void onFileChosen(event)}
      />
      <button
        type="button"
        data-testid="menu-save"
        title="Download the pipeline as a JSON file"
        onClick={saveFile}
      >
        Save file
      </button>
      <ExamplesMenu />
      <button
        type="button"
        data-testid="menu-copy-link"
        title="Copy a link that opens this exact pipeline and run"
        disabled={busy === 'link'}
        onClick={() => void copyLink()}
      >
        Copy link
      </button>
      <ExportMenu
        busy={busy === 'png' || busy === 'stack'}
        onPng={() => void exportPng()}
        onStack={() => void exportStack()}
      />
      <span className="doc-name" data-testid="doc-name" title={name}>
        {name}
      </span>
      {linkToShow !== undefined && <LinkPanel url={linkToShow} onClose={() => setLinkToShow(undefined)} />}
    </div>
  );
}

/** Shown when the clipboard is refused: the link, selected, for the user to copy. */
function LinkPanel({ url, onClose }: { url: string; onClose: () => void }) {
  const fieldRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, [url]);
  return (
    <div
      className="link-panel"
      role="dialog"
      aria-label="Share link"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <label>
        The browser did not let Streamlab copy the link. Here it is, selected: press Ctrl+C to copy it.
        <input
          ref={fieldRef}
          readOnly
          value={url}
          data-testid="share-link-field"
          onFocus={(event) => event.currentTarget.select()}
        />
      </label>
      <button type="button" data-testid="share-link-close" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
