import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

/**
 * Writes chunks to a file, waiting for the stream to drain when its buffer is full, so a
 * generator far faster than the disk never piles lines up in memory.
 */
export async function writeChunks(path: string, chunks: Iterable<string>): Promise<number> {
  const stream = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const failed = once(stream, 'error').then(([error]) => {
    throw error;
  });
  // Marked handled here; each await below still sees the rejection through Promise.race.
  failed.catch(() => {});
  try {
    for (const chunk of chunks) {
      // Encoded once here: the stream would encode the string again after byteLength scanned it.
      const encoded = Buffer.from(chunk, 'utf8');
      bytes += encoded.length;
      if (!stream.write(encoded)) await Promise.race([once(stream, 'drain'), failed]);
    }
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return bytes;
}
