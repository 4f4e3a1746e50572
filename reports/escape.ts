// Escaping for the two markup languages reports write. XML 1.0 also forbids most control characters
// outright, so they are replaced rather than escaped: a trace message with a stray \u0007 must not
// make a JUnit file that CI refuses to parse.

// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML text and attribute values; the same rules serve both. */
export function escapeHtml(text: string): string {
  return escapeXml(text);
}

/** Markdown table cells: pipes and newlines would break the row. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
