import BetterSqlite3 from 'better-sqlite3';
const db = new BetterSqlite3(process.argv[2]!, { readonly: true });
console.log(db.prepare(`SELECT name, sum(pgsize)/1048576.0 AS mb, count(*) pages FROM dbstat GROUP BY name ORDER BY mb DESC LIMIT 25`).all());
console.log(db.pragma('page_size'), db.pragma('freelist_count'));
