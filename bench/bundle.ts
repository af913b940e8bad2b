/**
 * Bundles a TypeScript entry into one ES module that plain node runs, as `npm run build` treats the bot: our code
 * inlined, every npm package left an external import, so it loads from the node_modules above `outfile`.
 */
export async function bundleForNode(entry: string, outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  await build({ entryPoints: [entry], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
}
