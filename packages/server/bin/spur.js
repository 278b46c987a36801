#!/usr/bin/env node
// The `spur` command. Runs the TypeScript sources directly through tsx, so `npx spur` works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
