const needsEscape = /[\\\t\n\r]/;

/** Whether `text` holds a character COPY text must escape (backslash, tab, line break). */
export function needsCopyEscape(text: string): boolean {
  return needsEscape.test(text);
}

/** One field in PostgreSQL COPY text format: backslash, tab and line breaks escaped. */
export function copyField(value: string | null): string {
  if (value === null) return '\\N';
  if (!needsEscape.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (character) =>
    character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r',
  );
}
