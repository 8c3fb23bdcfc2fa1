#!/usr/bin/env node
// The doelpoort-kit CLI (check, conform), compiled to dist/ when the package is built.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
