// A public node under load, in its own process (started by bench/common.ts with `node --import tsx`):
// the real `--role public` app (server/src/scale/public-node.ts) reading the offices from the Redis
// at BENCH_REDIS_URL, rate limits and logs off. Prints one `BENCH_READY {pid, port}` line, then
// serves until SIGTERM/SIGINT or until its stdin closes (the parent died).
import { buildPublicNode } from '@jiaohao/server';
import { testConfig } from '@jiaohao/server/testing';
import { exitWhenTold, READY_PREFIX } from './common';

async function main(): Promise<void> {
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!redisUrl) throw new Error('public-node-child.ts needs BENCH_REDIS_URL');
  const { app } = await buildPublicNode(testConfig({ role: 'public', redisUrl, rateLimits: 'off', logLevel: 'silent' }), { logger: false });
  exitWhenTold(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('public node has no address');
  process.stdout.write(`${READY_PREFIX}${JSON.stringify({ pid: process.pid, port: address.port })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
