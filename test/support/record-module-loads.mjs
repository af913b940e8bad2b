// `node --import <this file>` with RECORD_MODULES_TO=<file>: appends the URL of every module the ESM loader
// resolves (the program's own imports and their packages) to that file, one a line. For start-up tests.
import { register } from 'node:module';
import process from 'node:process';

const to = process.env.RECORD_MODULES_TO;
if (!to) throw new Error('expected RECORD_MODULES_TO (the file to record module URLs in), found none');
register('./record-module-loads-hooks.mjs', import.meta.url, { data: { to } });
