// Small text helpers shared by the writers: shell and Python quoting, a YAML writer for the compose
// file (the page bundle carries no YAML library), numbers as the tools read them.

/** A word for bash: left bare when it is plain, otherwise in single quotes. */
export function sh(word: string): string {
  return /^[A-Za-z0-9_.,:/=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A Python string literal (double quotes, escaped). */
export function py(text: string): string {
  return JSON.stringify(text);
}

/** A number as the command-line tools read it: no exponent, at most `digits` decimals. */
export function plainNumber(n: number, digits = 3): string {
  if (Number.isInteger(n)) return n.toFixed(0);
  return n.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
}

/** A bash comment block, one "# " line per line of text. */
export function shComment(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `# ${l}` : '#'))
    .join('\n');
}

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

function yamlKey(k: string): string {
  return PLAIN_KEY.test(k) ? k : yamlScalar(k);
}

/** Block-style YAML: maps and lists indented by two, every string single-quoted. */
export function toYaml(value: YamlValue, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}[]\n`;
    return value
      .map((item) =>
        item !== null && typeof item === 'object'
          ? `${pad}-\n${toYaml(item, indent + 2)}`
          : `${pad}- ${yamlScalar(item)}\n`,
      )
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => {
        if (v !== null && typeof v === 'object') {
          const empty = Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
          if (empty) return `${pad}${yamlKey(k)}: ${Array.isArray(v) ? '[]' : '{}'}\n`;
          return `${pad}${yamlKey(k)}:\n${toYaml(v, indent + 2)}`;
        }
        return `${pad}${yamlKey(k)}: ${yamlScalar(v)}\n`;
      })
      .join('');
  }
  return `${pad}${yamlScalar(value)}\n`;
}

/**
 * A document label made safe for every file it is written into (comments, Python docstrings, YAML):
 * one line, no backslashes or double quotes.
 */
export function safeLabel(text: string): string {
  return text
    .split('')
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
    .join('')
    .replace(/ {2,}/g, ' ')
    .replace(/\\/g, '/')
    .replace(/"/g, "'")
    .trim();
}
