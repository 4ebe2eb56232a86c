// Spark's StreamingQueryProgress as JSON: query.lastProgress printed, a JSON array of them, one per
// line (a listener that logs them), pretty-printed ones inside a driver log ("Streaming query made
// progress: {...}"), or a Spark event log, where each progress sits in a QueryProgressEvent's
// "progress" (the log's other events are left out). The text is scanned for top-level JSON objects,
// so log text around them does no harm.
import { MAX_ERRORS, type ParseResult, type SparkProgress, type SparkProgressMeasurement } from './types';

interface Chunk {
  line: number;
  text: string;
}

/** Top-level {...} objects (and a leading [...] array) with the line each starts on. */
function scanObjects(text: string): { chunks: Chunk[]; unclosed: number | null } {
  const chunks: Chunk[] = [];
  let line = 1;
  let depth = 0;
  let start = -1;
  let startLine = 0;
  let inString = false;
  let escaped = false;
  // A whole text that is one JSON array counts as one chunk.
  const trimmed = text.trimStart();
  const arrayMode = trimmed.startsWith('[');
  const open = arrayMode ? '[' : '{';
  const close = arrayMode ? ']' : '}';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (depth > 0 && inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth > 0 && ch === '"') {
      inString = true;
      continue;
    }
    if (ch === open || (depth > 0 && (ch === '{' || ch === '['))) {
      if (depth === 0) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if (depth > 0 && (ch === '}' || ch === ']')) {
      depth--;
      if (depth === 0) {
        chunks.push({ line: startLine, text: text.slice(start, i + 1) });
        if (arrayMode && ch === close) break;
      }
    }
  }
  return { chunks, unclosed: depth > 0 ? startLine : null };
}

/** The line inside a chunk that JSON.parse's "position N" points at. */
function lineOfPosition(chunk: Chunk, message: string): number {
  const m = /position (\d+)/.exec(message);
  if (!m) return chunk.line;
  const upTo = chunk.text.slice(0, Number(m[1]));
  return chunk.line + (upTo.match(/\n/g)?.length ?? 0);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether an object is a StreamingQueryProgress (it has a batch id and input rows). */
function isProgress(v: unknown): boolean {
  return isObject(v) && 'batchId' in v && ('numInputRows' in v || 'durationMs' in v);
}

/** Kafka topics a source's description names: KafkaV2[Subscribe[a,b]], KafkaSource[SubscribePattern[...]]. */
export function sourceTopics(description: string): string[] {
  const m = /Subscribe\[([^\]]*)\]/.exec(description);
  if (!m) return [];
  return m[1]!
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

class FieldError extends Error {}

function readProgress(o: Record<string, unknown>, line: number, index: number): SparkProgress {
  const where = (field: string) => `line ${line} (progress ${index}), field ${field}`;
  const quote = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 40 ? `${s.slice(0, 40)}…` : s;
  };
  const num = (v: unknown, field: string, optional: boolean): number | null => {
    if (v === undefined || v === null) {
      if (optional) return null;
      throw new FieldError(`${where(field)}: missing (expected a number)`);
    }
    // Spark writes NaN and infinite rates as strings in some versions; they mean "no figure".
    if (typeof v === 'string' && /^(NaN|-?Infinity)$/.test(v)) return null;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new FieldError(`${where(field)}: expected a number, found ${quote(v)}`);
    return v;
  };
  const str = (v: unknown, field: string): string | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw new FieldError(`${where(field)}: expected text, found ${quote(v)}`);
    return v;
  };
  const batchId = num(o.batchId, 'batchId', false)!;
  if (!Number.isInteger(batchId) || batchId < 0)
    throw new FieldError(`${where('batchId')}: expected a whole number, found ${quote(o.batchId)}`);
  const numInputRows = num(o.numInputRows, 'numInputRows', false)!;
  if (numInputRows < 0) throw new FieldError(`${where('numInputRows')}: must not be negative`);
  const durationMs: Record<string, number> = {};
  if (o.durationMs !== undefined) {
    if (!isObject(o.durationMs))
      throw new FieldError(
        `${where('durationMs')}: expected an object of durations, found ${quote(o.durationMs)}`,
      );
    for (const [k, v] of Object.entries(o.durationMs)) durationMs[k] = num(v, `durationMs.${k}`, false)!;
  }
  const timestamp = str(o.timestamp, 'timestamp');
  const parsedTime = timestamp === null ? NaN : Date.parse(timestamp);
  const eventTime = o.eventTime;
  if (eventTime !== undefined && !isObject(eventTime))
    throw new FieldError(`${where('eventTime')}: expected an object, found ${quote(eventTime)}`);
  let stateRows: number | null = null;
  if (o.stateOperators !== undefined) {
    if (!Array.isArray(o.stateOperators))
      throw new FieldError(`${where('stateOperators')}: expected a list, found ${quote(o.stateOperators)}`);
    o.stateOperators.forEach((s: unknown, i) => {
      if (!isObject(s)) throw new FieldError(`${where(`stateOperators[${i}]`)}: expected an object`);
      const rows = num(s.numRowsTotal, `stateOperators[${i}].numRowsTotal`, true);
      if (rows !== null) stateRows = (stateRows ?? 0) + rows;
    });
  }
  const sources: SparkProgress['sources'] = [];
  if (o.sources !== undefined) {
    if (!Array.isArray(o.sources))
      throw new FieldError(`${where('sources')}: expected a list, found ${quote(o.sources)}`);
    o.sources.forEach((s: unknown, i) => {
      if (!isObject(s)) throw new FieldError(`${where(`sources[${i}]`)}: expected an object`);
      const description = str(s.description, `sources[${i}].description`) ?? '';
      sources.push({
        description,
        numInputRows: num(s.numInputRows, `sources[${i}].numInputRows`, true),
        topics: sourceTopics(description),
      });
      num(s.inputRowsPerSecond, `sources[${i}].inputRowsPerSecond`, true);
      num(s.processedRowsPerSecond, `sources[${i}].processedRowsPerSecond`, true);
    });
  }
  let sink: SparkProgress['sink'] = null;
  if (o.sink !== undefined && o.sink !== null) {
    if (!isObject(o.sink))
      throw new FieldError(`${where('sink')}: expected an object, found ${quote(o.sink)}`);
    sink = {
      description: str(o.sink.description, 'sink.description') ?? '',
      numOutputRows: num(o.sink.numOutputRows, 'sink.numOutputRows', true),
    };
  }
  return {
    line,
    id: str(o.id, 'id'),
    runId: str(o.runId, 'runId'),
    name: str(o.name, 'name'),
    timestamp,
    timeMs: Number.isFinite(parsedTime) ? parsedTime : null,
    batchId,
    numInputRows,
    inputRowsPerSecond: num(o.inputRowsPerSecond, 'inputRowsPerSecond', true),
    processedRowsPerSecond: num(o.processedRowsPerSecond, 'processedRowsPerSecond', true),
    durationMs,
    watermark: isObject(eventTime) ? str(eventTime.watermark, 'eventTime.watermark') : null,
    stateRows,
    sources,
    sink,
  };
}

