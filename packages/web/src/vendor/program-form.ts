import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** The common fields of a program as the form shows them: every value as the text the user edits. */
export interface CommonFields {
  id: string;
  name: string;
  unitKind: 'cash' | 'points' | 'credits';
  currency: string;
  periodKind: string;
  periodDays: string;
  start: string;
  end: string;
  participants: string;
  partnerTypes: string[];
  countries: string[];
  clusters: string[];
  levels: string[];
  excludeIndividualAgreements: boolean;
  budgetAmount: string;
  budgetPolicy: string;
  payoutDueDays: string;
}

/** Where each form field lives in the program document (the engine's schema names). */
export const FIELD_PATHS = {
  id: ['id'],
  name: ['name'],
  unit: ['unit'],
  periodKind: ['period', 'type'],
  periodDays: ['period', 'days'],
  start: ['start'],
  end: ['end'],
  participants: ['participants'],
  partnerTypes: ['eligibility', 'partner_types'],
  countries: ['eligibility', 'countries'],
  clusters: ['eligibility', 'clusters'],
  levels: ['eligibility', 'levels'],
  excludeFlags: ['eligibility', 'exclude_flags'],
  budgetAmount: ['budget', 'amount'],
  budgetPolicy: ['budget', 'policy'],
  payoutDueDays: ['payout_due_days'],
} as const;

export type FieldName = keyof typeof FIELD_PATHS;

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';
}

function texts(value: unknown): string[] {
  return isSeq(value)
    ? value.items.map((item) => text(isScalar(item) ? item.value : item)).filter((t) => t !== '')
    : [];
}

/** The form's values read from the YAML text; null when the text is not a YAML mapping (the form then waits). */
export function readCommonFields(source: string): CommonFields | null {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  const get = (path: readonly string[]) => text(doc.getIn(path));
  const unit = get(FIELD_PATHS.unit);
  const excludeFlags = texts(doc.getIn(FIELD_PATHS.excludeFlags, true));
  return {
    id: get(FIELD_PATHS.id),
    name: get(FIELD_PATHS.name),
    unitKind: unit === 'points' || unit === 'credits' ? unit : 'cash',
    currency: unit === 'points' || unit === 'credits' ? '' : unit,
    periodKind: get(FIELD_PATHS.periodKind),
    periodDays: get(FIELD_PATHS.periodDays),
    start: get(FIELD_PATHS.start),
    end: get(FIELD_PATHS.end),
    participants: get(FIELD_PATHS.participants),
    partnerTypes: texts(doc.getIn(FIELD_PATHS.partnerTypes, true)),
    countries: texts(doc.getIn(FIELD_PATHS.countries, true)),
    clusters: texts(doc.getIn(FIELD_PATHS.clusters, true)),
    levels: texts(doc.getIn(FIELD_PATHS.levels, true)),
    excludeIndividualAgreements: excludeFlags.includes('individual_agreement'),
    budgetAmount: get(FIELD_PATHS.budgetAmount),
    budgetPolicy: get(FIELD_PATHS.budgetPolicy),
    payoutDueDays: get(FIELD_PATHS.payoutDueDays),
  };
}

/** A whole number the YAML can hold as a plain number without losing a digit; anything else stays the exact text. */
function scalarOf(value: string): string | number {
  return /^(0|[1-9]\d{0,14})$/.test(value) ? Number(value) : value;
}

/** Removes a value and then any mapping it leaves empty on the way up, so clearing a field leaves no `budget: {}`. */
function deletePruning(doc: ReturnType<typeof parseDocument>, path: readonly string[]): void {
  doc.deleteIn(path);
  for (let depth = path.length - 1; depth > 0; depth -= 1) {
    const parent = doc.getIn(path.slice(0, depth), true);
    if (isMap(parent) && parent.items.length === 0) doc.deleteIn(path.slice(0, depth));
    else break;
  }
}

export type FieldValue = string | string[] | boolean;

/**
 * The YAML text with one common field changed. The rest of the document (comments, order, flow
 * style, fields the form does not show) stays as written; an empty value removes the field.
 * Returns the text unchanged when it is not a YAML mapping.
 */
export function writeCommonField(source: string, field: FieldName, value: FieldValue): string {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return source;
  const path = FIELD_PATHS[field];
  if (field === 'excludeFlags') {
    const others = texts(doc.getIn(path, true)).filter((flag) => flag !== 'individual_agreement');
    const flags = value === true ? [...others, 'individual_agreement'] : others;
    if (flags.length === 0) deletePruning(doc, path);
    else doc.setIn(path, flags);
  } else if (Array.isArray(value)) {
    if (value.length === 0) deletePruning(doc, path);
    else doc.setIn(path, value);
  } else if (typeof value === 'string') {
    const numeric = field === 'budgetAmount' || field === 'periodDays' || field === 'payoutDueDays';
    if (value === '' && field !== 'name' && field !== 'unit' && field !== 'id') deletePruning(doc, path);
    else doc.setIn(path, numeric ? scalarOf(value) : value);
    // A period of N days needs its count; the other kinds must not have one.
    if (field === 'periodKind' && value !== 'days') deletePruning(doc, FIELD_PATHS.periodDays);
    if (field === 'periodKind' && value === 'days' && !doc.hasIn(FIELD_PATHS.periodDays)) {
      doc.setIn(FIELD_PATHS.periodDays, 30);
    }
  }
  return doc.toString();
}
