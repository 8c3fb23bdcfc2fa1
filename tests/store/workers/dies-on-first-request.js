// A stand-in for pglite-worker.js that starts, then dies at the first request it receives.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
parentPort.postMessage({ op: 'ready' });
