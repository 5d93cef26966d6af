/// <reference types="vite/client" />
// One i18n library for the whole web app (i18next, see docs/architecture.md "Languages"). The language follows the
// browser until the user picks one; the pick is remembered in localStorage. Resources are JSON per language and
// namespace under ./locales, each its own chunk of the build, loaded only for the current language and area.
import i18next from 'i18next';
import type { BackendModule, ReadCallback } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const languages = ['en', 'et'] as const;
export type Language = (typeof languages)[number];
/** Each language named in itself, as a switcher offers it. */
export const languageNames: Record<Language, string> = { en: 'English', et: 'Eesti' };
export const namespaces = ['common', 'storefront', 'hq', 'sales'] as const;
export type Namespace = (typeof namespaces)[number];

const storageKey = 'handshake.language';

// Vite turns each file into a chunk of its own; nothing is downloaded until a language and namespace are asked for.
const resources = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json');

const lazyJson: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    const load = resources[`./locales/${language}/${namespace}.json`];
    if (!load) return callback(new Error(`No ${namespace} texts in ${language}`), false);
    load().then((module) => callback(null, module.default), (error: unknown) => callback(error as Error, false));
  },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** A language tag such as et-EE or en-US as one of ours, or undefined. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return isLanguage(primary) ? primary : undefined;
}

function rememberedLanguage(): Language | undefined {
  try {
    return languageOf(localStorage.getItem(storageKey));
  } catch {
    return undefined; // storage blocked: follow the browser
  }
}

/** The remembered pick, else the browser's first language we ship (Estonian for et-*), else English. */
export function initialLanguage(): Language {
  const fromBrowser = (navigator.languages ?? [navigator.language]).map(languageOf).find(Boolean);
  return rememberedLanguage() ?? fromBrowser ?? 'en';
}

export function currentLanguage(): Language {
  return languageOf(i18next.resolvedLanguage ?? i18next.language) ?? 'en';
}

/** `<html lang>` follows the language: screen readers read with it, and ui/format.ts formats dates and money by it. */
function syncDocumentLanguage(language: string) {
  document.documentElement.lang = languageOf(language) ?? 'en';
}

// The router starts loading the first page's chunk (and its texts) when it is created, before startI18n has run.
let started: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  started = resolve;
});

/** Starts i18next with the common texts of the current language; the app renders when they are there. */
export async function startI18n(): Promise<void> {
  const language = initialLanguage();
  syncDocumentLanguage(language);
  i18next.on('languageChanged', syncDocumentLanguage);
  await i18next
    .use(lazyJson)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...languages],
      // Only our two-letter codes are loaded, never et-EE then et.
      load: 'languageOnly',
      ns: ['common'],
      defaultNS: 'common',
      // React escapes what it renders already.
      interpolation: { escapeValue: false },
      // Pages preload their area's texts in their route (loadArea); a missing one must not blank the page.
      react: { useSuspense: false },
      returnNull: false,
    });
  started();
}

/** The texts of an area (storefront, hq, sales) in the current language, loaded before its pages render. */
export async function loadArea(namespace: Namespace): Promise<void> {
  await ready;
  await i18next.loadNamespaces(namespace);
}

/** Switches the language (loading the texts in use first) and remembers the pick in this browser. */
export async function switchLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // storage blocked: the pick lasts for this page only
  }
  await i18next.changeLanguage(language);
}

export { i18next };
