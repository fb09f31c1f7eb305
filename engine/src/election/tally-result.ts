/** What the tally reports. Areas are exact decimal strings in m²; ratios are numbers for display only. */

export type TallyWarningCode =
  /** A ballot names an owner group that is not in the register; it is not counted. */
  | 'BALLOT_UNKNOWN_OWNER_GROUP'
  /** An owner returned more than one ballot; the first counts, the later ones are rejected. */
  | 'BALLOT_DUPLICATE'
  /** A ballot chose ids that are not on the slate; those choices are ignored, the rest count. */
  | 'CHOICE_UNKNOWN_CANDIDATE'
  /** A ballot chose more candidates than there are seats; its choices are void, the owner still took part. */
  | 'BALLOT_TOO_MANY_CHOICES'
  /** Participation is below 2/3 of the area or of the owners; nobody is elected. */
  | 'QUORUM_NOT_MET'
  /** Candidates tie for the last seat(s); none of them takes the contested seat(s). */
  | 'TIE_AT_LAST_SEAT'
  /** Fewer candidates were elected than there are seats: 另行选举 or 候补. */
  | 'SEATS_UNFILLED'
  /** Less than half of the elected are party members (local policy; it never voids the result). */
  | 'PARTY_SHARE_BELOW_HALF';

export interface TallyWarning {
  code: TallyWarningCode;
  message: string;
  candidateIds?: string[];
}

export interface CandidateTally {
  candidateId: string;
  /** Exclusive area of the owners who chose this candidate, m². */
  area: string;
  /** Owners who chose this candidate. */
  owners: number;
  elected: boolean;
}

export interface TallyResult {
  quorumMet: boolean;
  participation: {
    /** Exclusive area of the owners who returned a counted ballot, m². */
    area: string;
    owners: number;
    totalArea: string;
    totalOwners: number;
    areaRatio: number;
    ownerRatio: number;
  };
  /** Every candidate, in rank order: owners descending, then area descending, then slate order. */
  results: CandidateTally[];
  /** Elected candidate ids in rank order. */
  elected: string[];
  /** Party members among the elected (0..1); 0 when nobody is elected. */
  partyShare: number;
  warnings: TallyWarning[];
}
