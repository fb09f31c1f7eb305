import type { SlateCandidate } from './candidate-slate.js';
import type { TallyWarning } from './tally-result.js';

/**
 * The party-member share of the elected committee. The 50% figure is local policy (e.g. Shenzhen "一般不低于50%"), not
 * law: it is reported and warned about, and never changes who is elected.
 */
export function measurePartyShare(elected: SlateCandidate[]): { share: number; warning?: TallyWarning } {
  // Nobody elected means no committee to measure; the quorum or unfilled-seat warning already says why.
  if (elected.length === 0) return { share: 0 };
  const members = elected.filter((c) => c.isPartyMember).length;
  const share = members / elected.length;
  if (2 * members >= elected.length) return { share };
  return {
    share,
    warning: {
      code: 'PARTY_SHARE_BELOW_HALF',
      message:
        `${members} of ${elected.length} elected members are party members (${(share * 100).toFixed(1)}%), ` +
        'below the 50% target; the result stands.',
    },
  };
}
