import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../engine/src/program-schema.ts';
import { flattenMessages } from '../src/i18n/catalog.ts';
import { vendorCatalog } from '../src/vendor/messages.ts';
import { readCommonFields, writeCommonField } from '../src/vendor/program-form.ts';

const PROGRAM = `# Spring campaign, agreed with sales
id: spring-push
name: Spring push # shown to partners
unit: EUR
start: 2025-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: revenue }
rewards:
  - type: percent_of_revenue
    percent: 2
budget: { amount: 5000, policy: pro_rata }
payout_due_days: 14
`;

describe('the program form', () => {
  it('reads the common fields from the YAML', () => {
    expect(readCommonFields(PROGRAM)).toEqual({
      id: 'spring-push',
      name: 'Spring push',
      unitKind: 'cash',
      currency: 'EUR',
      periodKind: 'month',
      periodDays: '',
      start: '2025-01-01',
      end: '',
      participants: 'partners',
      partnerTypes: ['reseller'],
      countries: [],
      clusters: [],
      levels: [],
      excludeIndividualAgreements: false,
      budgetAmount: '5000',
      budgetPolicy: 'pro_rata',
      payoutDueDays: '14',
    });
  });

  it('shows nothing while the YAML cannot be read, and leaves such text alone', () => {
    expect(readCommonFields('name: [unclosed')).toBeNull();
    expect(writeCommonField('name: [unclosed', 'name', 'x')).toBe('name: [unclosed');
  });

  it('rewrites only the changed field, keeping comments and the rest of the document', () => {
    const text = writeCommonField(PROGRAM, 'name', 'Summer push');
    // The yaml library pads flow sequences (`[ reseller ]`); everything else stays as written.
    const unpadded = text.replaceAll('[ ', '[').replaceAll(' ]', ']');
    expect(unpadded).toBe(PROGRAM.replace('name: Spring push', 'name: Summer push'));
  });

  it.each([
    ['budgetAmount', '7500', 'amount: 7500'],
    ['budgetAmount', '7500.50', 'amount: "7500.50"'],
    ['payoutDueDays', '30', 'payout_due_days: 30'],
    ['unit', 'points', 'unit: points'],
    ['end', '2025-12-31', 'end: 2025-12-31'],
  ] as const)('writes %s %s as `%s`, keeping decimals exact', (field, value, expected) => {
    expect(writeCommonField(PROGRAM, field, value)).toContain(expected);
  });

  it('round-trips every common field through the YAML into a program the engine accepts', () => {
    let text = PROGRAM;
    text = writeCommonField(text, 'unit', 'SEK');
    text = writeCommonField(text, 'periodKind', 'days');
    text = writeCommonField(text, 'periodDays', '45');
    text = writeCommonField(text, 'end', '2025-12-31');
    text = writeCommonField(text, 'participants', 'reps');
    text = writeCommonField(text, 'partnerTypes', ['reseller', 'distributor']);
    text = writeCommonField(text, 'countries', ['SE', 'NO']);
    text = writeCommonField(text, 'clusters', ['nordics']);
    text = writeCommonField(text, 'levels', ['gold']);
    text = writeCommonField(text, 'excludeFlags', true);
    text = writeCommonField(text, 'budgetAmount', '12000.25');
    text = writeCommonField(text, 'budgetPolicy', 'first_come');
    expect(text).toContain('# shown to partners');
    const program = parseProgram(text);
    expect(program).toMatchObject({
      unit: 'SEK',
      period: { type: 'days', days: 45 },
      end: '2025-12-31',
      participants: 'reps',
      eligibility: {
        partner_types: ['reseller', 'distributor'],
        countries: ['SE', 'NO'],
        clusters: ['nordics'],
        levels: ['gold'],
        exclude_flags: ['individual_agreement'],
      },
      budget: { amount: '12000.25', policy: 'first_come' },
    });
    expect(readCommonFields(text)).toMatchObject({ periodDays: '45', excludeIndividualAgreements: true });
  });

  it('removes a cleared field, the day count of a period that is no longer in days, and an emptied budget', () => {
    let text = writeCommonField(PROGRAM, 'periodKind', 'days');
    expect(text).toContain('period: { type: days, days: 30 }');
    text = writeCommonField(text, 'periodKind', 'week');
    text = writeCommonField(text, 'budgetAmount', '');
    text = writeCommonField(text, 'budgetPolicy', '');
    text = writeCommonField(text, 'partnerTypes', []);
    expect(text).toContain('period: { type: week }');
    expect(text).not.toContain('budget');
    expect(text).not.toContain('partner_types');
    expect(text).not.toContain('eligibility');
  });
});

describe('the program form options', () => {
  // The form builds these keys from schema values, so the literal-key check cannot see them.
  it.each([
    ['form.unitKinds', ['cash', 'points', 'credits']],
    ['form.everyKinds', ['month', 'quarter', 'week', 'days']],
    ['form.participantKinds', ['partners', 'reps']],
    ['form.budgetPolicies', ['pro_rata', 'first_come', 'none']],
    ['form.partnerTypeNames', ['reseller', 'distributor']],
  ])('name every schema value of %s in English', (prefix, values) => {
    const english = flattenMessages(vendorCatalog.en);
    expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
  });
});
