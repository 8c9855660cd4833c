// Settings from the environment, checked once at startup: a typo stops the
// server with one clear line instead of a stack trace, or a random port.
export interface Config {
  port: number;
  host: string;
  // How many reverse proxies sit in front of the app (0: none). Their
  // X-Forwarded-* headers are believed for that many hops, no more.
  trustProxy: number;
}

export class ConfigError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${String(min)} to ${String(max)}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: wholeNumber('PORT', env.PORT, 3000, 1, 65_535),
    // Every IPv4 interface by default, which is what a container needs.
    host: env.HOST ?? '0.0.0.0',
    trustProxy: wholeNumber('TRUST_PROXY', env.TRUST_PROXY, 0, 0, 16),
  };
}

// One line for an error that stops the server. A refused connection to a
// host with several addresses is an AggregateError whose message is empty.
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = 'code' in err && typeof err.code === 'string' ? err.code : '';
    return err.message || code || err.name;
  }
  return String(err);
}
