import type { MasterIndex, Partner } from '../master-data.ts';
import type { Program } from '../program-schema.ts';

export interface Eligibility {
  eligible: boolean;
  reason: string;
}

/**
 * Whether a reseller's lines count: partner type, level (case-insensitive), country, country
 * cluster and flags. Each criterion that is given must hold.
 */
export function partnerEligibility(program: Program, partner: Partner | undefined, index: MasterIndex): Eligibility {
  if (partner === undefined) return { eligible: false, reason: 'unknown partner' };
  const rules = program.eligibility;
  if (rules.partner_types && !rules.partner_types.includes(partner.type)) {
    return { eligible: false, reason: `type ${partner.type} not in ${rules.partner_types.join(', ')}` };
  }
  if (rules.levels && !rules.levels.some((level) => level.toLowerCase() === partner.level.toLowerCase())) {
    return { eligible: false, reason: `level "${partner.level}" not in ${rules.levels.join(', ')}` };
  }
  if (rules.countries && !rules.countries.includes(partner.country)) {
    return { eligible: false, reason: `country ${partner.country} not in ${rules.countries.join(', ')}` };
  }
  if (rules.clusters) {
    const clusters = index.countryClusters[partner.country] ?? [];
    if (!rules.clusters.some((cluster) => clusters.includes(cluster))) {
      return { eligible: false, reason: `country ${partner.country} not in cluster ${rules.clusters.join(', ')}` };
    }
  }
  if (rules.exclude_flags?.includes('individual_agreement') && partner.individualAgreement) {
    return { eligible: false, reason: 'has an individual agreement' };
  }
  return { eligible: true, reason: describeCriteria(program) };
}

function describeCriteria(program: Program): string {
  const rules = program.eligibility;
  const parts = [
    rules.partner_types?.join('/'),
    rules.levels?.join('/'),
    rules.countries?.join('/'),
    rules.clusters?.join('/'),
    rules.exclude_flags?.map((flag) => `no ${flag.replaceAll('_', ' ')}`).join(', '),
  ].filter((part) => part !== undefined && part !== '');
  return parts.length ? `eligible: ${parts.join(', ')}` : 'eligible: everyone';
}

/**
 * Who earns a line of an eligible reseller: in `reps` programs the rep named on the line when
 * the rep works for that reseller (and is in one of the `user_groups`, if given), otherwise the
 * reseller; in `partners` programs the reseller.
 */
export function earnerOfLine(
  program: Program,
  resellerId: string,
  repId: string | null,
  index: MasterIndex,
): { type: 'partner' | 'user'; id: string } {
  if (program.participants === 'reps' && repId !== null) {
    const rep = index.users.get(repId);
    const groups = program.eligibility.user_groups;
    if (rep !== undefined && rep.partnerId === resellerId && (!groups || rep.groups.some((g) => groups.includes(g)))) {
      return { type: 'user', id: rep.id };
    }
  }
  return { type: 'partner', id: resellerId };
}
