// The DuckDB baseline of `bench metrics`: loads the generated rows from CSV (timed apart), runs the
// statements of metrics.sql handed over in a JSON file, and prints timings and checksums as JSON.
// Usage: node metrics.mjs <data dir> <statements.json>
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dataDir, statementsFile] = process.argv.slice(2);
const { statements, checksums, threads, memory } = JSON.parse(readFileSync(statementsFile, 'utf8'));
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: memory, temp_directory: `${dataDir}/duckdb.tmp` });
const db = await instance.connect();

const csv = (file, columns) => `read_csv('${dataDir}/${file}', header = true, nullstr = '', columns = {${columns}})`;
let start = performance.now();
await db.run(`CREATE TABLE bench_communities AS SELECT * FROM ${csv('communities.csv', "'id': 'INTEGER', 'tz': 'VARCHAR'")}`);
await db.run(`CREATE TABLE bench_members AS SELECT * FROM ${csv('members.csv', "'community_id': 'INTEGER', 'member': 'INTEGER', 'is_staff': 'BOOLEAN'")}`);
await db.run(`CREATE TABLE bench_events AS SELECT * FROM ${csv('events.csv',
  "'community_id': 'INTEGER', 'seq': 'INTEGER', 'ms': 'BIGINT', 'kind': 'SMALLINT', 'member': 'INTEGER', 'channel': 'INTEGER', " +
  "'target': 'INTEGER', 'is_reply': 'BOOLEAN', 'inviter': 'INTEGER', 'link': 'INTEGER', 'mentions': 'INTEGER'")}`);
const loadSeconds = (performance.now() - start) / 1000;

const timings = [];
start = performance.now();
for (const sql of statements) {
  const one = performance.now();
  await db.run(sql);
  timings.push({ name: sql.split('\n')[0].trim(), seconds: (performance.now() - one) / 1000 });
}
const sqlSeconds = (performance.now() - start) / 1000;

const sums = {};
for (const [name, value] of (await db.runAndReadAll(checksums)).getRows()) {
  sums[name] = value === null ? 0 : Number(value);
}
const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];
console.log(JSON.stringify({ version, loadSeconds, sqlSeconds, timings, checksums: sums }));
