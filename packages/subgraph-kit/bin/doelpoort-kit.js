#!/usr/bin/env node
// The doelpoort-kit CLI: the kit ships TypeScript, loaded with tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
