/**
 * `npm run demo`: tells the brief's five stories against the embedded default, step by step: who
 * asks, for which purpose and case, what is released, withheld and minimised, and why. Exits 1
 * when a step does not turn out as the story says. `npm run demo -- 3` tells one story.
 *
 * By default it starts the embedded default for the run, in a fresh data folder: first on
 * 2026-04-01 (`clockStart`), before the Belastingdienst's signal overlaps the corporation's, then on
 * 2026-11-23 for the case work. `--url <graphql url> --data-dir <its data folder>` uses a running
 * embedded default instead (its local issuer signs the tokens); the steps before the overlap are
 * then told only when its clock is before 2026-06-15, which the demo cannot know: it skips them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../gateway/config/index.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../gateway/identity/local-issuer.ts';
import { startDoelpoort, type Doelpoort } from '../gateway/main.ts';
import { embeddedDefault } from './embedded-default.ts';
import { PROJECT } from './demo/queries.ts';
import { checkMinimised, minimisedFields, releasedLeaves, type Step, type StepAnswer, type StoryState } from './demo/steps.ts';
import { STORIES } from './demo/stories.ts';

const BEFORE_OVERLAP = '2026-04-01T10:00:00+02:00';
const CASE_WORK = '2026-11-23T10:00:00+01:00';
const MAX_LINES = 12;

interface Target {
  url: string;
  issuer: Pick<LocalIssuer, 'sign'>;
}

interface Options {
  stories: number[];
  url?: string;
  dataDir?: string;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { stories: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--url') options.url = argv[++i];
    else if (arg === '--data-dir') options.dataDir = argv[++i];
    else if (/^[1-5]$/.test(arg)) options.stories.push(Number(arg));
    else throw new Error(`unknown argument "${arg}": give story numbers 1 to 5, and optionally --url <graphql url> --data-dir <folder>`);
  }
  if (options.url !== undefined && options.dataDir === undefined) throw new Error('--url needs --data-dir: the running gateway’s data folder, whose local issuer signs the tokens');
  if (options.stories.length === 0) options.stories = STORIES.map((s) => s.number);
  return options;
}

async function ask(target: Target, step: Step, state: StoryState): Promise<StepAnswer> {
  const token = await target.issuer.sign({ id: `demo-${step.who.org}-${step.who.role}`, organisation: step.who.org, roles: [step.who.role], projects: [PROJECT] });
  const origin = target.url.replace(/\/graphql$/, '');
  if (step.audit) {
    const { method, path, body } = step.audit;
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }
  const query = typeof step.query === 'function' ? step.query(state) : step.query!;
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': step.purpose },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

/** Tells one step and returns whether it turned out as the story says. */
async function tell(target: Target, label: string, step: Step, state: StoryState): Promise<boolean> {
  const text = typeof step.query === 'function' ? step.query(state) : (step.query ?? '');
  const cases = [...state].filter(([adresId, id]) => text.includes(adresId) || text.includes(id)).map(([, id]) => id);
  const out: string[] = [
    `\n[${label}] ${step.title}`,
    `  who: ${step.who.role} at ${step.who.org}; purpose: ${step.purpose}; project: ${PROJECT}; case: ${cases.length === 0 ? 'none (yet)' : [...new Set(cases)].join(', ')}`,
  ];
  const answer = await ask(target, step, state);
  step.remember?.(answer, state);
  if (step.audit) {
    out.push(`  asks the audit API: ${step.audit.method} ${step.audit.path}`, `  answer (HTTP ${answer.status}): ${JSON.stringify(answer.body).slice(0, 400)}`);
  } else {
    const released = releasedLeaves(answer.body.data);
    out.push(`  released: ${released.length === 0 ? 'nothing' : ''}`, ...released.slice(0, MAX_LINES).map((line) => `    ${line}`));
    if (released.length > MAX_LINES) out.push(`    … and ${released.length - MAX_LINES} more`);
    const errors = (answer.body.errors ?? []).filter((e) => e.extensions?.['code'] !== 'FIELD_MINIMISED');
    out.push(`  withheld: ${errors.length === 0 ? 'nothing' : ''}`, ...errors.map((e) => `    ${(e.path ?? []).join('.')}: ${String(e.extensions?.['rule'] ?? e.extensions?.['partnerCode'] ?? e.extensions?.['code'])}: ${String(e.extensions?.['reason'] ?? e.message)}`));
    const minimised = minimisedFields(answer.body);
    out.push(`  minimised: ${minimised.length === 0 ? 'nothing' : ''}`, ...minimised.map((m) => `    ${m}`));
  }
  const problems = [...step.expect(answer, state), ...checkMinimised(step, answer)];
  out.push(problems.length === 0 ? '  ✓ as the story says' : `  ✗ NOT as the story says:\n${problems.map((p) => `    ${p}`).join('\n')}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return problems.length === 0;
}

async function startFor(dataDir: string, clockStart: string): Promise<{ doelpoort: Doelpoort; target: Target }> {
  const config = loadConfig({ env: { DOELPOORT_DATA_DIR: dataDir, DOELPOORT_PORT: '0', DOELPOORT_LOG_LEVEL: 'error', DOELPOORT_CLOCK_START: clockStart } });
  const doelpoort = await startDoelpoort(config, { embedded: embeddedDefault });
  return { doelpoort, target: { url: doelpoort.url, issuer: doelpoort.localIssuer! } };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const stories = STORIES.filter((s) => options.stories.includes(s.number));
  const state: StoryState = new Map();
  let failed = 0;
  const run = async (target: Target, beforeOverlap: boolean) => {
    for (const story of stories) {
      const steps = story.steps.map((step, i) => [i, step] as const).filter(([, step]) => (step.beforeOverlap ?? false) === beforeOverlap);
      if (steps.length === 0) continue;
      process.stdout.write(`\n=== Story ${story.number}: ${story.title}${beforeOverlap ? ' — on 2026-04-01, before the overlap' : ''} ===\n`);
      for (const [i, step] of steps) if (!(await tell(target, `${story.number}.${i + 1}`, step, state))) failed++;
    }
  };

  if (options.url !== undefined) {
    process.stdout.write(`Telling the stories against ${options.url} (the steps before the overlap need the demo's own gateway and are skipped).\n`);
    await run({ url: options.url, issuer: await ensureLocalIssuer(options.dataDir!) }, false);
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-demo-'));
    try {
      for (const [clockStart, beforeOverlap] of [[BEFORE_OVERLAP, true], [CASE_WORK, false]] as const) {
        process.stdout.write(`\nStarting the embedded default at ${clockStart} (data in ${dataDir}) …\n`);
        const { doelpoort, target } = await startFor(dataDir, clockStart);
        try {
          await run(target, beforeOverlap);
        } finally {
          await doelpoort.stop();
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  process.stdout.write(failed === 0 ? '\nEvery step turned out as the story says.\n' : `\n${failed} step(s) did not turn out as the story says.\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The demo could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
