// Plain JavaScript on purpose: it is preloaded (`node --import`) into the Agents Playground, a process we
// do not build, as well as imported by the browser test itself.
import dns from 'node:dns';
import net from 'node:net';
import process from 'node:process';

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '::ffff:127.0.0.1']);

/** @param {string | undefined} host */
export function isLoopbackHost(host) {
  if (host === undefined || host === '') return true; // Node's default host is localhost.
  const bare = host.toLowerCase().replace(/\.$/, '');
  return loopbackNames.has(bare) || bare.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The destination of a `Socket#connect` call, whichever of its signatures was used; `net.connect`
 * passes an already normalised `[options, callback]` array.
 * @param {unknown[]} args
 * @returns {{ host?: string, port?: unknown, ipc: boolean }}
 */
function destinationOf(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { ipc: true };
  if (typeof first === 'object' && first !== null) {
    const options = /** @type {{ path?: unknown, host?: unknown, port?: unknown }} */ (first);
    if (typeof options.path === 'string') return { ipc: true };
    return { host: typeof options.host === 'string' ? options.host : undefined, port: options.port, ipc: false };
  }
  return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first, ipc: false };
}

/**
 * Refuses, in this Node process, every TCP connection and DNS lookup that is not for a loopback address,
 * as a connection error the caller sees, and reports each refusal to `onBlocked`. Idempotent.
 * @param {(attempt: string) => void} onBlocked
 */
export function installLoopbackGuard(onBlocked) {
  const socketProto = /** @type {{ connect: (...args: unknown[]) => unknown, __loopbackGuard?: boolean }} */ (
    /** @type {unknown} */ (net.Socket.prototype)
  );
  if (socketProto.__loopbackGuard) return;
  socketProto.__loopbackGuard = true;

  const connect = socketProto.connect;
  socketProto.connect = function guardedConnect(...args) {
    const target = destinationOf(args);
    if (target.ipc || isLoopbackHost(target.host)) return connect.apply(this, args);
    const attempt = `tcp ${target.host}:${String(target.port)}`;
    onBlocked(attempt);
    const error = Object.assign(new Error(`loopback guard refused ${attempt}`), { code: 'ECONNREFUSED' });
    // Fail the way a refused connection fails: asynchronously, through the socket's 'error' event.
    process.nextTick(() => /** @type {net.Socket} */ (this).destroy(error));
    return this;
  };

  const lookup = dns.lookup;
  /** @type {(...args: unknown[]) => void} */
  const guardedLookup = function guardedLookup(...args) {
    const [hostname] = args;
    const callback = args[args.length - 1];
    if (typeof hostname === 'string' && !isLoopbackHost(hostname) && net.isIP(hostname) === 0 && typeof callback === 'function') {
      onBlocked(`dns ${hostname}`);
      const error = Object.assign(new Error(`loopback guard refused a lookup of ${hostname}`), { code: 'ENOTFOUND', hostname });
      process.nextTick(() => callback(error));
      return;
    }
    /** @type {(...a: unknown[]) => void} */ (lookup).apply(dns, args);
  };
  dns.lookup = /** @type {typeof dns.lookup} */ (/** @type {unknown} */ (guardedLookup));
}

/**
 * Makes servers in this process that listen on a port without naming a host listen on 127.0.0.1 instead
 * of every interface, so nothing outside this machine can reach them. Idempotent.
 */
export function pinListenersToLoopback() {
  const serverProto = /** @type {{ listen: (...args: unknown[]) => unknown, __loopbackPinned?: boolean }} */ (
    /** @type {unknown} */ (net.Server.prototype)
  );
  if (serverProto.__loopbackPinned) return;
  serverProto.__loopbackPinned = true;

  const listen = serverProto.listen;
  serverProto.listen = function pinnedListen(...args) {
    const [first] = args;
    const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
    if (isPort && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
    else if (typeof first === 'object' && first !== null && !('path' in first) && !('host' in first) && !('fd' in first) && !('_handle' in first)) {
      args[0] = { ...first, host: '127.0.0.1' };
    }
    return listen.apply(this, args);
  };
}
