#!/usr/bin/env node
import { existsSync } from 'node:fs';

// A .env in the working directory is read first; variables already set in the environment win.
if (existsSync('.env')) process.loadEnvFile('.env');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
