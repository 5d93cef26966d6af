// Every text exists in English and Estonian, and every key the code asks for exists: a missing text shows as its
// key to a user, so it fails here instead. Covers the web app's namespaces and the mail templates.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const webLocales = path.join(root, 'web/src/i18n/locales');
const mailLocales = path.join(root, 'src/mail/locales');
const languages = ['en', 'et'];

type Tree = { [key: string]: string | Tree };

/** Leaf keys as i18next addresses them (a.b.c); plural forms (_one, _other) stand for their base key too. */
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : leaves(value, `${prefix}${key}.`)));
}
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;
const namespaces = fs.readdirSync(path.join(webLocales, 'en')).map((file) => file.replace(/\.json$/, ''));
const keysOf = (language: string, namespace: string) => new Set(leaves(read(path.join(webLocales, language, `${namespace}.json`))));

describe('texts in both languages', () => {
  it('ships the same namespaces in every language', () => {
    for (const language of languages) expect(fs.readdirSync(path.join(webLocales, language)).sort(), language).toEqual(namespaces.map((n) => `${n}.json`).sort());
  });

  for (const namespace of namespaces) {
    it(`has every ${namespace} key in English and Estonian`, () => {
      const [en, et] = languages.map((language) => keysOf(language, namespace)) as [Set<string>, Set<string>];
      expect([...en].filter((key) => !et.has(key)), `${namespace}: in English, missing in Estonian`).toEqual([]);
      expect([...et].filter((key) => !en.has(key)), `${namespace}: in Estonian, missing in English`).toEqual([]);
      for (const language of languages) {
        const tree = read(path.join(webLocales, language, `${namespace}.json`));
        const empty = leaves(tree).filter((key) => !key.split('.').reduce<Tree | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree));
        expect(empty, `${namespace} (${language}): empty texts`).toEqual([]);
      }
    });
  }

  it('has every mail template in English and Estonian, with the same placeholders', () => {
    const [en, et] = languages.map((language) => read(path.join(mailLocales, `${language}.json`))) as [Tree, Tree];
    expect(Object.keys(et).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => [...new Set(text.match(/%[a-z]+%/g) ?? [])].sort();
    for (const [type, template] of Object.entries(en) as [string, Record<string, string>][]) {
      for (const part of ['subject', 'html', 'text']) {
        const estonian = (et[type] as Record<string, string>)[part];
        expect(estonian, `${type} ${part} in Estonian`).toBeTruthy();
        expect(placeholders(estonian!), `${type} ${part}: placeholders`).toEqual(placeholders(template[part]!));
      }
    }
  });
});

/** Source files and the namespace their bare keys belong to (web/src/<area>/… uses its area's namespace). */
function sources(): { file: string; namespace: string }[] {
  const areaNamespace: Record<string, string> = { storefront: 'storefront', hq: 'hq', sales: 'sales' };
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'locales' ? [] : walk(full);
      return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
    });
  return [...walk(path.join(root, 'web/src')), ...walk(path.join(root, 'src'))].map((file) => {
    const area = path.relative(path.join(root, 'web/src'), file).split(path.sep)[0]!;
    return { file, namespace: areaNamespace[area] ?? 'common' };
  });
}

describe('keys used in code', () => {
  it('finds every t(\'key\') of web/src and src in English', () => {
    const known = new Map(namespaces.map((namespace) => [namespace, keysOf('en', namespace)]));
    const has = (namespace: string, key: string) => {
      const keys = known.get(namespace);
      return Boolean(keys && (keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`)));
    };
    const missing: string[] = [];
    let used = 0;
    for (const { file, namespace } of sources()) {
      const text = fs.readFileSync(file, 'utf8');
      // A literal key: t('a.b'), i18next.t('ns:a.b'), t("a.b", {…}); a key built at run time is not checked.
      for (const match of text.matchAll(/\bt\(\s*(['"])([A-Za-z0-9_.:-]+)\1/g)) {
        const written = match[2]!;
        const [ns, key] = written.includes(':') ? (written.split(':', 2) as [string, string]) : [namespace, written];
        used += 1;
        if (!has(ns, key)) missing.push(`${path.relative(root, file)}: ${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
    // The pattern still finds the keys (a change of style must not make this test check nothing).
    expect(used).toBeGreaterThan(30);
  });
});
