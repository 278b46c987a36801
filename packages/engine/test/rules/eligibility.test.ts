import { describe, expect, it } from 'vitest';
import { indexMasterData, parseProgram } from '../../src/index.ts';
import { earnerOfLine, partnerEligibility } from '../../src/rules/eligibility.ts';
import { master, partner } from '../helpers.ts';

const program = parseProgram(`
id: e
name: E
unit: points
start: 2026-01-01
period: { type: month }
participants: reps
eligibility: { partner_types: [reseller], levels: [gold], clusters: [DACH], user_groups: [sales], exclude_flags: [individual_agreement] }
measure: { metric: units }
rewards: [{ type: per_unit, by: sku, amounts: { X: 1 } }]
`);
const data = indexMasterData(
  master({
    users: [
      { id: 'U1', partnerId: 'R1', groups: ['sales'] },
      { id: 'U2', partnerId: 'R1', groups: ['support'] },
      { id: 'U3', partnerId: 'R9', groups: ['sales'] },
    ],
  }),
);

describe('eligibility', () => {
  it.each([
    { case: 'a gold reseller in DE', fields: { country: 'DE', level: 'GOLD' }, eligible: true },
    { case: 'a silver reseller', fields: { country: 'DE', level: 'silver' }, eligible: false },
    { case: 'a reseller outside the cluster', fields: { country: 'SE' }, eligible: false },
    { case: 'a distributor', fields: { country: 'DE', type: 'distributor' as const }, eligible: false },
    {
      case: 'a partner with an individual agreement',
      fields: { country: 'AT', individualAgreement: true },
      eligible: false,
    },
  ])('$case: eligible $eligible', ({ fields, eligible }) => {
    expect(partnerEligibility(program, partner({ id: 'R1', ...fields }), data).eligible).toBe(eligible);
  });

  it('an unknown reseller does not take part', () => {
    expect(partnerEligibility(program, undefined, data)).toEqual({ eligible: false, reason: 'unknown partner' });
  });

  it.each([
    { rep: 'U1', earner: 'user:U1' },
    { rep: 'U2', earner: 'partner:R1' },
    { rep: 'U3', earner: 'partner:R1' },
    { rep: 'U-unknown', earner: 'partner:R1' },
    { rep: null, earner: 'partner:R1' },
  ])('a line of R1 with rep $rep is earned by $earner', ({ rep, earner }) => {
    const result = earnerOfLine(program, 'R1', rep, data);
    expect(`${result.type}:${result.id}`).toBe(earner);
  });
});
