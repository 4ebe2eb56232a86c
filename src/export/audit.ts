// Reads the exported files back and lists every setting name in them that is not in names.ts: the
// tests run it on every export (and on one with a made-up name, which it must catch).
import { shellWords } from './shellWords';
import {
  CONSOLE_READER_PROPERTIES,
  IMAGE_VARIABLES,
  KAFKA_BROKER_CONFIGS,
  KAFKA_CONSUMER_CONFIGS,
  KAFKA_PRODUCER_CONFIGS,
  KAFKA_TOPIC_CONFIGS,
  SPARK_CONFS,
  SPARK_STREAM_OPTIONS,
  SPARK_SUBMIT_OPTIONS,
  configOfKafkaEnv,
  kafkaEnvName,
} from './names';
import type { ExportedFile } from './index';

const SHELL_OPERATORS = new Set(['|', '||', '&', '&&', ';', '>', '2>&1']);

/** "file: what" for every name the files use that the allow-lists do not hold. */
export function auditNames(files: readonly ExportedFile[]): string[] {
  const problems: string[] = [];
  const check = (file: string, kind: string, name: string, allowed: ReadonlySet<string>) => {
    if (!allowed.has(name)) problems.push(`${file}: unknown ${kind} "${name}"`);
  };
  for (const f of files) {
    if (f.path === 'compose.yaml') {
      for (const m of f.text.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)) {
        const name = m[1]!;
        if (IMAGE_VARIABLES.has(name)) continue;
        const config = configOfKafkaEnv(name);
        if (config === undefined || kafkaEnvName(config) !== name) {
          problems.push(`${f.path}: "${name}" is neither a KAFKA_ setting nor a known image variable`);
          continue;
        }
        check(f.path, 'broker setting', config, KAFKA_BROKER_CONFIGS);
      }
    }
    if (f.path.endsWith('.sh')) {
      for (const line of f.text.split('\n')) {
        if (line.trimStart().startsWith('#')) continue;
        const words = shellWords(line);
        for (let i = 0; i < words.length; i++) {
          const w = words[i]!;
          if (w === '--config' && line.includes('kafka-topics.sh'))
            check(f.path, 'topic setting', words[i + 1]!.split('=')[0]!, KAFKA_TOPIC_CONFIGS);
          if (w === '--producer-property')
            check(f.path, 'producer setting', words[i + 1]!.split('=')[0]!, KAFKA_PRODUCER_CONFIGS);
          if (w === '--property' && line.includes('kafka-console-producer.sh'))
            check(
              f.path,
              'console producer property',
              words[i + 1]!.split('=')[0]!,
              CONSOLE_READER_PROPERTIES,
            );
          if (w === '--producer-props')
            for (
              let j = i + 1;
              j < words.length && !words[j]!.startsWith('--') && !SHELL_OPERATORS.has(words[j]!);
              j++
            )
              check(f.path, 'producer setting', words[j]!.split('=')[0]!, KAFKA_PRODUCER_CONFIGS);
        }
        const submit = words.findIndex((w) => w === 'spark-submit' || w.endsWith('/spark-submit'));
        if (submit >= 0)
          for (let i = submit + 1; i < words.length; i++) {
            const w = words[i]!;
            if (w.startsWith('--')) check(f.path, 'spark-submit option', w, SPARK_SUBMIT_OPTIONS);
            if (w === '--conf') check(f.path, 'Spark setting', words[i + 1]!.split('=')[0]!, SPARK_CONFS);
          }
      }
    }
    if (f.path.endsWith('.properties'))
      for (const line of f.text.split('\n')) {
        if (line.startsWith('#') || !line.includes('=')) continue;
        check(f.path, 'consumer setting', line.split('=')[0]!, KAFKA_CONSUMER_CONFIGS);
      }
    if (f.path.endsWith('.py')) {
      for (const m of f.text.matchAll(/\.option\("([^"]+)"/g))
        check(f.path, 'source/sink option', m[1]!, SPARK_STREAM_OPTIONS);
      for (const m of f.text.matchAll(/\.config\("([^"]+)"/g))
        check(f.path, 'Spark setting', m[1]!, SPARK_CONFS);
    }
  }
  return problems;
}
