/**
 * A reader for the YAML subset `manifest.yml` uses — block maps and sequences by indentation,
 * plain / single- / double-quoted scalars, booleans, integers, null and `>`/`|` block scalars —
 * so the manifest can be checked without a YAML dependency. Anything outside the subset (flow
 * collections, anchors, tags, tabs, several documents, duplicate keys) is an error naming the
 * line, never a silent misreading: the manifest must stay inside what this reader understands.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  no: number;
  indent: number;
  text: string;
}

export class YamlSubsetError extends Error {
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'YamlSubsetError';
  }
}

/** Strips a ` #` comment that is outside quotes. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function parseScalar(raw: string, no: number): YamlValue {
  const text = raw.trim();
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError('unterminated double-quoted string', no);
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new YamlSubsetError(`unsupported escape in ${text}`, no);
    }
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError('unterminated single-quoted string', no);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[{&*!|>%@`]/.test(text)) throw new YamlSubsetError(`outside the subset: ${text}`, no);
  if (text === '' || text === '~' || text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(0|[1-9]\d*)$/.test(text)) return Number(text);
  if (/: |\s#/.test(text)) throw new YamlSubsetError(`ambiguous plain scalar (quote it): ${text}`, no);
  return text;
}

/** `key: rest` → [key, rest]; undefined when the line is not a mapping entry. */
function splitEntry(text: string): [string, string] | undefined {
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/.exec(text);
  if (quoted) return [String(parseScalar(quoted[1] ?? '', 0)), quoted[2] ?? ''];
  const plain = /^([^\s"'#:][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  return plain ? [plain[1] ?? '', plain[2] ?? ''] : undefined;
}

export function parseYamlSubset(source: string): YamlValue {
  const raw = source.replace(/\r\n/g, '\n').split('\n');
  let lines: Line[] = [];
  raw.forEach((text, i) => {
    if (text.slice(0, text.length - text.trimStart().length).includes('\t')) throw new YamlSubsetError('tab in indentation', i + 1);
    if (/^(---|\.\.\.)\s*$/.test(text)) throw new YamlSubsetError('document markers are outside the subset', i + 1);
    lines.push({ no: i + 1, indent: text.length - text.trimStart().length, text: text.trimStart() });
  });
  let at = 0;
  const significant = (l: Line | undefined) => l !== undefined && l.text !== '' && !l.text.startsWith('#');
  const skip = () => {
    while (at < lines.length && !significant(lines[at])) at += 1;
  };

  function blockScalar(style: string, parentIndent: number): string {
    const body: Line[] = [];
    while (at < lines.length) {
      const l = lines[at] as Line;
      if (l.text !== '' && l.indent <= parentIndent) break;
      body.push(l);
      at += 1;
    }
    while (body.length > 0 && body[body.length - 1]?.text === '') body.pop();
    const base = body.find((l) => l.text !== '')?.indent ?? parentIndent + 1;
    const texts = body.map((l) => {
      if (l.text !== '' && l.indent !== base && style.startsWith('>')) throw new YamlSubsetError('more-indented lines in a folded scalar', l.no);
      return l.text === '' ? '' : ' '.repeat(l.indent - base) + l.text;
    });
    let out: string;
    if (style.startsWith('|')) out = texts.join('\n');
    else {
      out = '';
      let blanks = 0;
      for (const t of texts) {
        if (t === '') blanks += 1;
        else {
          out += out === '' ? t : blanks > 0 ? '\n'.repeat(blanks) + t : ` ${t}`;
          blanks = 0;
        }
      }
    }
    return style.endsWith('-') ? out : `${out}\n`;
  }

  function value(rest: string, line: Line, indent: number): YamlValue {
    if (/^[>|]-?$/.test(rest)) return blockScalar(rest, indent);
    if (rest !== '') return parseScalar(stripComment(rest), line.no);
    skip();
    const next = lines[at];
    if (!next || next.indent < indent || (next.indent === indent && !next.text.startsWith('-'))) return null;
    return block(next.indent);
  }

  function block(indent: number): YamlValue {
    skip();
    const first = lines[at];
    if (!first) return null;
    return first.text === '-' || first.text.startsWith('- ') ? sequence(indent) : map(indent);
  }

  function map(indent: number): YamlValue {
    const out: Record<string, YamlValue> = {};
    for (skip(); at < lines.length; skip()) {
      const line = lines[at] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlSubsetError('unexpected indentation', line.no);
      const entry = splitEntry(stripComment(line.text));
      if (!entry) throw new YamlSubsetError(`expected "key: value", got ${line.text}`, line.no);
      const [key, rest] = entry;
      if (Object.hasOwn(out, key)) throw new YamlSubsetError(`duplicate key ${key}`, line.no);
      at += 1;
      out[key] = value(rest, line, indent);
    }
    return out;
  }

  function sequence(indent: number): YamlValue {
    const out: YamlValue[] = [];
    for (skip(); at < lines.length; skip()) {
      const line = lines[at] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlSubsetError('unexpected indentation', line.no);
      // A sibling key after `key:\n- item` lists at the key's column ends the sequence.
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      const inner = line.indent + (line.text.length - rest.length);
      if (rest !== '' && splitEntry(stripComment(rest))) {
        // `- key: value` opens a map whose entries continue at the column of `key`.
        lines = [...lines.slice(0, at), { no: line.no, indent: inner, text: rest }, ...lines.slice(at + 1)];
        out.push(map(inner));
      } else {
        at += 1;
        out.push(value(rest, line, indent));
      }
    }
    return out;
  }

  const result = block(0);
  skip();
  if (at < lines.length) throw new YamlSubsetError('unexpected content', lines[at]?.no);
  return result;
}
