// Source-row filters of a table map: `partyType == "Person"`, `email ne null and startswith(name, 'A')`.
// HQ's query-range style (==, !=) and the CRM's OData style (eq, ne, gt, …) share one small grammar.

export type Filter = (row: Record<string, unknown>) => boolean;

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string };

const operators: Record<string, string> = { '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le', eq: 'eq', ne: 'ne', gt: 'gt', ge: 'ge', lt: 'lt', le: 'le' };

export class FilterError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(==|!=|>=|<=|>|<)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*)|([(),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const m = pattern.exec(text);
    if (!m) throw new FilterError(`The filter cannot be read at "${text.slice(index).trim().slice(0, 20)}".`);
    index = pattern.lastIndex;
    if (m[1]) tokens.push({ kind: 'op', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'string', text: m[2].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (m[3]) tokens.push({ kind: 'number', text: m[3] });
    else if (m[4]) tokens.push({ kind: operators[m[4].toLowerCase()] && !['and', 'or', 'not'].includes(m[4].toLowerCase()) ? 'op' : 'word', text: m[4] });
    else tokens.push({ kind: 'punct', text: m[5]! });
  }
  return tokens;
}

/** Parses a filter; `fields` are the names the row may have (an unknown one is an error). Empty text keeps every row. */
export function parseFilter(text: string | null | undefined, fields: string[]): Filter {
  if (!text || !text.trim()) return () => true;
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (!token) throw new FilterError('The filter ends too early.');
    return token;
  };
  const expect = (punct: string) => {
    const token = next();
    if (token.text !== punct) throw new FilterError(`The filter expects "${punct}" but has "${token.text}".`);
  };
  const field = (name: string) => {
    if (!fields.includes(name)) throw new FilterError(`The filter names "${name}", which is not a field of this entity.`);
    return name;
  };
  const literal = (): unknown => {
    const token = next();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word' && /^(null|true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'null' ? null : token.text.toLowerCase() === 'true';
    throw new FilterError(`The filter expects a value but has "${token.text}".`);
  };

  function primary(): Filter {
    const token = next();
    if (token.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (token.kind === 'word' && token.text.toLowerCase() === 'not') {
      const inner = primary();
      return (row) => !inner(row);
    }
    if (token.kind === 'word' && /^(startswith|endswith|contains)$/i.test(token.text)) {
      const fn = token.text.toLowerCase();
      expect('(');
      const name = field(next().text);
      expect(',');
      const value = String(literal()).toLowerCase();
      expect(')');
      return (row) => {
        const v = String(row[name] ?? '').toLowerCase();
        return fn === 'startswith' ? v.startsWith(value) : fn === 'endswith' ? v.endsWith(value) : v.includes(value);
      };
    }
    if (token.kind !== 'word') throw new FilterError(`The filter expects a field name but has "${token.text}".`);
    const name = field(token.text);
    const op = next();
    const code = operators[op.text.toLowerCase()];
    if (!code) throw new FilterError(`"${op.text}" is not a comparison; use ==, !=, eq, ne, gt, ge, lt or le.`);
    const value = literal();
    return (row) => compare(row[name], code, value);
  }
  function and(): Filter {
    let left = primary();
    while (peek()?.kind === 'word' && peek()!.text.toLowerCase() === 'and') {
      at++;
      const l = left;
      const r = primary();
      left = (row) => l(row) && r(row);
    }
    return left;
  }
  function or(): Filter {
    let left = and();
    while (peek()?.kind === 'word' && peek()!.text.toLowerCase() === 'or') {
      at++;
      const l = left;
      const r = and();
      left = (row) => l(row) || r(row);
    }
    return left;
  }

  const filter = or();
  if (at < tokens.length) throw new FilterError(`The filter has something left over at "${tokens[at]!.text}".`);
  return filter;
}

function compare(actual: unknown, op: string, expected: unknown): boolean {
  const a = actual === undefined || actual === '' ? null : actual;
  if (expected === null) return op === 'eq' ? a === null : op === 'ne' ? a !== null : false;
  if (a === null) return op === 'ne';
  const left = typeof expected === 'number' ? Number(a) : typeof expected === 'boolean' ? a === true || a === 'true' : String(a);
  switch (op) {
    case 'eq':
      return left === expected;
    case 'ne':
      return left !== expected;
    case 'gt':
      return left > (expected as number | string);
    case 'ge':
      return left >= (expected as number | string);
    case 'lt':
      return left < (expected as number | string);
    default:
      return left <= (expected as number | string);
  }
}
