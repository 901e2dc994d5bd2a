/**
 * Chromium and two servers of the repository (one cross-origin isolated, one plain), started
 * before a test file's tests and closed after them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from './chromium.js';
import { type Served, serve } from './serve.js';

export interface ChromiumHosts {
  browser: Browser;
  isolated: Served;
  plain: Served;
}

export function useChromiumHosts(): ChromiumHosts {
  const hosts = {} as ChromiumHosts;
  beforeAll(async () => {
    [hosts.browser, hosts.isolated, hosts.plain] = await Promise.all([launch(), serve({ isolated: true }), serve({ isolated: false })]);
  });
  afterAll(async () => {
    await Promise.all([hosts.browser?.close(), hosts.isolated?.server.close(), hosts.plain?.server.close()]);
  });
  return hosts;
}
