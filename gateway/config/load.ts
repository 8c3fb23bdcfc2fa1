/**
 * loadConfig: the gateway's configuration from its file and environment, validated as one, or a
 * ConfigError whose every line names the key, where its value came from, what is wrong and an
 * example of a right value.
 */
import type { z } from 'zod';
import { ConfigError } from './errors.ts';
import { configSchema } from './schema.ts';
import type { Config } from './schema.ts';
import { envExample, fileExample, keysUnder, settingFor } from './settings.ts';
import type { Setting } from './settings.ts';
import { configFilePath, mergeConfig, readConfigFile, readEnv } from './sources.ts';
import type { Env, EnvValue, RawConfig } from './sources.ts';

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: Env;
  /** Command-line arguments; only --config <file> is understood. */
  argv?: readonly string[];
  /** The config file's path; overrides --config and DOELPOORT_CONFIG. */
  file?: string;
}

export function loadConfig({ env = process.env, argv = [], file }: LoadConfigOptions = {}): Config {
  const location = configFilePath(file, argv, env);
  const fromFile = location === undefined ? {} : readConfigFile(location.path, location.from);
  const fromEnv = readEnv(env);
  if (fromEnv.problems.length > 0) throw new ConfigError(fromEnv.problems);

  const parsed = configSchema.safeParse(mergeConfig(fromFile, fromEnv.config));
  if (parsed.success) return parsed.data;
  const sources = new Sources(fromFile, location?.path, fromEnv.values);
  throw new ConfigError(parsed.error.issues.flatMap((issue) => describeIssue(issue, sources)));
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue, sources: Sources): string[] {
  const key = keyOf(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = keysUnder(key).join(', ');
    return issue.keys.map((unknown) => {
      const where = key === '' ? 'at the top level' : `in ${key}`;
      return `Configuration error: ${joinKey(key, unknown)} (${sources.describe(joinKey(key, unknown))}): unknown key. The keys ${where} are: ${known}.`;
    });
  }
  const setting = settingFor(key);
  const source = sources.describe(key);
  const wrong = isExplained(issue) ? issue.message : `expected ${setting?.expected ?? issue.message}`;
  const example = setting === undefined ? '' : `, e.g. ${sources.example(setting)}`;
  return [`Configuration error: ${key} (${source}): ${wrong}${example}`];
}

function isExplained(issue: Issue): boolean {
  return issue.code === 'custom' && issue.params?.['explained'] === true;
}

function keyOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((key, segment) => (typeof segment === 'number' ? `${key}[${segment}]` : joinKey(key, String(segment))), '');
}

function joinKey(section: string, key: string): string {
  return section === '' ? key : `${section}.${key}`;
}

/** Where each value came from, for messages. */
class Sources {
  constructor(
    private readonly file: RawConfig,
    private readonly filePath: string | undefined,
    private readonly envValues: readonly EnvValue[],
  ) {}

  describe(key: string): string {
    const fromEnv = this.envValuesAt(key);
    if (fromEnv.length > 0) return `from env ${fromEnv.map(describeEnvValue).join(', ')}`;
    if (this.filePath !== undefined && this.fileHas(key)) return `from file ${this.filePath}`;
    return 'not set';
  }

  example(setting: Setting): string {
    const inEnv = this.envValuesAt(setting.key).length > 0;
    const inFile = this.filePath !== undefined && this.fileHas(setting.key);
    if (inEnv) return envExample(setting);
    if (inFile) return fileExample(setting);
    return `${envExample(setting)} or ${fileExample(setting)} in the config file`;
  }

  /** The environment variables that set this key or a key inside it. */
  private envValuesAt(key: string): EnvValue[] {
    const plain = key.replace(/\[\d+\]/g, '');
    return this.envValues.filter(({ setting }) => setting.key === plain || setting.key.startsWith(`${plain}.`) || plain.startsWith(`${setting.key}.`));
  }

  private fileHas(key: string): boolean {
    let value: unknown = this.file;
    for (const segment of key.replace(/\[(\d+)\]/g, '.$1').split('.')) {
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return false;
      value = (value as Record<string, unknown>)[segment];
    }
    return true;
  }
}

function describeEnvValue({ setting, raw }: EnvValue): string {
  return setting.secret === true ? setting.env : `${setting.env}=${JSON.stringify(raw)}`;
}
