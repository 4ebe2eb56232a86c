// Saved files must be what the CLI runs (it reads them with parsePipelineText), and opening a file
// must refuse big, broken or invalid ones with a message that names the problem.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, parsePipelineText, type Pipeline } from '../../model';
import { emptyDocument } from '../store/emptyDocument';
import { documentFileText, fileNameFor, openDocumentFile, type DocumentFile } from './fileIo';

const EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);
const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));

function fakeFile(name: string, text: string, size = text.length): DocumentFile & { reads: number } {
  const file = {
    name,
    size,
    reads: 0,
    text: () => {
      file.reads++;
      return Promise.resolve(text);
    },
  };
  return file;
}

describe('saving a file', () => {
  it.each(exampleFiles)('writes %s so that the CLI reads back the same document', (name) => {
    const parsed = parsePipelineText(readFileSync(new URL(name, EXAMPLES_DIR), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const again = parsePipelineText(documentFileText(parsed.doc));
    expect(again.ok && again.doc).toEqual(parsed.doc);
  });

  it('names the file after the document', () => {
    const named = (name: string): Pipeline => ({ ...emptyDocument(), name });
    expect(fileNameFor(named('Payments fraud detection'), 'json')).toBe('payments-fraud-detection.json');
    expect(fileNameFor(named('../../etc/passwd'), 'json')).toBe('etc-passwd.json');
    expect(fileNameFor(named('<img src=x>'), 'png')).toBe('img-src-x.png');
    expect(fileNameFor(named('   '), 'json')).toBe('pipeline.json');
  });
});

describe('opening a file', () => {
  it('opens a valid document', async () => {
    const result = await openDocumentFile(
      fakeFile('p.json', '{"version":1,"name":"p","cluster":{"brokers":[{"id":"b"}]}}'),
    );
    expect(result.ok && result.doc.name).toBe('p');
  });

  it('refuses a file over the size limit without reading it', async () => {
    const file = fakeFile('huge.json', '{}', MAX_DOCUMENT_BYTES + 1);
    const result = await openDocumentFile(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^Could not open huge\.json: it is 2\.0 MB; the largest .* 2\.0 MB\.$/,
    );
    expect(file.reads).toBe(0);
  });

  it('names the field that is wrong', async () => {
    const text =
      '{"version":1,"cluster":{"brokers":[{"id":"b"}]},"producers":[{"id":"p","rate":{"recordsPerSec":-5}}]}';
    const result = await openDocumentFile(fakeFile('bad.json', text));
    expect(!result.ok && result.error).toContain(
      'Could not open bad.json: producers[0] ("p").rate.recordsPerSec',
    );
  });

  it('says when the file is not JSON at all', async () => {
    const result = await openDocumentFile(fakeFile('photo.png', '\u0089PNG\r\n'));
    expect(!result.ok && result.error).toContain('not valid JSON');
  });

  it('reports a file the browser cannot read', async () => {
    const file: DocumentFile = {
      name: 'gone.json',
      size: 10,
      text: () => Promise.reject(new Error('NotReadable')),
    };
    const result = await openDocumentFile(file);
    expect(!result.ok && result.error).toBe('Could not open gone.json: the browser could not read the file.');
  });
});
