import type { Queryable } from '../db/connection-types.ts';
import { REFERENCE_CLUSTERS, REFERENCE_COUNTRIES } from './reference-data.ts';

/**
 * Adds the built-in countries and clusters that are missing. Existing rows are left alone, so a
 * vendor's own edits survive; runs after every migration (cheap: a few dozen rows).
 */
export async function seedReferenceData(db: Queryable): Promise<void> {
  await db.query(
    `insert into countries (code, name, currency, language)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
     on conflict (code) do nothing`,
    [
      REFERENCE_COUNTRIES.map((c) => c.code),
      REFERENCE_COUNTRIES.map((c) => c.name),
      REFERENCE_COUNTRIES.map((c) => c.currency),
      REFERENCE_COUNTRIES.map((c) => c.language),
    ],
  );
  await db.query(
    `insert into clusters (cluster_id, name) select * from unnest($1::text[], $2::text[])
     on conflict (cluster_id) do nothing`,
    [REFERENCE_CLUSTERS.map((c) => c.clusterId), REFERENCE_CLUSTERS.map((c) => c.name)],
  );
  const pairs = REFERENCE_CLUSTERS.flatMap((cluster) => cluster.countries.map((code) => [cluster.clusterId, code]));
  await db.query(
    `insert into cluster_countries (cluster_id, country_code)
     select * from unnest($1::text[], $2::text[])
     on conflict do nothing`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}
