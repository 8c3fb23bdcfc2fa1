/**
 * Where configuration comes from: a JSON file, DOELPOORT_* environment variables and DATABASE_URL.
 * Each source becomes a raw object in the config file's shape, validated later as one.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors.ts';
import { CONFIG_FILE_ENV, SETTINGS } from './settings.ts';
import type { EnvKind, Setting } from './settings.ts';

export type Env = Readonly<Record<string, string | undefined>>;
export type RawConfig = Record<string, unknown>;

export interface EnvValue {
  setting: Setting;
  raw: string;
}

/** The config file's path: the `file` option, else `--config <file>`, else DOELPOORT_CONFIG. */
export function configFilePath(file: string | undefined, argv: readonly string[], env: Env): { path: string; from: string } | undefined {
  if (file !== undefined) return { path: file, from: 'option' };
  const fromArgv = configArgument(argv);
  if (fromArgv !== undefined) return { path: fromArgv, from: 'argument --config' };
  const fromEnv = env[CONFIG_FILE_ENV];
  return fromEnv === undefined ? undefined : { path: fromEnv, from: `env ${CONFIG_FILE_ENV}` };
}

function configArgument(argv: readonly string[]): string | undefined {
  let path: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg.startsWith('--config=')) path = arg.slice('--config='.length);
    else if (arg === '--config' && argv[i + 1] !== undefined) path = argv[(i += 1)];
    else if (arg === '--config') throw new ConfigError(['Configuration error: --config needs a file path, e.g. --config ./doelpoort.json']);
    else throw new ConfigError([`Configuration error: unknown command-line argument "${arg}". The only argument is --config <file>, e.g. --config ./doelpoort.json`]);
  }
  return path;
}

export function readConfigFile(path: string, from: string): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? String(error)})`;
    throw new ConfigError([`Configuration error: config file ${path} (from ${from}): ${reason}.`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`Configuration error: config file ${path} (from ${from}): not valid JSON: ${(error as Error).message}.`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`Configuration error: config file ${path} (from ${from}): expected a JSON object, e.g. {"gateway": {"port": 4000}}.`]);
  }
  return parsed as RawConfig;
}

/** The settings given in the environment, in the config file's shape, and where each came from. */
export function readEnv(env: Env): { config: RawConfig; values: EnvValue[]; problems: string[] } {
  const config: RawConfig = {};
  const values: EnvValue[] = [];
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw === undefined) continue;
    setAt(config, setting.key.split('.'), fromEnvString(setting.kind, raw));
    values.push({ setting, raw });
  }
  return { config, values, problems: unknownVariables(env) };
}

function fromEnvString(kind: EnvKind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'integer':
      return /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'list':
      return splitList(raw);
    case 'subgraphs': {
      const pairs = splitList(raw).map((pair) => /^([^=]+)=(.+)$/.exec(pair));
      return pairs.every((pair) => pair !== null) ? pairs.map((pair) => ({ name: pair[1], url: pair[2] })) : raw;
    }
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function setAt(target: RawConfig, [head, ...rest]: string[], value: unknown): void {
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const section = typeof child === 'object' && child !== null ? (child as RawConfig) : {};
  target[head] = section;
  setAt(section, rest, value);
}

const KNOWN_VARIABLES = [CONFIG_FILE_ENV, ...SETTINGS.map(({ env }) => env)];

function unknownVariables(env: Env): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('DOELPOORT_') && !KNOWN_VARIABLES.includes(name))
    .sort()
    .map((name) => {
      const suggestion = closest(name, KNOWN_VARIABLES);
      const hint = suggestion === undefined ? '' : ` Did you mean ${suggestion}?`;
      return `Configuration error: ${name} (from env): unknown variable.${hint} Every variable is listed in docs/configuration.md.`;
    });
}

/** The known name within a few typing mistakes of `name`, if any. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  const threshold = Math.max(2, Math.floor(name.length / 6));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= threshold && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The file's values with the environment's on top; lists are replaced, not merged. */
export function mergeConfig(base: RawConfig, over: RawConfig): RawConfig {
  const merged: RawConfig = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = merged[key];
    merged[key] = isSection(below) && isSection(value) ? mergeConfig(below, value) : value;
  }
  return merged;
}

function isSection(value: unknown): value is RawConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
