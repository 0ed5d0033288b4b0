import BetterSqlite3 from 'better-sqlite3';
const db = new BetterSqlite3(process.argv[2]!, { readonly: true });
console.log(db.prepare(`SELECT table_name, op, count(*) n, avg(length(changes)) avg_len FROM sync_log GROUP BY 1,2`).all());
console.log(db.prepare(`SELECT changes FROM sync_log WHERE table_name='audit_log' LIMIT 1 OFFSET 100`).get());
