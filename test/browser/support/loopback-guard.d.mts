export function isLoopbackHost(host: string | undefined): boolean;
export function installLoopbackGuard(onBlocked: (attempt: string) => void): void;
export function pinListenersToLoopback(): void;
