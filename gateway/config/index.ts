/** The gateway's configuration: see docs/configuration.md for every key. */
export { loadConfig, type LoadConfigOptions } from './load.ts';
export { ConfigError } from './errors.ts';
export { JWS_ALGORITHMS, type AuthConfig, type Config, type LimitsConfig } from './schema.ts';
export { SETTINGS, CONFIG_FILE_ENV, type Setting } from './settings.ts';
