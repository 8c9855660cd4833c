// Settings from the environment, checked once at startup: a typo stops the
// server with one clear line instead of a stack trace, or a random port.

export class ConfigError extends Error {}

function wholeNumber(name, raw, fallback, min, max) {
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

export function loadConfig(env = process.env) {
  return {
    port: wholeNumber('PORT', env.PORT, 3000, 1, 65_535),
    // Every IPv4 interface by default, which is what a container needs.
    host: env.HOST ?? '0.0.0.0',
    // How many reverse proxies sit in front of the app (0: none). Their
    // X-Forwarded-* headers are believed for that many hops, no more.
    trustProxy: wholeNumber('TRUST_PROXY', env.TRUST_PROXY, 0, 0, 16),
  };
}

// One line for an error that stops the server. A refused connection to a
// host with several addresses is an AggregateError whose message is empty.
export function describeError(err) {
  if (err instanceof Error) {
    return err.message || err.code || err.name;
  }
  return String(err);
}
