// Runs axe (WCAG 2.1 A and AA rules) on what a browser test is looking at; every page and dialog a test visits is checked.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const failingImpacts = new Set(['critical', 'serious']);

/** Fails with each critical or serious axe violation on the page (open dialogs included), named by `label`. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Wait for the page's main content (or an open dialog) rather than a fixed time.
  await page.locator('main, [role="dialog"]').first().waitFor();
  // A dialog or toast still fading in would be measured half-transparent: wait for finite animations to end.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
  // Legacy mode runs axe inside the page itself: no extra page is opened, which pages made by browser.newPage() refuse.
  // Only violations are detailed: passes are most of axe's work and nobody reads them.
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
  const failing = results.violations.filter((v) => failingImpacts.has(v.impact ?? ''));
  if (failing.length === 0) return;
  const lines = failing.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
    return `- [${v.impact}] ${v.id}: ${v.help} — ${targets}${more}`;
  });
  throw new Error(`axe: ${failing.length} critical/serious violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`);
}
