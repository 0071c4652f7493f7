// Bundles the CLI into dist/cli/ with esbuild (`npm run build` runs it after type-checking). Node then
// loads a few dozen files instead of resolving, reading and compiling hundreds on every command, which was
// most of a command's start-up (see docs/benchmarks.md, CLI). Every dynamic `import()` in src/ becomes its
// own chunk, so a command still loads only what it uses.
//
// Usage: node scripts/bundle-cli.mjs
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'cli');
const nextDir = path.join(root, 'dist', `.cli-next-${process.pid}`);
const require = createRequire(import.meta.url);

// Left to Node to load from node_modules, each for a reason:
const external = [
  // native addons, found by file layout at run time
  'better-sqlite3',
  'pg-native',
  // the Prisma CLI is run as a child process for migrations, never imported
  'prisma',
  // pino-pretty runs as a pino transport (a worker thread started by file name), never imported by src/;
  // Docket's own logger writes to a stream, so pino itself bundles
  'pino-pretty',
  // the web server and its plugins load only for `serve`, which starts once and runs for days
  'fastify',
  '@fastify/*',
  // PostgreSQL's driver and its Prisma adapter stay as installed: bundled, a connection lost while the
  // server restarted surfaced as an unhandled 'error' event and killed `docket serve` (fault suite,
  // scenario 4); the store's own start-up cost is not in them.
  'pg',
  '@prisma/adapter-pg',
];

/**
 * Prisma's generated client imports its query compiler as a 2.5 MB base64 string module, which Node must
 * parse and decode, and then compiles the WebAssembly on the main thread when the first query runs. In
 * the bundle the decoded .wasm ships beside the chunks instead, and is compiled asynchronously (V8 does
 * that on a background thread) from the moment the generated client loads, while the rest of Prisma and
 * the database driver load. Two small, checked edits to the generated internal/class.ts do it.
 */
function queryCompilerAsFile(written) {
  const wasmModule = /^@prisma\/client\/runtime\/query_compiler_bg\.(\w+)\.wasm-base64\.mjs$/;
  return {
    name: 'query-compiler-wasm-file',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]generated[\\/]\w+[\\/]internal[\\/]class\.ts$/ }, async (args) => {
        let source = await readFile(args.path, 'utf8');
        const specifier = /import\("(@prisma\/client\/runtime\/query_compiler_bg\.\w+\.wasm-base64\.mjs)"\)/.exec(source)?.[1];
        const decode = 'return await decodeBase64AsWasm(wasm)';
        if (!specifier || source.split(decode).length !== 2) {
          throw new Error(`bundle-cli: ${path.relative(root, args.path)} no longer loads its query compiler as expected (did Prisma change it?)`);
        }
        source = `import ${JSON.stringify(specifier)};\n${source.replace(decode, 'return await wasm')}`;
        return { contents: source, loader: 'ts' };
      });
      b.onResolve({ filter: wasmModule }, (args) => ({ path: args.path, namespace: 'query-compiler-wasm' }));
      b.onLoad({ filter: /.*/, namespace: 'query-compiler-wasm' }, async (args) => {
        const provider = wasmModule.exec(args.path)[1];
        const { wasm } = await import(require.resolve(args.path));
        const file = `query-compiler.${provider}.wasm`;
        writeFileSync(path.join(nextDir, file), Buffer.from(wasm, 'base64'));
        written.add(provider);
        return {
          contents: [
            "import { readFile } from 'node:fs/promises';",
            `export const wasm = readFile(new URL('./${file}', import.meta.url)).then((bytes) => WebAssembly.compile(bytes));`,
            '// A command that never queries never awaits it: that must not count as an unhandled rejection.',
            'wasm.catch(() => {});',
            '',
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

rmSync(nextDir, { recursive: true, force: true });
mkdirSync(nextDir, { recursive: true });
const wasmWritten = new Set();
try {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts', 'stop-signal': 'src/cli/stop-signal.ts' },
    outdir: nextDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as __docketCreateRequire } from 'node:module';\nconst require = __docketCreateRequire(import.meta.url);" },
    // Whitespace and syntax only: less for V8 to scan on every start; names stay readable in stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    plugins: [queryCompilerAsFile(wasmWritten)],
    logLevel: 'warning',
    metafile: Boolean(process.env.BUNDLE_META),
  });
  // BUNDLE_META=1 keeps esbuild's account of what went into which file (for `esbuild --analyze`-style reading).
  if (result.metafile) writeFileSync(path.join(nextDir, 'meta.json'), JSON.stringify(result.metafile));
  for (const provider of ['sqlite', 'postgresql']) {
    if (!wasmWritten.has(provider)) throw new Error(`bundle-cli: the ${provider} query compiler was not found in the generated client; did Prisma change how it loads it?`);
  }
  // Swap the finished bundle in, so a command started meanwhile sees the old bundle or the new one.
  const oldDir = `${outDir}.old-${process.pid}`;
  rmSync(oldDir, { recursive: true, force: true });
  try {
    renameSync(outDir, oldDir);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(nextDir, outDir);
  rmSync(oldDir, { recursive: true, force: true });
} catch (error) {
  rmSync(nextDir, { recursive: true, force: true });
  throw error;
}
