// A stand-in for pglite-worker.js whose code fails as it loads.
throw new Error('this thread cannot start');
