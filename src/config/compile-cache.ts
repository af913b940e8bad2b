import nodeModule from 'node:module';

/**
 * Turns on Node's on-disk compile cache (V8 code cache) for every module loaded afterwards: a start after the
 * first one skips compiling teams-ai, botbuilder and the rest again. Node ≥ 22.1 has it (production runs 24);
 * on Node 20 this does nothing. The folder is `NODE_COMPILE_CACHE` when set, else `<os.tmpdir()>/node-compile-cache`
 * (on App Service Linux, /tmp: local to the instance, emptied on restart of the container, which only costs one
 * slower start). `NODE_DISABLE_COMPILE_CACHE=1` turns it off. A cache that cannot be written is not an error:
 * Node reports it in the result and the bot starts without it.
 */
export function enableCompileCache(module: object = nodeModule): 'enabled' | 'unsupported' {
  const enable: unknown = Reflect.get(module, 'enableCompileCache');
  if (typeof enable !== 'function') return 'unsupported';
  enable.call(module);
  return 'enabled';
}
