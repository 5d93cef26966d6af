// The one Mantine theme of the app.
import { createTheme, darken, luminance } from '@mantine/core';
import type { CSSVariablesResolver, MantineTheme } from '@mantine/core';

// Mantine's close buttons have only an icon: name them once here so every dialog, toast and alert can be closed by a
// screen-reader user (axe's button-name).
const closeButtonProps = { 'aria-label': 'Close' };

export const theme = createTheme({
  primaryColor: 'indigo',
  // indigo.6 under white button text is 4.3:1; indigo.7 passes WCAG AA's 4.5:1 (Lighthouse's colour-contrast audit).
  primaryShade: 7,
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Badge: { defaultProps: { tt: 'none' }, styles: { root: { minWidth: 'max-content' } } },
    Modal: { defaultProps: { closeButtonProps } },
    Drawer: { defaultProps: { closeButtonProps } },
    // A toast's text under its title is gray.6 (3.3:1): the dimmed grey instead (axe found it on "Added to cart").
    Notification: { defaultProps: { closeButtonProps }, styles: { description: { color: 'var(--mantine-color-dimmed)' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Close' } },
    // Links in running text must not differ by colour alone (axe's link-in-text-block, found in a toast's text).
    Anchor: { defaultProps: { underline: 'always' } },
    // A table wider than a phone scrolls in its box: keyboard users reach the box by Tab and scroll it with the arrow
    // keys, with the usual focus ring (axe's scrollable-region-focusable).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0, className: 'mantine-focus-auto' } } } },
  },
});

// WCAG AA asks 4.5:1 for normal text; aim a little above so that rounding in the browser never lands under it.
const aa = 4.6;

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color` darkened in small steps until it has AA contrast against `background`. */
function darkEnough(color: string, background: string): string {
  let result = color;
  for (let step = 0.04; contrast(result, background) < aa && step < 1; step += 0.04) result = darken(color, step);
  return result;
}

/**
 * Mantine's default palettes put small text under AA: white on teal.7 is 3.1:1, the light variant's green.9 on green.1
 * (badges such as "Active") 3.8:1, indigo.9 on the hovered indigo.2 4.1:1 and field errors (red.6) 3.3:1. Each colour's
 * filled and light variants and the error colour are darkened just enough, here once, rather than page by page.
 */
function accessibleColorVariables(theme: MantineTheme): Record<string, string> {
  // Text in a colour (Text c="red", links, field errors) also sits on the back office's gray.0 pages, not only on white.
  const page = theme.colors.gray[0];
  const variables: Record<string, string> = { '--mantine-color-error': darkEnough(theme.colors.red[6], page) };
  for (const [name, shades] of Object.entries(theme.colors)) {
    const filled = darkEnough(shades[7], page);
    variables[`--mantine-color-${name}-filled`] = filled;
    variables[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.12);
    variables[`--mantine-color-${name}-outline`] = filled;
    // The light variant's text sits on shade 1 and, hovered, on shade 2: readable on the darker of the two.
    variables[`--mantine-color-${name}-light-color`] = darkEnough(shades[9], shades[2]);
  }
  return variables;
}

/** Mantine's dimmed text (gray.6) is 3.3:1 on white, under AA's 4.5:1 for the small print it is used for: one shade darker. */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  // Placeholders (gray.5, about 2:1) too: axe found the file picker's "Choose files" on the applicant's status page.
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)', ...accessibleColorVariables(theme) },
  dark: {},
});
