import { join } from 'node:path';

export function fixture(name: string): string {
  return join(import.meta.dirname, '../fixtures/sellout', name);
}