/**
 * Python's repr of a dict of plain values as JSON: single-quoted strings, None, True, False, nan
 * and inf. Null when the text has no single-quoted string (then it was meant as JSON).
 */
export function pythonReprToJson(text: string): string | null {
  if (!/'[^']*'\s*:/.test(text)) return null;
  let out = '';
  let i = 0;
  const words = (segment: string) =>
    segment
      .replace(/\bNone\b/g, 'null')
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/-?\b(nan|inf)\b/g, '"NaN"');
  let plain = '';
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      out += words(plain);
      plain = '';
      let j = i + 1;
      let body = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\' && j + 1 < text.length) {
          body += text[j + 1] === ch ? ch : text.slice(j, j + 2);
          j += 2;
        } else body += text[j++];
      }
      out += ch === '"' ? `"${body}"` : JSON.stringify(body.replace(/\\\\/g, '\\'));
      i = j + 1;
    } else {
      plain += ch;
      i++;
    }
  }
  return out + words(plain);
}

export function parseSparkProgress(text: string): ParseResult<SparkProgressMeasurement> {
  const { chunks, unclosed } = scanObjects(text);
  const errors: string[] = [];
  const progress: SparkProgress[] = [];
  let otherEvents = 0;
  const take = (v: unknown, line: number) => {
    // An event log's line: the progress sits inside the event.
    if (isObject(v) && typeof v.Event === 'string' && !isProgress(v)) {
      if (/QueryProgressEvent$/.test(v.Event) && isObject(v.progress)) v = v.progress;
      else {
        otherEvents++;
        return;
      }
    }
    if (!isObject(v) || !isProgress(v)) {
      otherEvents++;
      return;
    }
    try {
      progress.push(readProgress(v, line, progress.length + 1));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      errors.push(e.message);
    }
  };
  for (const chunk of chunks) {
    if (errors.length >= MAX_ERRORS) break;
    let value: unknown;
    try {
      value = JSON.parse(chunk.text);
    } catch {
      // PySpark's query.lastProgress is a dict; printed, it is Python's repr, not JSON.
      const fromPython = pythonReprToJson(chunk.text);
      if (fromPython !== null) {
        try {
          value = JSON.parse(fromPython);
        } catch {
          value = undefined;
        }
      }
    }
    if (value === undefined) {
      let message = 'not valid';
      try {
        JSON.parse(chunk.text);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      errors.push(
        `line ${lineOfPosition(chunk, message)}: not valid JSON (${message.replace(/^JSON\.parse: /, '')})`,
      );
      continue;
    }
    if (Array.isArray(value)) {
      // In an array every element starts on a line of its own in pretty-printed text; name the
      // array's line with the element's place.
      value.forEach((v) => take(v, chunk.line));
    } else take(value, chunk.line);
  }
  if (unclosed !== null) errors.push(`line ${unclosed}: a JSON object starts here and is never closed`);
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (progress.length === 0)
    return {
      ok: false,
      errors: [
        chunks.length
          ? `no StreamingQueryProgress found: ${chunks.length} JSON object${chunks.length > 1 ? 's' : ''} without batchId and numInputRows`
          : 'no JSON object found (expected a StreamingQueryProgress such as query.lastProgress prints)',
      ],
    };
  progress.sort((a, b) => (a.id ?? '').localeCompare(b.id ?? '') || a.batchId - b.batchId);
  return { ok: true, value: { kind: 'sparkProgress', progress, otherEvents } };
}
