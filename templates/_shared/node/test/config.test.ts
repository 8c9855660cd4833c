import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { ConfigError, loadConfig } from '../src/config.ts';

// What src/server.js refuses to start with: one line naming the setting, what
// it may be, and the value it got.
function assertRefused(env: NodeJS.ProcessEnv, message: string): void {
  assert.throws(() => loadConfig(env), ConfigError);
  assert.throws(() => loadConfig(env), { message });
}

describe('loadConfig', () => {
  it('needs nothing set', () => {
    assert.deepEqual(loadConfig({}), { port: 3000, host: '0.0.0.0', trustProxy: 0 });
  });

  it('reads PORT, HOST and TRUST_PROXY', () => {
    assert.deepEqual(loadConfig({ PORT: '8080', HOST: '127.0.0.1', TRUST_PROXY: '2' }), {
      port: 8080,
      host: '127.0.0.1',
      trustProxy: 2,
    });
  });

  it('takes TRUST_PROXY as a count of proxies, 0 to 16', () => {
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, 0);
    assert.equal(loadConfig({ TRUST_PROXY: '16' }).trustProxy, 16);
  });

  it('refuses a TRUST_PROXY that is not a count of proxies', () => {
    // `true` would believe every hop, so any client's own X-Forwarded-For:
    // only a count is taken.
    for (const value of ['', 'yes', 'true', 'loopback', '-1', '1.5', '1e1', ' 1', '17']) {
      assertRefused({ TRUST_PROXY: value }, `TRUST_PROXY must be a whole number from 0 to 16, not ${JSON.stringify(value)}`);
    }
  });

  it('refuses a PORT that is not a port', () => {
    for (const value of ['', 'abc', '0', '3000.5', '70000']) {
      assertRefused({ PORT: value }, `PORT must be a whole number from 1 to 65535, not ${JSON.stringify(value)}`);
    }
  });
});
