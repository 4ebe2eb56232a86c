// Saving the document to a JSON file (the same file `npm run simulate` runs) and opening one.
import { MAX_DOCUMENT_BYTES, parsePipelineText, type Pipeline } from '../../model';
import { keepBrokerHardware, minimise } from './minimise';

export type OpenResult = { ok: true; doc: Pipeline; warnings: string[] } | { ok: false; error: string };

/** The saved file: defaults left out (like the files in examples/), two-space indented. */
export function documentFileText(doc: Pipeline): string {
  return `${JSON.stringify(minimise(doc, { keepVerbatim: keepBrokerHardware }), null, 2)}\n`;
}

/** A file name from the document's name: plain letters, digits and dashes, never empty. */
export function fileNameFor(doc: Pipeline, extension: 'json' | 'png'): string {
  const stem = doc.name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${stem || 'pipeline'}.${extension}`;
}

/** The part of File that opening needs (so tests can hand in a fake). */
export type DocumentFile = Pick<File, 'name' | 'size' | 'text'>;

export async function openDocumentFile(file: DocumentFile): Promise<OpenResult> {
  const name = file.name.slice(0, 120);
  // Refused before reading, so a huge file never lands in memory.
  if (file.size > MAX_DOCUMENT_BYTES)
    return {
      ok: false,
      error: `Could not open ${name}: it is ${formatBytes(file.size)}; the largest pipeline file Streamlab opens is ${formatBytes(MAX_DOCUMENT_BYTES)}.`,
    };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, error: `Could not open ${name}: the browser could not read the file.` };
  }
  const parsed = parsePipelineText(text, { draft: true });
  if (!parsed.ok) return { ok: false, error: `Could not open ${name}: ${parsed.errors.join('; ')}` };
  return { ok: true, doc: parsed.doc, warnings: [...parsed.problems, ...parsed.warnings] };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Hands the browser a file to download. */
export function downloadFile(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadFile(url, fileName);
  // The click has started the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
