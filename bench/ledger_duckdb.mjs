// The top-20 re-exporters query of `keruen ledger top`, in DuckDB, on the items the ledger
// benchmark wrote: loads DIR/items.csv, runs the equivalent SQL, prints both times as JSON
// and writes DIR/duckdb_top.csv. Usage: node ledger_duckdb.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';

const dir = process.argv[2];
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();

let start = process.hrtime.bigint();
await db.run(`CREATE TABLE items AS SELECT * FROM read_csv('${dir}/items.csv', header = true,
  columns = {'party': 'VARCHAR', 'hs6': 'VARCHAR', 'flow': 'VARCHAR', 'country': 'VARCHAR',
             'net_kg': 'BIGINT'})`);
const loadMs = Number(process.hrtime.bigint() - start) / 1e6;

// Per company and code: kg imported and kg exported to Russia or Belarus; re-exported is the
// smaller of the two, summed over the company's codes.
const sql = `
  SELECT party, SUM(LEAST(in_kg, ru_kg)) AS reexported_kg
  FROM (SELECT party, hs6,
               SUM(CASE WHEN flow = 'in' THEN net_kg ELSE 0 END) AS in_kg,
               SUM(CASE WHEN flow = 'out' AND country IN ('RU', 'BY') THEN net_kg ELSE 0 END) AS ru_kg
        FROM items GROUP BY party, hs6)
  GROUP BY party HAVING SUM(LEAST(in_kg, ru_kg)) > 0
  ORDER BY reexported_kg DESC, party LIMIT 20`;
const runs = [];
let rows = [];
for (let i = 0; i < 5; ++i) {
  start = process.hrtime.bigint();
  const reader = await db.runAndReadAll(sql);
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  rows = reader.getRows();
}
runs.sort((a, b) => a - b);
writeFileSync(`${dir}/duckdb_top.csv`,
              'party,reexported_kg\n' + rows.map((r) => `${r[0]},${r[1]}`).join('\n') + '\n');
console.log(JSON.stringify({ load_ms: loadMs, query_ms_median: runs[2], query_ms_min: runs[0] }));
