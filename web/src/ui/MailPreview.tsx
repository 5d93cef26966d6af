// A rendered mail as a recipient would see it: the HTML in a sandboxed frame and the plain text, wrapped.
import { Code } from '@mantine/core';

/**
 * Links open in a new tab (`<base target="_blank">`, and the sandbox allows popups that escape it); scripts never
 * run and the frame never gets the app's origin, so a template cannot act as a page of the app.
 */
function withLinksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length);
  const opening = /^\s*(<!doctype[^>]*>)?\s*(<html(\s[^>]*)?>)?/i.exec(html)![0];
  return opening + base + html.slice(opening.length);
}

export function MailHtml({ title, html, minHeight = 280 }: { title: string; html: string | undefined; minHeight?: number }) {
  return (
    <iframe
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={html === undefined ? undefined : withLinksInNewTab(html)}
      style={{ width: '100%', minHeight, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
    />
  );
}

export function MailText({ text }: { text: string | undefined }) {
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Code>
  );
}
