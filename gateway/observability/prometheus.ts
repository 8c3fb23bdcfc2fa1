/**
 * A small metrics registry that renders the Prometheus text exposition format (version 0.0.4):
 * counters, gauges and histograms with fixed buckets, each with a fixed set of label names.
 * Series render in the order they were first touched; metrics in the order they were registered.
 */
export type Labels = Readonly<Record<string, string>>;

export interface MetricOptions {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

export interface Counter {
  inc(labels?: Labels, by?: number): void;
}

export interface Gauge {
  set(value: number, labels?: Labels): void;
  inc(labels?: Labels, by?: number): void;
  dec(labels?: Labels, by?: number): void;
}

export interface Histogram {
  observe(value: number, labels?: Labels): void;
}

export interface Registry {
  counter(options: MetricOptions): Counter;
  gauge(options: MetricOptions): Gauge;
  /** `buckets` are upper bounds, strictly increasing; `+Inf` is added. */
  histogram(options: MetricOptions & { buckets: readonly number[] }): Histogram;
  render(): string;
}

/** The Prometheus client libraries' default buckets, in seconds. */
export const DEFAULT_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Series<T> {
  labels: string[];
  value: T;
}

interface Metric {
  render(): string[];
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  return `{${names.map((name, i) => `${name}="${escapeLabelValue(values[i]!)}"`).join(',')}}`;
}

/** The series of one metric, keyed by its label values in declared order. */
function seriesStore<T>(options: MetricOptions, initial: () => T) {
  const labelNames = options.labelNames ?? [];
  if (!METRIC_NAME.test(options.name)) throw new Error(`"${options.name}" is not a valid metric name`);
  for (const name of labelNames) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new Error(`"${name}" is not a valid label name for ${options.name}`);
  }
  const series = new Map<string, Series<T>>();
  return {
    labelNames,
    all: () => [...series.values()],
    get(labels: Labels = {}): Series<T> {
      const given = Object.keys(labels);
      if (given.length !== labelNames.length || !labelNames.every((name) => typeof labels[name] === 'string')) {
        throw new Error(`${options.name} takes the labels ${labelNames.join(', ') || '(none)'}; got ${given.join(', ') || '(none)'}`);
      }
      const values = labelNames.map((name) => labels[name]!);
      const key = JSON.stringify(values);
      let found = series.get(key);
      if (!found) {
        found = { labels: values, value: initial() };
        series.set(key, found);
      }
      return found;
    },
  };
}

function header(options: MetricOptions, type: string): string[] {
  return [`# HELP ${options.name} ${escapeHelp(options.help)}`, `# TYPE ${options.name} ${type}`];
}

/** Unlabelled counters and gauges show 0 before anything happened; labelled ones show their series. */
function scalarMetric(options: MetricOptions, type: 'counter' | 'gauge') {
  const store = seriesStore(options, () => 0);
  if (store.labelNames.length === 0) store.get();
  const metric: Metric = {
    render: () => [...header(options, type), ...store.all().map((s) => `${options.name}${labelText(store.labelNames, s.labels)} ${formatValue(s.value)}`)],
  };
  return { store, metric };
}

export function createRegistry(): Registry {
  const metrics: Metric[] = [];
  const names = new Set<string>();

  function register<T extends Metric>(name: string, metric: T): T {
    if (names.has(name)) throw new Error(`the metric ${name} is registered twice`);
    names.add(name);
    metrics.push(metric);
    return metric;
  }

  return {
    counter(options) {
      const { store, metric } = scalarMetric(options, 'counter');
      register(options.name, metric);
      return {
        inc(labels, by = 1) {
          if (!(by >= 0)) throw new Error(`${options.name} is a counter: it only goes up (got ${by})`);
          store.get(labels).value += by;
        },
      };
    },
    gauge(options) {
      const { store, metric } = scalarMetric(options, 'gauge');
      register(options.name, metric);
      return {
        set: (value, labels) => void (store.get(labels).value = value),
        inc: (labels, by = 1) => void (store.get(labels).value += by),
        dec: (labels, by = 1) => void (store.get(labels).value -= by),
      };
    },
    histogram(options) {
      const { buckets } = options;
      if (buckets.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= buckets[i - 1]!))) {
        throw new Error(`the buckets of ${options.name} must be finite and strictly increasing`);
      }
      if (options.labelNames?.includes('le')) throw new Error(`${options.name} is a histogram: "le" is not a label it may have`);
      const store = seriesStore(options, () => ({ counts: buckets.map(() => 0), sum: 0, count: 0 }));
      const name = options.name;
      register(name, {
        render: () => [
          ...header(options, 'histogram'),
          ...store.all().flatMap(({ labels, value }) => {
            const withLe = (le: number) => labelText([...store.labelNames, 'le'], [...labels, formatValue(le)]);
            const plain = labelText(store.labelNames, labels);
            return [
              ...buckets.map((le, i) => `${name}_bucket${withLe(le)} ${value.counts[i]}`),
              `${name}_bucket${withLe(Infinity)} ${value.count}`,
              `${name}_sum${plain} ${formatValue(value.sum)}`,
              `${name}_count${plain} ${value.count}`,
            ];
          }),
        ],
      });
      return {
        observe(value, labels) {
          const series = store.get(labels).value;
          buckets.forEach((le, i) => {
            if (value <= le) series.counts[i]! += 1;
          });
          series.sum += value;
          series.count += 1;
        },
      };
    },
    render: () => `${metrics.flatMap((m) => m.render()).join('\n')}\n`,
  };
}
