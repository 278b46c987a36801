import type { SpurDb } from '../db/connection-types.ts';
import { type ImportOptions, type ImportReport, importMasterDataFile, type MasterDataEntity } from './import-runner.ts';
import { canonicalDecimal } from './row-fields.ts';

export const GOAL_METRICS = ['units', 'revenue'] as const;

export type GoalRecord = {
  program_id: string;
  participant_id: string;
  period_start: string;
  metric: (typeof GOAL_METRICS)[number];
  target: string;
};

/** goals.target is NUMERIC(20, 4). */
const TARGET_LIMITS = { integerDigits: 16, fractionDigits: 4 };

export const goalsEntity: MasterDataEntity<GoalRecord> = {
  entity: 'goal',
  columns: ['program_id', 'participant_id', 'period_start', 'metric', 'target'],
  idColumn: 'program_id,participant_id,period_start',

  parse(fields) {
    const program_id = fields.text('program_id');
    const participant_id = fields.text('participant_id');
    const period_start = fields.isoDate('period_start');
    const metric = fields.oneOf('metric', GOAL_METRICS);
    const target = fields.decimal('target', TARGET_LIMITS);
    if (metric === 'units' && target?.includes('.')) {
      fields.fail('target', fields.raw('target'), 'must be a whole number of units');
    }
    return { program_id, participant_id, period_start, metric, target };
  },

  naturalId: ({ program_id, participant_id, period_start }) =>
    program_id === undefined || participant_id === undefined || period_start === undefined
      ? undefined
      : `${program_id}/${participant_id}/${period_start}`,

  /** A goal belongs to a partner or a user (a rep); one that names neither would never be reached. */
  async checkReferences(tx, rows, errors) {
    const ids = [...new Set(rows.flatMap((row) => row.record.participant_id ?? []))];
    const { rows: known } = await tx.query<{ id: string }>(
      `select partner_id as id from partners where partner_id = any($1::text[])
       union select user_id from users where user_id = any($1::text[])`,
      [ids],
    );
    const participants = new Set(known.map((row) => row.id));
    for (const { line, record } of rows) {
      if (record.participant_id !== undefined && !participants.has(record.participant_id)) {
        errors.add(
          line,
          'unknown_reference',
          'participant_id',
          record.participant_id,
          'is neither a known partner nor a known user',
        );
      }
    }
  },

  async loadExisting(tx, records) {
    const { rows } = await tx.query<GoalRecord>(
      `select program_id, participant_id, period_start, metric, target::text as target from goals
       where (program_id, participant_id, period_start) in
         (select * from unnest($1::text[], $2::text[], $3::date[]))`,
      [records.map((r) => r.program_id), records.map((r) => r.participant_id), records.map((r) => r.period_start)],
    );
    return new Map(
      rows.map((row) => {
        const record = { ...row, target: canonicalDecimal(row.target) };
        return [goalsEntity.naturalId(record)!, record];
      }),
    );
  },

  async write(tx, changes) {
    const goals = changes.map((change) => change.after);
    await tx.query(
      `insert into goals (program_id, participant_id, period_start, metric, target)
       select * from unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::numeric[])
       on conflict (program_id, participant_id, period_start) do update
         set metric = excluded.metric, target = excluded.target`,
      [
        goals.map((g) => g.program_id),
        goals.map((g) => g.participant_id),
        goals.map((g) => g.period_start),
        goals.map((g) => g.metric),
        goals.map((g) => g.target),
      ],
    );
    return [];
  },
};

/** Imports a goals file (CSV or XLSX): `program_id,participant_id,period_start,metric,target`. */
export function importGoals(db: SpurDb, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importMasterDataFile(db, goalsEntity, path, options);
}
