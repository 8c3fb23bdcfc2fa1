/**
 * SIGTERM to the process `npm start` started (npm itself, as a service manager or an operator
 * signals it) stops the gateway gracefully: npm passes the signal on to the gateway, which is its
 * direct child (the start script execs node), answers the request it had started, and exits 0;
 * npm exits with it, and no gateway process is left behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { heldRequest } from '../helpers/held-request.ts';
import { PROJECT } from '../helpers/product.ts';
import { startProductProcess, type ProductProcess } from '../helpers/product-process.ts';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('SIGTERM to npm start', () => {
  let dataDir: string | undefined;
  let product: ProductProcess | undefined;
  let gatewayPid: number | undefined;
  afterEach(async () => {
    if (gatewayPid !== undefined && isRunning(gatewayPid)) process.kill(gatewayPid, 'SIGKILL');
    if (product && product.child.exitCode === null && product.child.signalCode === null) product.child.kill('SIGKILL');
    await product?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stops the gateway gracefully: the started request is answered, npm and the gateway exit 0', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-npm-start-'));
    product = await startProductProcess(dataDir, { viaNpmStart: true });
    const started = await product.waitForEvent('gateway.started');
    gatewayPid = Number(started['pid']);
    expect(gatewayPid).not.toBe(product.child.pid);
    const issuer = await ensureLocalIssuer(dataDir);
    const analist = await issuer.sign({ id: 'analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] });
    const held = heldRequest(product.url, analist, { project: PROJECT, purpose: 'uitkeringsfraude' }, '{ __typename }');
    await held.accepted;

    product.child.kill('SIGTERM');
    await product.waitForEvent('gateway.stopping');
    held.sendBody();

    expect(await held.answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await product.exited).toEqual({ code: 0, signal: null });
    expect(product.events().filter((e) => String(e['event']).startsWith('gateway.st')).map((e) => [e['event'], e['graceful']])).toEqual([
      ['gateway.started', undefined],
      ['gateway.stopping', undefined],
      ['gateway.stopped', true],
    ]);
    expect(isRunning(gatewayPid)).toBe(false);
  }, 120_000);
});
